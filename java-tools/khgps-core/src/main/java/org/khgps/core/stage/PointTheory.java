package org.khgps.core.stage;

import org.khgps.core.CavityTheory;
import org.khgps.core.StudyPoint;

/**
 * The replica-symmetric (cavity) theory of one point, beside its simulation ({@link CavityTheory}):
 * the fixed point's scalars and D(omega) at the geometric centres of {@code omegaEdges}.
 *
 * @param grid where the frequency grid came from ("dos file": the histogram's bins; "log-spaced")
 */
public record PointTheory(StudyPoint point, long seed, CavityTheory.Solution solution, CavityTheory.Spectrum spectrum,
                          double[] omegaEdges, String grid, CavityTheory.Settings settings) {

    /** The theory stage: the point's (h, J, kappa0) solved, D(omega) on the bins {@code edges}. */
    public static PointTheory solve(StudyPoint point, long seed, double[] edges, String grid, CavityTheory.Settings settings) {
        double[] omega = new double[edges.length - 1];
        for (int b = 0; b < omega.length; b++) {
            omega[b] = Math.sqrt(edges[b] * edges[b + 1]);
        }
        CavityTheory.Solution solution = CavityTheory.solve(point.h(), point.J(), point.kappa0(), settings);
        return new PointTheory(point, seed, solution, CavityTheory.spectrum(solution, omega, settings), edges, grid,
                settings);
    }

    /** {@code bins} logarithmic bins from {@code lo} to {@code hi} (0 &lt; lo &lt; hi): their bins + 1 edges. */
    public static double[] logEdges(double lo, double hi, int bins) {
        double[] edges = new double[bins + 1];
        for (int b = 0; b <= bins; b++) {
            edges[b] = lo * Math.pow(hi / lo, (double) b / bins);
        }
        return edges;
    }
}
