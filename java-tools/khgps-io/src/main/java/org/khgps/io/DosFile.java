package org.khgps.io;

import io.jhdf.HdfFile;
import java.io.IOException;
import java.nio.file.Path;
import org.khgps.core.Spectra;
import org.khgps.core.StudyPoint;

/**
 * Everything one study point's realizations add up to: D(omega) on logarithmic bins (per mode,
 * sum(dos * width) = 1) over the converged realizations' positive-eigenvalue modes, the lowest
 * frequencies for the tail fit, &lt;x^2&gt;(kappa), &lt;x^2&gt; and the mean of 1/lambda.
 *
 * @param omegaTail the lowest frequencies of all included modes, ascending (input of the fit)
 * @param omegaTailRealization the realization index of each of them (for resampling errors)
 * @param modes M, the number of included modes (converged realizations x N)
 * @param omegaComplete the frequency below which the pooled spectrum holds every mode: +inf for
 *        full spectra; for lowest-K spectra the histogram and the tail stop there
 * @param omegaTailParticipationRatio participation ratio of each tail mode (lowest-K spectra), or null
 */
public record DosFile(StudyPoint point, long seed, Spectra.Histogram histogram, double[] omegaTail,
                      long[] omegaTailRealization, long modes,
                      Spectra.PartialAverage partial, double x2, double x2Err, double meanInverseLambda,
                      double meanInverseLambdaErr, int realizations, int converged, long negativeModes,
                      String realizationRanges, double omegaComplete, double[] omegaTailParticipationRatio) {

    public static final String KIND = "dos";

    /** Full spectra: complete at every frequency, no mode data. */
    public DosFile(StudyPoint point, long seed, Spectra.Histogram histogram, double[] omegaTail,
                   long[] omegaTailRealization, long modes, Spectra.PartialAverage partial, double x2, double x2Err,
                   double meanInverseLambda, double meanInverseLambdaErr, int realizations, int converged,
                   long negativeModes, String realizationRanges) {
        this(point, seed, histogram, omegaTail, omegaTailRealization, modes, partial, x2, x2Err, meanInverseLambda,
                meanInverseLambdaErr, realizations, converged, negativeModes, realizationRanges,
                Double.POSITIVE_INFINITY, null);
    }

    public void write(Path target, Provenance provenance) throws IOException {
        H5.writeAtomically(target, f -> {
            H5.putPoint(f, KIND, point, seed);
            f.putAttribute("realizations", realizations);
            f.putAttribute("converged", converged);
            f.putAttribute("negative_modes", negativeModes);
            f.putAttribute("modes", modes);
            f.putAttribute("x2", x2);
            f.putAttribute("x2_err", x2Err);
            f.putAttribute("mean_inverse_lambda", meanInverseLambda);
            f.putAttribute("mean_inverse_lambda_err", meanInverseLambdaErr);
            f.putAttribute("omega_complete", omegaComplete);
            f.putDataset("omega_edges", histogram.edges());
            f.putDataset("dos", histogram.dos());
            f.putDataset("dos_err", histogram.dosErr());
            f.putDataset("counts", histogram.counts());
            f.putDataset("omega_tail", omegaTail);
            f.putDataset("omega_tail_realization", omegaTailRealization);
            if (omegaTailParticipationRatio != null) {
                f.putDataset("omega_tail_participation_ratio", omegaTailParticipationRatio);
            }
            f.putDataset("partial_x2_kappa", partial.kappa());
            f.putDataset("partial_x2", partial.x2());
            f.putDataset("partial_x2_err", partial.x2Err());
            H5.putProvenance(f, provenance, point, seed, realizationRanges);
        });
    }

    public static DosFile read(Path path) throws BadInputException {
        try (HdfFile f = H5.open(path, KIND)) {
            StudyPoint point = H5.point(f, path);
            double[] edges = H5.dataset(f, path, "omega_edges", double[].class);
            double[] dos = H5.dataset(f, path, "dos", double[].class);
            double[] dosErr = H5.dataset(f, path, "dos_err", double[].class);
            long[] counts = H5.dataset(f, path, "counts", long[].class);
            double[] tail = H5.dataset(f, path, "omega_tail", double[].class);
            long[] tailRealization = H5.dataset(f, path, "omega_tail_realization", long[].class);
            Checks.length(path, "omega_tail_realization", tailRealization.length, tail.length);
            double[] pk = H5.dataset(f, path, "partial_x2_kappa", double[].class);
            double[] px = H5.dataset(f, path, "partial_x2", double[].class);
            double[] pe = H5.dataset(f, path, "partial_x2_err", double[].class);
            Checks.length(path, "dos", dos.length, edges.length - 1);
            Checks.length(path, "dos_err", dosErr.length, dos.length);
            Checks.length(path, "counts", counts.length, dos.length);
            Checks.length(path, "partial_x2", px.length, pk.length);
            Checks.length(path, "partial_x2_err", pe.length, pk.length);
            Checks.finite(path, "dos", dos);
            Checks.finite(path, "omega_tail", tail);
            long modes = (long) H5.number(f, path, "modes");
            double[] tailPr = null;
            if (H5.hasChild(f, path, "omega_tail_participation_ratio")) {
                tailPr = H5.dataset(f, path, "omega_tail_participation_ratio", double[].class);
                Checks.length(path, "omega_tail_participation_ratio", tailPr.length, tail.length);
            }
            return new DosFile(point, H5.seed(f, path), new Spectra.Histogram(edges, counts, dos, dosErr, modes), tail,
                    tailRealization, modes, new Spectra.PartialAverage(pk, px, pe), H5.number(f, path, "x2"),
                    H5.number(f, path, "x2_err"), H5.number(f, path, "mean_inverse_lambda"),
                    H5.number(f, path, "mean_inverse_lambda_err"), (int) H5.number(f, path, "realizations"),
                    (int) H5.number(f, path, "converged"), (long) H5.number(f, path, "negative_modes"),
                    H5.provenance(f, path, "realizations"),
                    H5.number(f, path, "omega_complete", Double.POSITIVE_INFINITY), tailPr);
        }
    }
}
