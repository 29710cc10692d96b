package org.khgps.io;

import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code units} and {@code description} attributes of every dataset the tools write, by
 * dataset name (a name means the same in every kind of file). Units are the model's reduced
 * units (MODEL.md: A = 1, x measured in x_0; H = sum kappa x^2/2 + x^4/24 + ..., so an energy is
 * A x_0^4, a stiffness A x_0^2, a force A x_0^3, a frequency sqrt(A) x_0 with unit mass);
 * "1" for counts, flags, indices and ratios. docs/hdf5-schema.md shows this table, generated
 * from it (DatasetDocsTest keeps them equal).
 */
public final class DatasetDocs {

    private DatasetDocs() {
    }

    /** units and description of one dataset. */
    public record Doc(String units, String description) {
    }

    private static final String STIFFNESS = "A x_0^2";
    private static final String FREQUENCY = "sqrt(A) x_0";
    private static final String PER_FREQUENCY = "1/(sqrt(A) x_0)";

    public static final Map<String, Doc> DOCS = new TreeMap<>();

    private static void doc(String name, String units, String description) {
        DOCS.put(name, new Doc(units, description));
    }

    static {
        doc("realization", "1", "realization index within the study point");
        doc("realization_seed", "1", "seed of the realization's random numbers (from the study seed, the point and the index)");
        doc("kappa", STIFFNESS, "harmonic stiffness kappa_i of each oscillator, uniform on [0, kappa0]");
        doc("x", "x_0", "position x_i of each oscillator at the local minimum reached from x = 0");
        doc("converged", "1", "1 if the minimizer reached max|grad H| <= tolerance, else 0");
        doc("max_grad", "A x_0^3", "max_i |dH/dx_i| at x, from a freshly computed couplings x product");
        doc("iterations", "1", "conjugate-gradient iterations of the minimization");
        doc("energy", "A x_0^4", "H(x) at the minimum");
        doc("eigenvalues", STIFFNESS, "eigenvalues lambda of the Hessian at the minimum, ascending");
        doc("negative_modes", "1", "number of negative eigenvalues (a saddle, not a minimum)");
        doc("trace_residual", "1", "|sum lambda - tr M| / (N max|lambda|); NaN for lowest-mode spectra");
        doc("frobenius_residual", "1", "|sum lambda^2 - ||M||_F^2| / ||M||_F^2; NaN for lowest-mode spectra");
        doc("full_spectrum", "1", "1 where the full decomposition ran instead of the lowest-mode search");
        doc("eigen_residual", "1", "max over the modes of ||M psi - lambda psi|| / lambda_K");
        doc("participation_ratio", "1", "(sum_i psi_i^4)^-1 / N of each mode: 1/N on one oscillator, 1 uniform");
        doc("largest_weight_oscillator", "1", "index of the oscillator with the largest psi_i^2 in each mode");
        doc("largest_weight", "1", "that largest psi_i^2");
        doc("largest_weight_kappa", STIFFNESS, "kappa_i of the oscillator carrying each mode");
        doc("largest_weight_x", "x_0", "x_i at the minimum of the oscillator carrying each mode");
        doc("largest_weight_local_field", "A x_0^3", "local field h - sum_j J_ij x_j of the oscillator carrying each mode");
        doc("vectors", "1", "unit eigenvectors of the lowest modes, largest component positive");
        // issue 28: what carries each mode (Cavity) and what the protocols did
        doc("carrier_class", "1", "class of the carrier (largest psi_i^2) of each mode: 0 single, 1 tilted, 2 global, "
                + "3 metastable, -1 not classified (full spectrum, or not a minimum)");
        doc("carrier_a", STIFFNESS, "quadratic coefficient a_i = kappa_i - r_i of the carrier's cavity potential "
                + "(r_i = M_ii - 1/(M^-1)_ii the per-site reaction)");
        doc("carrier_cavity_field", "A x_0^3", "cavity field H_i = kappa_i x_i + x_i^3/6 - r_i x_i on the carrier");
        doc("carrier_spinodal_distance", "A x_0^3", "H_sp(a_i) - |H_i| of the carrier: > 0 two wells, <= 0 tilted, NaN one well (a_i >= 0)");
        doc("class_counts", "1", "oscillators of each class (single, tilted, global, metastable) per realization; -1 not classified");
        doc("energy_before", "A x_0^4", "H at the CG minimum from x = 0 on the same disorder (flip: before any move)");
        doc("metastable_before", "1", "metastable oscillators at the CG minimum from x = 0 (-1: not a minimum)");
        doc("metastable_after", "1", "metastable oscillators at the minimum kept (-1: not a minimum)");
        doc("moves_tried", "1", "oscillator moves tried (a collective move of k oscillators counts k)");
        doc("moves_accepted", "1", "oscillator moves kept because H decreased");
        doc("rounds", "1", "classify-and-move rounds");
        doc("rounds_capped", "1", "1 if the rounds hit --max_rounds with moves still possible");
        doc("starts", "1", "best_random: CG runs from random starts, the lowest minimum kept; -1 otherwise");
        doc("iterations_total", "1", "conjugate-gradient iterations over every minimization of the realization");
        doc("counts_by_class", "1", "modes per frequency bin by the class of their carrier: single, tilted, global, "
                + "metastable, not classified");
        doc("omega_tail_class", "1", "class of the carrier of each omega_tail mode (0 single, 1 tilted, 2 global, "
                + "3 metastable, -1 not classified)");
        doc("omega_tail_spinodal_distance", "A x_0^3", "distance to the spinodal H_sp - |H_i| of the carrier of each omega_tail mode");
        doc("realization_class_counts", "1", "oscillators of each class per included realization (-1: not classified)");
        doc("class_fraction", "1", "mean fraction of oscillators in each class (single, tilted, global, metastable) "
                + "over the classified realizations");
        doc("class_fraction_err", "1", "standard error of class_fraction over realizations");
        doc("realization_energy_change", "A x_0^4", "flip, best_random: H at the minimum kept minus H at CG's from x = 0, "
                + "per included realization");
        doc("realization_metastable_before", "1", "flip, best_random: metastable oscillators at CG's minimum from x = 0, "
                + "per included realization");
        doc("realization_metastable_after", "1", "flip, best_random: metastable oscillators at the minimum kept, per "
                + "included realization");
        doc("omega_edges", FREQUENCY, "logarithmic bin edges of D(omega)");
        doc("omega", FREQUENCY, "geometric bin centres of omega_edges");
        doc("dos", PER_FREQUENCY, "density of states D(omega) per mode");
        doc("dos_err", PER_FREQUENCY, "Poisson error of D(omega): sqrt(counts) / (modes x bin width)");
        doc("counts", "1", "modes per frequency bin");
        doc("omega_tail", FREQUENCY, "the lowest frequencies of the pooled spectrum, ascending (the fit's input)");
        doc("omega_tail_realization", "1", "realization index of each tail frequency");
        doc("omega_tail_participation_ratio", "1", "participation ratio of each tail mode (lowest-mode spectra only)");
        doc("partial_x2_kappa", STIFFNESS, "kappa grid of the partial average");
        doc("partial_x2", "x_0^2", "<x^2>(kappa) = (1/N) sum over kappa_i <= kappa of x_i^2, averaged over realizations");
        doc("partial_x2_err", "x_0^2", "standard error of partial_x2 over realizations");
        doc("hill_k", "1", "number of lowest modes in the window");
        doc("hill_omega", FREQUENCY, "window edge omega_c: the (k+1)-th lowest frequency");
        doc("hill_exponent", "1", "Hill (maximum-likelihood) exponent beta of D ~ omega^beta below omega_c");
        doc("hill_exponent_lo", "1", "16th percentile of hill_exponent over the realization bootstrap");
        doc("hill_exponent_hi", "1", "84th percentile of hill_exponent over the realization bootstrap");
        doc("compensated_count", "1/(sqrt(A) x_0)^5", "5 N(omega_c) / omega_c^5: A_g where D = A_g omega^4");
        doc("compensated_count_lo", "1/(sqrt(A) x_0)^5", "16th percentile of compensated_count over the realization bootstrap");
        doc("compensated_count_hi", "1/(sqrt(A) x_0)^5", "84th percentile of compensated_count over the realization bootstrap");
        doc("q", "x_0^2", "replica-symmetric <x^2>");
        doc("chi", "1/(A x_0^2)", "replica-symmetric <1/lambda>");
        doc("A_g_rs", "1/(sqrt(A) x_0)^5", "replica-symmetric A_g");
        doc("A_g_rs_dressed", "1/(sqrt(A) x_0)^5", "replica-symmetric A_g dressed by the resolvent, (1 - J^2 E[1/s^2])^(-5/2) A_g_rs");
        doc("double_well_fraction", "1", "fraction of oscillators with kappa < J^2 chi");
        doc("stability", "1", "J^2 E[1/s^2]: the RS solution is locally stable below 1");
    }

    /** The doc of a dataset the tools write; an undocumented one is a programming error. */
    public static Doc of(String name) {
        Doc d = DOCS.get(name);
        if (d == null) {
            throw new IllegalStateException("dataset '" + name + "' has no units and description in DatasetDocs");
        }
        return d;
    }

    /** The table docs/hdf5-schema.md shows between its markers. */
    public static String markdownTable() {
        StringBuilder sb = new StringBuilder("| dataset | units | description |\n| --- | --- | --- |\n");
        DOCS.forEach((name, d) -> sb.append("| `").append(name).append("` | ").append(d.units()).append(" | ")
                .append(d.description().replace("|", "\\|")).append(" |\n"));
        return sb.toString();
    }
}
