package org.khgps.core;

/**
 * What carries the modes below a frequency (issue 28): the metastable share of them and the free
 * exponent of the others alone (Hill's estimator, as {@link TailFit}), each with its error from
 * resampling the realizations (the same draws for both).
 *
 * @param modes          classified modes below omegaC
 * @param metastable     of them carried by a metastable oscillator
 * @param share          metastable / modes (NaN without classified modes)
 * @param exponentOthers Hill exponent of the modes below omegaC whose carrier is not metastable
 */
public record TailAnatomy(double omegaC, int modes, int metastable, double share, double shareErr,
                          double exponentOthers, double exponentOthersErr) {

    /**
     * @param omega         the lowest frequencies of a point, ascending
     * @param carrierClass  the class of each one's carrier ({@link Cavity}; UNCLASSIFIED left out)
     * @param realizationOf the index (0..realizations-1) of each one's realization
     * @param samples       bootstrap resamplings (0: no errors)
     */
    public static TailAnatomy below(double[] omega, int[] carrierClass, int[] realizationOf, int realizations,
                                    double omegaC, int samples, long seed) {
        int[] ones = new int[realizations];
        java.util.Arrays.fill(ones, 1);
        double[] point = estimate(omega, carrierClass, realizationOf, ones, omegaC);
        double shareErr = Double.NaN;
        double exponentErr = Double.NaN;
        if (samples > 1 && realizations > 1) {
            Xoshiro256 rng = new Xoshiro256(seed);
            double[] share = new double[samples];
            double[] exponent = new double[samples];
            int[] weight = new int[realizations];
            for (int b = 0; b < samples; b++) {
                TailFit.resample(rng, weight);
                double[] e = estimate(omega, carrierClass, realizationOf, weight, omegaC);
                share[b] = e[2];
                exponent[b] = e[3];
            }
            shareErr = TailFit.std(share);
            exponentErr = TailFit.std(exponent);
        }
        return new TailAnatomy(omegaC, (int) point[0], (int) point[1], point[2], shareErr, point[3], exponentErr);
    }

    /** {classified modes, metastable ones, share, exponent of the others} with each realization weighted. */
    private static double[] estimate(double[] omega, int[] carrierClass, int[] realizationOf, int[] weight, double omegaC) {
        double all = 0;
        double metastable = 0;
        double others = 0;
        double logSum = 0;
        for (int i = 0; i < omega.length && omega[i] < omegaC; i++) {
            int c = carrierClass[i];
            double w = weight[realizationOf[i]];
            if (c == Cavity.UNCLASSIFIED || w == 0) {
                continue;
            }
            all += w;
            if (c == Cavity.METASTABLE) {
                metastable += w;
            } else {
                others += w;
                logSum += w * Math.log(omegaC / omega[i]);
            }
        }
        return new double[] {all, metastable, all > 0 ? metastable / all : Double.NaN,
            logSum > 0 ? others / logSum - 1 : Double.NaN};
    }
}
