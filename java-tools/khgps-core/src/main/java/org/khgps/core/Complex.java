package org.khgps.core;

/** The three complex roots of a depressed cubic, for the RS resolvent ({@link CavityTheory}). */
final class Complex {

    private Complex() {
    }

    /**
     * Roots of x^3 + p x + q = 0 (p complex, q real) by Cardano's formula, each polished by
     * two Newton steps, into {@code out} as {re0, im0, re1, im1, re2, im2}.
     */
    static void cubicRoots(double pRe, double pIm, double q, double[] out) {
        // D = (q/2)^2 + (p/3)^3
        double p3Re = pRe / 3;
        double p3Im = pIm / 3;
        double sqRe = p3Re * p3Re - p3Im * p3Im;
        double sqIm = 2 * p3Re * p3Im;
        double cubeRe = sqRe * p3Re - sqIm * p3Im;
        double cubeIm = sqRe * p3Im + sqIm * p3Re;
        double dRe = q * q / 4 + cubeRe;
        double dIm = cubeIm;
        // sqrt(D), principal
        double mod = Math.hypot(dRe, dIm);
        double sRe = Math.sqrt(Math.max(0, (mod + dRe) / 2));
        double sIm = Math.copySign(Math.sqrt(Math.max(0, (mod - dRe) / 2)), dIm);
        // C = -q/2 +- sqrt(D), the sign that avoids cancellation
        double cRe = -q / 2 + sRe;
        double cIm = sIm;
        double altRe = -q / 2 - sRe;
        double altIm = -sIm;
        if (altRe * altRe + altIm * altIm > cRe * cRe + cIm * cIm) {
            cRe = altRe;
            cIm = altIm;
        }
        double r = Math.cbrt(Math.hypot(cRe, cIm));
        double phi = Math.atan2(cIm, cRe) / 3;
        for (int k = 0; k < 3; k++) {
            double angle = phi + 2 * Math.PI * k / 3;
            double uRe = r * Math.cos(angle);
            double uIm = r * Math.sin(angle);
            // x = u - p / (3u)
            double den = uRe * uRe + uIm * uIm;
            double xRe;
            double xIm;
            if (den == 0) {
                xRe = 0;
                xIm = 0;
            } else {
                xRe = uRe - (p3Re * uRe + p3Im * uIm) / den;
                xIm = uIm - (p3Im * uRe - p3Re * uIm) / den;
            }
            for (int step = 0; step < 2; step++) {
                // f = x^3 + p x + q, f' = 3 x^2 + p
                double x2Re = xRe * xRe - xIm * xIm;
                double x2Im = 2 * xRe * xIm;
                double fRe = x2Re * xRe - x2Im * xIm + pRe * xRe - pIm * xIm + q;
                double fIm = x2Re * xIm + x2Im * xRe + pRe * xIm + pIm * xRe;
                double gRe = 3 * x2Re + pRe;
                double gIm = 3 * x2Im + pIm;
                double g2 = gRe * gRe + gIm * gIm;
                if (g2 == 0 || !Double.isFinite(g2)) {
                    break;
                }
                xRe -= (fRe * gRe + fIm * gIm) / g2;
                xIm -= (fIm * gRe - fRe * gIm) / g2;
            }
            out[2 * k] = xRe;
            out[2 * k + 1] = xIm;
        }
    }
}
