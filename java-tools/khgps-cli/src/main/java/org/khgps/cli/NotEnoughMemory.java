package org.khgps.cli;

import java.lang.management.ManagementFactory;
import com.sun.management.HotSpotDiagnosticMXBean;
import org.khgps.core.SymmetricMatrix;

/** The JVM may not hold the N x N matrix: said before any work starts (exit 3, retried with more memory). */
final class NotEnoughMemory extends RuntimeException {

    NotEnoughMemory(String message) {
        super(message);
    }

    /** Off-heap bytes this JVM may allocate (-XX:MaxDirectMemorySize, or the heap limit by default). */
    static long directLimit() {
        try {
            HotSpotDiagnosticMXBean bean = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            long value = Long.parseLong(bean.getVMOption("MaxDirectMemorySize").getValue());
            return value > 0 ? value : Runtime.getRuntime().maxMemory();
        } catch (RuntimeException e) {
            return Runtime.getRuntime().maxMemory();
        }
    }

    /** Throws unless one N x N matrix fits the off-heap limit. */
    static void checkMatrix(int n) {
        checkMatrix(n, 0);
    }

    /** Throws unless one N x N matrix and {@code workBytes} more fit the off-heap limit. */
    static void checkMatrix(int n, long workBytes) {
        long need = SymmetricMatrix.bytesFor(n) + workBytes;
        long limit = directLimit();
        if (need > limit) {
            throw new NotEnoughMemory(String.format(java.util.Locale.ROOT,
                    "N = %d needs %d MB off-heap for its N x N matrix (8 N^2 bytes) and work space, but this JVM may use %d MB: "
                            + "give the task more memory (about %d MB in all) or set -XX:MaxDirectMemorySize=%dm "
                            + "in KHGPS_JAVA_OPTS", n, need >> 20, limit >> 20, (need >> 20) + 512, (need >> 20) + 64));
        }
    }

    /**
     * The lanes of a minimize or diagonalize task, {@code workBytes} off-heap per lane besides its
     * matrix: refused before any work if one matrix does not fit, and the native kernels' threads set.
     */
    static org.khgps.core.Lanes lanes(int n, int threads, long workBytes, boolean nativeKernels) {
        checkMatrix(n, workBytes);
        org.khgps.core.Lanes lanes = org.khgps.core.Lanes.plan(n, threads, directLimit(),
                org.khgps.core.SymmetricMatrix.bytesFor(n) + workBytes, nativeKernels);
        org.khgps.core.NativeLinalg.setThreads(lanes.kernelThreads());
        return lanes;
    }
}
