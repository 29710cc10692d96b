package org.khgps.core;

/** What one lane of the minimize stage owns: its couplings matrix and the couplings-times-x product on it. */
public record MatrixLane(SymmetricMatrix matrix, CouplingOperator operator) {

    /** A zero matrix of size n with OpenBLAS products ({@code nativeProducts}) or pure-Java ones. */
    public static MatrixLane allocate(int n, boolean nativeProducts, int kernelThreads) {
        SymmetricMatrix m = SymmetricMatrix.allocate(n);
        return new MatrixLane(m, nativeProducts ? NativeLinalg.couplings(m) : CouplingOperator.java(m, kernelThreads));
    }
}
