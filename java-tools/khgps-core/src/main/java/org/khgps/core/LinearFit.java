package org.khgps.core;

/** Weighted least squares y = intercept + slope x, with the parameters' standard errors. */
public record LinearFit(double slope, double slopeErr, double intercept, double interceptErr, int points,
                        double chi2PerDof) {

    /**
     * @param sigma standard errors of y (null or non-positive entries: unweighted; the errors are
     *              then scaled by the residual scatter)
     */
    public static LinearFit fit(double[] x, double[] y, double[] sigma) {
        int n = x.length;
        if (n < 2) {
            throw new IllegalArgumentException("a line needs at least 2 points, got " + n);
        }
        boolean weighted = sigma != null;
        double s = 0;
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        for (int i = 0; i < n; i++) {
            double w = weighted && sigma[i] > 0 && Double.isFinite(sigma[i]) ? 1 / (sigma[i] * sigma[i]) : 1;
            if (weighted && !(sigma[i] > 0 && Double.isFinite(sigma[i]))) {
                weighted = false;
                return fit(x, y, null);
            }
            s += w;
            sx += w * x[i];
            sy += w * y[i];
            sxx += w * x[i] * x[i];
            sxy += w * x[i] * y[i];
        }
        double delta = s * sxx - sx * sx;
        if (!(Math.abs(delta) > 0)) {
            throw new IllegalArgumentException("a line needs at least two distinct x values");
        }
        double slope = (s * sxy - sx * sy) / delta;
        double intercept = (sxx * sy - sx * sxy) / delta;
        double chi2 = 0;
        for (int i = 0; i < n; i++) {
            double r = y[i] - intercept - slope * x[i];
            double w = weighted ? 1 / (sigma[i] * sigma[i]) : 1;
            chi2 += w * r * r;
        }
        double dof = Math.max(1, n - 2);
        // unweighted: scale by the scatter; weighted: the errors as given
        double scale = weighted ? 1 : chi2 / dof;
        double slopeErr = n > 2 || weighted ? Math.sqrt(scale * s / delta) : Double.NaN;
        double interceptErr = n > 2 || weighted ? Math.sqrt(scale * sxx / delta) : Double.NaN;
        return new LinearFit(slope, slopeErr, intercept, interceptErr, n, n > 2 ? chi2 / dof : Double.NaN);
    }
}
