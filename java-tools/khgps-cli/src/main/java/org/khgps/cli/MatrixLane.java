package org.khgps.cli;

import org.khgps.core.CouplingOperator;
import org.khgps.core.SymmetricMatrix;

/** What one lane of the minimize stage owns: its couplings matrix and the product on it. */
record MatrixLane(SymmetricMatrix matrix, CouplingOperator operator) {
}
