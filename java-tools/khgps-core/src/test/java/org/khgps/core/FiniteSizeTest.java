package org.khgps.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The N -> infinity lines of points that differ only in N. */
class FiniteSizeTest {

    private static FiniteSize.Input in(int n, double j, double value, double err) {
        return new FiniteSize.Input(new StudyPoint(n, 0.01, j, 1.0), Map.of("A_g", new double[] {value, err}));
    }

    @Test
    void anExactLineInOneOverNGivesItsLimitAndSlopeWithTheErrorsUnscaled() {
        List<FiniteSize.Input> inputs = new ArrayList<>();
        for (int n : new int[] {8000, 1000, 4000, 2000}) {
            inputs.add(in(n, 0.2, 3 + 0.5 * 1000.0 / n, 0.1));
        }
        List<FiniteSize.Group> groups = FiniteSize.analyze(inputs, List.of("A_g"));
        assertEquals(1, groups.size());
        FiniteSize.Trend t = groups.get(0).trends().get(0);
        assertArrayEquals(new int[] {1000, 2000, 4000, 8000}, t.N(), "sorted by N");
        assertEquals(3, t.line().intercept(), 1e-12);
        assertEquals(0.5, t.line().slope(), 1e-12);
        assertEquals(t.line().interceptErr(), t.limitErr(), 0.0, "chi2/dof = 0: no scaling");
        // weighted least squares with equal errors 0.1 on x = 1, 0.5, 0.25, 0.125: var(slope) = 0.01 / Sxx
        double[] x = {1, 0.5, 0.25, 0.125};
        double mean = (1 + 0.5 + 0.25 + 0.125) / 4;
        double sxx = 0;
        for (double v : x) {
            sxx += (v - mean) * (v - mean);
        }
        assertEquals(0.1 / Math.sqrt(sxx), t.slopeErr(), 1e-12);
        assertEquals(0.5 / t.slopeErr(), t.slopeSigmas(), 1e-12);
    }

    @Test
    void scatterBeyondTheErrorsScalesThemUpBySqrtChi2PerDof() {
        // y = 3.2, 2.8, 2.8, 3.2 at x = 1, 0.5, 0.25, 0.125 on errors 0.1; the least-squares line and
        // its chi2 by hand: xbar = 0.46875, ybar = 3, Sxx = 0.44921875, Sxy = 0.075, slope = Sxy / Sxx,
        // chi2 = (Syy - Sxy^2 / Sxx) / 0.01 with Syy = 0.16, over 2 degrees of freedom
        List<FiniteSize.Input> inputs = List.of(in(1000, 0.2, 3.2, 0.1), in(2000, 0.2, 2.8, 0.1), in(4000, 0.2, 2.8, 0.1),
                in(8000, 0.2, 3.2, 0.1));
        FiniteSize.Trend t = FiniteSize.analyze(inputs, List.of("A_g")).get(0).trends().get(0);
        double slope = 0.075 / 0.44921875;
        double chi2PerDof = (0.16 - 0.075 * 0.075 / 0.44921875) / 0.01 / 2;
        assertEquals(slope, t.line().slope(), 1e-12);
        assertEquals(3 - slope * 0.46875, t.line().intercept(), 1e-12);
        assertEquals(chi2PerDof, t.line().chi2PerDof(), 1e-9);
        assertEquals(0.1 / Math.sqrt(0.44921875) * Math.sqrt(chi2PerDof), t.slopeErr(), 1e-12);
        assertEquals(t.line().interceptErr() * Math.sqrt(chi2PerDof), t.limitErr(), 1e-12);
    }

    @Test
    void aGroupSharesH_J_Kappa0AndTheDisorderMode() {
        List<FiniteSize.Input> inputs = new ArrayList<>();
        for (int n : new int[] {1000, 2000}) {
            inputs.add(in(n, 0.2, 1, 0.1));
            inputs.add(new FiniteSize.Input(new StudyPoint(n, 0.001, 0.2, 1.0), Map.of()));
            inputs.add(new FiniteSize.Input(new StudyPoint(n, 0.01, 0.2, 2.0), Map.of()));
            inputs.add(new FiniteSize.Input(new StudyPoint(n, 0.01, 0.2, 1.0, StudyPoint.COMMON), Map.of()));
        }
        inputs.add(new FiniteSize.Input(new StudyPoint(4000, 0.01, 0.2, 1.0, StudyPoint.COMMON), Map.of()));
        List<FiniteSize.Group> groups = FiniteSize.analyze(inputs, List.of("A_g"));
        assertEquals(4, groups.size(), "h, kappa0 and the disorder mode each make their own group");
        for (FiniteSize.Group g : groups) {
            assertEquals(g.disorder().equals(StudyPoint.COMMON) ? 3 : 2, g.points().size());
            assertTrue(g.points().stream().allMatch(p -> p.h() == g.h() && p.kappa0() == g.kappa0()
                    && p.disorder().equals(g.disorder())));
        }
    }

    @Test
    void groupsNeedTwoSizesAndALineNeedsThreeMeasuredOnes() {
        List<FiniteSize.Input> inputs = List.of(in(1000, 0.1, 5, 0.1), in(1000, 0.2, 4, 0.1), in(2000, 0.2, 4.1, 0.1),
                in(4000, 0.2, Double.NaN, Double.NaN), in(1000, 0.5, 1, 0.1), in(2000, 0.5, 1, 0.1), in(4000, 0.5, 1, 0.1));
        List<FiniteSize.Group> groups = FiniteSize.analyze(inputs, List.of("A_g", "x2"));
        assertEquals(List.of(0.2, 0.5), groups.stream().map(FiniteSize.Group::J).toList(), "J = 0.1 has one N");
        FiniteSize.Trend twoMeasured = groups.get(0).trends().get(0);
        assertEquals(3, twoMeasured.N().length);
        assertNull(twoMeasured.line(), "N = 4000 has no value: two sizes are no line");
        assertEquals(1, groups.get(1).trends().get(0).line().intercept(), 1e-12);
        assertNull(groups.get(1).trends().get(1).line(), "x2 was not given");
        assertTrue(Double.isNaN(groups.get(1).trends().get(1).value()[0]));
    }
}
