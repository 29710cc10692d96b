package org.khgps.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Analysis across the points of a study (the paper's Figs. 3-6): omega_x per point from the
 * collapse, and per family of points that differ only in J (same N, h, kappa0): the maximum of
 * A_g(J) (J_x), the weak-interaction test and the intermediate-regime power laws.
 *
 * <ul>
 *   <li>Weak regime: points left of their family's maximum of A_g (J < J_x); in a family with no
 *       interior maximum, points whose omega_x is within 20% of h^(1/3).</li>
 *   <li>Weak-interaction test (Fig. 4): ln(kappa0^(1/2) h^(2/3) J A_g) against
 *       kappa0 h^(2/3) / J^2, pooled over all weak-regime points, weighted by A_g's errors.</li>
 *   <li>Intermediate regime: points right of the maximum (J > J_x): ln omega_x and ln A_g
 *       against ln J, weighted least squares.</li>
 * </ul>
 */
public final class StudyAnalysis {

    /** A point is weak when its omega_x (onto G) is within this fraction of h^(1/3). */
    static final double WEAK_TOLERANCE = 0.2;

    /** Weak by omega_x alone (false for NaN): the regime rule without a maximum, and the family anchor. */
    static boolean isWeak(double omegaXOverH13) {
        return Math.abs(omegaXOverH13 - 1) <= WEAK_TOLERANCE;
    }

    /** What one point contributes (aGErr NaN: A_g is not from an omega^4 window; left out of the fits). */
    public record PointInput(StudyPoint point, double aG, double aGErr, double x2, double x2Err,
                             double[] kappa, double[] partialX2, double[] partialX2Err) {
    }

    /**
     * omega_x of one point, and which regime it was put in.
     *
     * @param omegaX       from the collapse onto the exact J = 0 curve G
     * @param omegaXFamily from the collapse of the point's family onto itself (the paper's way), the
     *                     weakest-J point pinned to h^(1/3); its error (0 for the anchor)
     */
    public record PointResult(StudyPoint point, Collapse.Result omegaX, double omegaXOverH13, String regime,
                              double omegaXFamily, double omegaXFamilyErr) {
    }

    /**
     * The paper's Eq. (4), A_g ~ 1/(kappa0 omega_x^3) for J > J_x: the weighted line through
     * ln(kappa0 omega_x^3 A_g) against ln J over the intermediate points. Eq. (4) holds if the slope
     * is 0: {@code consistentWithZero} is |slope| <= 2 slopeErr, slopeErr the fit's error scaled
     * up by sqrt(chi2/dof) when that exceeds 1.
     */
    public record Eq4(LinearFit fit, double slopeErr, boolean consistentWithZero) {
    }

    /**
     * A family of points differing only in J.
     *
     * @param omegaXFamilyPowerLaw ln omega_x (family collapse) against ln J, intermediate points
     * @param eq4Family Eq. (4) with omega_x from the family collapse; eq4Master with the one onto G
     * @param familyRmsLogDeviation rms pairwise log-deviation of the family collapse
     */
    public record Family(int N, double h, double kappa0, List<StudyPoint> points, double jX, boolean interiorMaximum,
                         LinearFit omegaXPowerLaw, LinearFit aGPowerLaw, LinearFit omegaXFamilyPowerLaw,
                         Eq4 eq4Family, Eq4 eq4Master, double familyRmsLogDeviation) {
    }

    /**
     * @param warnings why a value is NaN or a fit null where the data did not allow it (a point with too
     *                 few points of &lt;x^2&gt;(kappa) for the collapse, a line through fewer than two distinct x)
     */
    public record Result(List<PointResult> points, List<Family> families, LinearFit weakTest, int weakPoints,
                         List<String> warnings) {
    }

    private StudyAnalysis() {
    }

    public static Result analyze(List<PointInput> inputs) {
        List<String> warnings = new ArrayList<>();
        Map<StudyPoint, Collapse.Result> omega = new LinkedHashMap<>();
        for (PointInput in : inputs) {
            try {
                omega.put(in.point(), Collapse.omegaX(in.kappa(), in.partialX2(), in.partialX2Err(), in.point().kappa0()));
            } catch (IllegalArgumentException e) {
                omega.put(in.point(), new Collapse.Result(Double.NaN, Double.NaN, Double.NaN, 0));
                warnings.add("point " + in.point().id() + ": omega_x is NaN: " + e.getMessage());
            }
        }
        Map<String, List<PointInput>> families = new LinkedHashMap<>();
        for (PointInput in : inputs) {
            StudyPoint p = in.point();
            // a family is one protocol's: points that differ only in it are compared point by point, not as one J sweep
            families.computeIfAbsent(p.N() + "|" + p.h() + "|" + p.kappa0() + "|" + p.disorder() + "|" + p.protocol(),
                    k -> new ArrayList<>()).add(in);
        }
        Map<StudyPoint, String> regime = new LinkedHashMap<>();
        Map<StudyPoint, double[]> familyOmega = new LinkedHashMap<>();
        List<Family> out = new ArrayList<>();
        for (List<PointInput> family : families.values()) {
            family.sort(Comparator.comparingDouble(in -> in.point().J()));
            StudyPoint first = family.get(0).point();
            String name = "family N = " + first.N() + ", h = " + first.h() + ", kappa0 = " + first.kappa0() + ": ";
            // the paper's omega_x: the family collapsed onto itself, the weakest J pinned to h^(1/3)
            Collapse.FamilyResult fam;
            double anchorRatio = omega.get(first).omegaX() / Math.cbrt(first.h());
            try {
                if (first.h() > 0 && !isWeak(anchorRatio)) {
                    // pinning an intermediate point to h^(1/3) would put every omega_x_family off by its factor
                    throw new IllegalArgumentException(String.format("its weakest point (J = %s) is not weak "
                            + "(omega_x / h^(1/3) = %.3g onto G), so nothing anchors the family to h^(1/3): add a weak point",
                            first.J(), anchorRatio));
                }
                fam = Collapse.family(family.stream().map(PointInput::kappa).toArray(double[][]::new),
                        family.stream().map(PointInput::partialX2).toArray(double[][]::new),
                        family.stream().map(PointInput::partialX2Err).toArray(double[][]::new), first.kappa0(), 0,
                        first.h() > 0 ? Math.cbrt(first.h()) : omega.get(first).omegaX(),
                        family.stream().mapToDouble(in -> omega.get(in.point()).omegaX()).toArray());
            } catch (IllegalArgumentException e) {
                double[] nan = new double[family.size()];
                java.util.Arrays.fill(nan, Double.NaN);
                fam = new Collapse.FamilyResult(nan, nan.clone(), Double.NaN, 0);
                warnings.add(name + "omega_x_family is NaN: " + e.getMessage());
            }
            for (int i = 0; i < family.size(); i++) {
                familyOmega.put(family.get(i).point(), new double[] {fam.omegaX()[i], fam.omegaXErr()[i]});
            }
            int best = 0;
            for (int i = 1; i < family.size(); i++) {
                // points without an A_g (NaN: no window) cannot be the maximum
                if (family.get(i).aG() > family.get(best).aG() || !(family.get(best).aG() > 0)) {
                    best = i;
                }
            }
            boolean interior = best > 0 && best < family.size() - 1;
            double jX = family.get(best).point().J();
            if (interior) {
                jX = parabolaPeak(family.get(best - 1), family.get(best), family.get(best + 1));
            }
            double h13 = Math.cbrt(first.h());
            List<PointInput> right = new ArrayList<>();
            for (int i = 0; i < family.size(); i++) {
                PointInput in = family.get(i);
                double ratio = omega.get(in.point()).omegaX() / h13;
                String r;
                if (interior) {
                    r = i < best ? "weak" : i > best ? "intermediate" : "crossover";
                } else {
                    r = isWeak(ratio) ? "weak" : "intermediate";
                }
                regime.put(in.point(), r);
                if (r.equals("intermediate")) {
                    right.add(in);
                }
            }
            LinearFit omegaLaw = powerLaw(right, in -> omega.get(in.point()).omegaX(), in -> omega.get(in.point()).omegaXErr(),
                    warnings, name + "omega_x power law");
            LinearFit aGLaw = powerLaw(right, PointInput::aG, PointInput::aGErr, warnings, name + "A_g power law");
            LinearFit familyLaw = powerLaw(right, in -> familyOmega.get(in.point())[0], in -> familyOmega.get(in.point())[1],
                    warnings, name + "omega_x_family power law");
            Eq4 eq4Family = eq4(right, in -> familyOmega.get(in.point())[0], in -> familyOmega.get(in.point())[1],
                    warnings, name + "eq4_family");
            Eq4 eq4Master = eq4(right, in -> omega.get(in.point()).omegaX(), in -> omega.get(in.point()).omegaXErr(),
                    warnings, name + "eq4_master");
            out.add(new Family(first.N(), first.h(), first.kappa0(),
                    family.stream().map(PointInput::point).toList(), jX, interior, omegaLaw, aGLaw, familyLaw,
                    eq4Family, eq4Master, fam.rmsLogDeviation()));
        }
        List<double[]> weak = new ArrayList<>();
        for (PointInput in : inputs) {
            StudyPoint p = in.point();
            if ("weak".equals(regime.get(p)) && in.aG() > 0 && p.J() > 0 && in.aGErr() > 0 && Double.isFinite(in.aGErr())) {
                double h23 = Math.pow(p.h(), 2.0 / 3);
                weak.add(new double[] {p.kappa0() * h23 / (p.J() * p.J()),
                    Math.log(Math.sqrt(p.kappa0()) * h23 * p.J() * in.aG()), in.aGErr() / in.aG()});
            }
        }
        LinearFit weakTest = null;
        if (weak.size() >= 2) {
            try {
                weakTest = LinearFit.fit(weak.stream().mapToDouble(v -> v[0]).toArray(),
                        weak.stream().mapToDouble(v -> v[1]).toArray(), weak.stream().mapToDouble(v -> v[2]).toArray());
            } catch (IllegalArgumentException e) {
                warnings.add("weak-interaction test: no fit: " + e.getMessage());
            }
        }
        List<PointResult> points = new ArrayList<>();
        for (PointInput in : inputs) {
            Collapse.Result c = omega.get(in.point());
            double[] f = familyOmega.get(in.point());
            points.add(new PointResult(in.point(), c, c.omegaX() / Math.cbrt(in.point().h()), regime.get(in.point()), f[0], f[1]));
        }
        return new Result(points, out, weakTest, weak.size(), List.copyOf(warnings));
    }

    /** J at the vertex of the parabola through three points in (ln J, ln A_g). */
    static double parabolaPeak(PointInput a, PointInput b, PointInput c) {
        double x1 = Math.log(a.point().J());
        double x2 = Math.log(b.point().J());
        double x3 = Math.log(c.point().J());
        double y1 = Math.log(a.aG());
        double y2 = Math.log(b.aG());
        double y3 = Math.log(c.aG());
        double denom = (x1 - x2) * (x1 - x3) * (x2 - x3);
        double aa = (x3 * (y2 - y1) + x2 * (y1 - y3) + x1 * (y3 - y2)) / denom;
        double bb = (x3 * x3 * (y1 - y2) + x2 * x2 * (y3 - y1) + x1 * x1 * (y2 - y3)) / denom;
        if (!(aa < 0)) {
            return b.point().J();
        }
        double vertex = -bb / (2 * aa);
        return Math.exp(Math.max(x1, Math.min(x3, vertex)));
    }

    /** Eq. (4): ln(kappa0 omega_x^3 A_g) against ln J, errors from A_g's and 3 x omega_x's; null, with a warning, if the fit fails. */
    private static Eq4 eq4(List<PointInput> points, java.util.function.ToDoubleFunction<PointInput> omegaX,
                           java.util.function.ToDoubleFunction<PointInput> omegaXErr, List<String> warnings, String what) {
        List<double[]> rows = new ArrayList<>();
        for (PointInput in : points) {
            double w = omegaX.applyAsDouble(in);
            double we = omegaXErr.applyAsDouble(in);
            if (w > 0 && in.aG() > 0 && in.aGErr() > 0 && Double.isFinite(in.aGErr()) && Double.isFinite(we)
                    && in.point().J() > 0) {
                rows.add(new double[] {Math.log(in.point().J()), Math.log(in.point().kappa0() * w * w * w * in.aG()),
                    Math.hypot(in.aGErr() / in.aG(), 3 * we / w)});
            }
        }
        if (rows.size() < 2) {
            return null;
        }
        try {
            LinearFit fit = LinearFit.fit(rows.stream().mapToDouble(r -> r[0]).toArray(),
                    rows.stream().mapToDouble(r -> r[1]).toArray(), rows.stream().mapToDouble(r -> r[2]).toArray());
            double scale = Double.isFinite(fit.chi2PerDof()) ? Math.sqrt(Math.max(1, fit.chi2PerDof())) : 1;
            double err = fit.slopeErr() * scale;
            return new Eq4(fit, err, Double.isFinite(err) && Math.abs(fit.slope()) <= 2 * err);
        } catch (IllegalArgumentException e) {
            warnings.add(what + " is null: " + e.getMessage());
            return null;
        }
    }

    private static LinearFit powerLaw(List<PointInput> points, java.util.function.ToDoubleFunction<PointInput> value,
                                      java.util.function.ToDoubleFunction<PointInput> error, List<String> warnings,
                                      String what) {
        List<double[]> rows = new ArrayList<>();
        for (PointInput in : points) {
            double v = value.applyAsDouble(in);
            double e = error.applyAsDouble(in);
            if (v > 0 && Double.isFinite(v) && in.point().J() > 0 && Double.isFinite(e)) {
                rows.add(new double[] {Math.log(in.point().J()), Math.log(v), e > 0 && Double.isFinite(e) ? e / v : 0});
            }
        }
        if (rows.size() < 2) {
            return null;
        }
        boolean weighted = rows.stream().allMatch(r -> r[2] > 0);
        try {
            return LinearFit.fit(rows.stream().mapToDouble(r -> r[0]).toArray(), rows.stream().mapToDouble(r -> r[1]).toArray(),
                    weighted ? rows.stream().mapToDouble(r -> r[2]).toArray() : null);
        } catch (IllegalArgumentException e) {
            warnings.add(what + " is null: " + e.getMessage());
            return null;
        }
    }
}
