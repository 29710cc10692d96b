package org.khgps.io;

import io.jhdf.HdfFile;
import java.io.IOException;
import java.nio.file.Path;
import org.khgps.core.Spectra;
import org.khgps.core.StudyPoint;
import org.khgps.core.stage.PointDos;

/** The dos file of a point ({@link PointDos}): its histogram, tail, partial averages and counts. */
public final class DosFile {

    private DosFile() {
    }

    public static final String KIND = "dos";

    public static void write(PointDos v, Path target, Provenance provenance) throws IOException {
        H5.writeAtomically(target, f -> {
            H5.putPoint(f, KIND, v.point(), v.seed());
            f.putAttribute("realizations", v.realizations());
            f.putAttribute("converged", v.converged());
            f.putAttribute("negative_modes", v.negativeModes());
            f.putAttribute("modes", v.modes());
            f.putAttribute("x2", v.x2());
            f.putAttribute("x2_err", v.x2Err());
            f.putAttribute("mean_inverse_lambda", v.meanInverseLambda());
            f.putAttribute("mean_inverse_lambda_err", v.meanInverseLambdaErr());
            f.putAttribute("omega_complete", v.omegaComplete());
            f.putDataset("omega_edges", v.histogram().edges());
            f.putDataset("dos", v.histogram().dos());
            f.putDataset("dos_err", v.histogram().dosErr());
            f.putDataset("counts", v.histogram().counts());
            f.putDataset("omega_tail", v.omegaTail());
            f.putDataset("omega_tail_realization", v.omegaTailRealization());
            if (v.omegaTailParticipationRatio() != null) {
                f.putDataset("omega_tail_participation_ratio", v.omegaTailParticipationRatio());
            }
            f.putDataset("partial_x2_kappa", v.partial().kappa());
            f.putDataset("partial_x2", v.partial().x2());
            f.putDataset("partial_x2_err", v.partial().x2Err());
            PointDos.Anatomy a = v.anatomy();
            if (a != null) {
                f.putDataset("counts_by_class", a.countsByClass());
                f.putDataset("omega_tail_class", a.tailClass());
                f.putDataset("omega_tail_spinodal_distance", a.tailSpinodalDistance());
                f.putDataset("realization_class_counts", a.realizationClassCounts());
                f.putDataset("class_fraction", a.classFraction());
                f.putDataset("class_fraction_err", a.classFractionErr());
                f.putAttribute("metastable_fraction", a.classFraction()[org.khgps.core.Cavity.METASTABLE]);
                f.putAttribute("metastable_fraction_err", a.classFractionErr()[org.khgps.core.Cavity.METASTABLE]);
                if (a.moves() != null) {
                    f.putDataset("realization_energy_change", a.moves().energyChange());
                    f.putDataset("realization_metastable_before", a.moves().metastableBefore());
                    f.putDataset("realization_metastable_after", a.moves().metastableAfter());
                }
            }
            H5.putProvenance(f, provenance, v.point(), v.seed(), v.realizationRanges());
        });
    }

    public static PointDos read(Path path) throws BadInputException {
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
            // dos files written before the anatomy existed have none
            PointDos.Anatomy anatomy = null;
            if (H5.hasChild(f, path, "counts_by_class")) {
                long[][] byClass = H5.dataset(f, path, "counts_by_class", long[][].class);
                int[] tailClass = H5.dataset(f, path, "omega_tail_class", int[].class);
                double[] tailDistance = H5.dataset(f, path, "omega_tail_spinodal_distance", double[].class);
                int[][] perRealization = H5.dataset(f, path, "realization_class_counts", int[][].class);
                Checks.shape(path, "counts_by_class", byClass, dos.length, org.khgps.core.Cavity.CLASSES + 1);
                Checks.length(path, "omega_tail_class", tailClass.length, tail.length);
                Checks.length(path, "omega_tail_spinodal_distance", tailDistance.length, tail.length);
                PointDos.Anatomy.Moves moves = !H5.hasChild(f, path, "realization_energy_change") ? null
                        : new PointDos.Anatomy.Moves(H5.dataset(f, path, "realization_energy_change", double[].class),
                                H5.dataset(f, path, "realization_metastable_before", int[].class),
                                H5.dataset(f, path, "realization_metastable_after", int[].class));
                anatomy = new PointDos.Anatomy(byClass, tailClass, tailDistance, perRealization,
                        H5.dataset(f, path, "class_fraction", double[].class),
                        H5.dataset(f, path, "class_fraction_err", double[].class), moves);
            }
            return new PointDos(point, H5.seed(f, path), new Spectra.Histogram(edges, counts, dos, dosErr, modes), tail,
                    tailRealization, modes, new Spectra.PartialAverage(pk, px, pe), H5.number(f, path, "x2"),
                    H5.number(f, path, "x2_err"), H5.number(f, path, "mean_inverse_lambda"),
                    H5.number(f, path, "mean_inverse_lambda_err"), (int) H5.number(f, path, "realizations"),
                    (int) H5.number(f, path, "converged"), (long) H5.number(f, path, "negative_modes"),
                    H5.provenance(f, path, "realizations"),
                    H5.number(f, path, "omega_complete", Double.POSITIVE_INFINITY), tailPr, anatomy);
        }
    }
}
