// Does a "metastable" oscillator really have a second well? The classification (Cavity.java) reads
// each oscillator's cavity potential from the linear per-site reaction; this checks it against the
// nonlinear answer: move one oscillator alone into the other well its cavity potential predicts,
// re-minimize everything, and see whether it stays there. docs/validation.md (issue 28) uses it on
// the realization of N = 4000, J = 0.2 that held 258 metastable oscillators.
//
//   MINIMA=<results>/points/<zero's point id>/minima/minima_000180-000189.h5 REALIZATION=189 SITES=30 \
//       jshell --class-path java-tools/khgps-cli/target/khgps.jar -R-Xmx2g docs/validation/cavity_check.jsh
//
// MINIMA: a minima file of protocol zero (CG's minima, before any move); REALIZATION: the
// realization index in it; SITES: how many metastable oscillators to try (a random sample, fixed seed).
import org.khgps.core.*;
import org.khgps.core.stage.*;
import org.khgps.io.*;
import java.nio.file.*;
import java.util.*;

MinimaChunk chunk = MinimaFile.read(Path.of(System.getenv("MINIMA")));
long wanted = Long.parseLong(System.getenv("REALIZATION"));
int sites = Integer.parseInt(Optional.ofNullable(System.getenv("SITES")).orElse("30"));
int row = -1;
for (int r = 0; r < chunk.size(); r++) if (chunk.realization()[r] == wanted) row = r;
if (row < 0) throw new IllegalArgumentException("realization " + wanted + " is not in " + System.getenv("MINIMA"));
double[] kappa = chunk.kappa()[row];
double[] x = chunk.x()[row];
int n = x.length;
double h = chunk.point().h();
double J = chunk.point().J();
long seed = chunk.realizationSeed()[row];

// the classes at CG's minimum, as the pipeline computes them
SymmetricMatrix m = SymmetricMatrix.allocate(n);
Disorder.fillCouplings(seed, J, m, 2);
Hessian.setDiagonal(m, kappa, x);
double[] inverse = InverseDiagonal.of(m);
Cavity.Site[] site = new Cavity.Site[n];
for (int i = 0; i < n; i++) site[i] = Cavity.site(kappa[i], x[i], inverse[i]);
int[] counts = Relaxation.counts(site);
double[] reaction = Arrays.stream(site).mapToDouble(Cavity.Site::reaction).sorted().toArray();
System.out.printf("N = %d, J = %s, realization %d: classes single, tilted, global, metastable = %s; per-site reaction median %.4f%n",
        n, J, wanted, Arrays.toString(counts), reaction[n / 2]);

// each sampled metastable oscillator moved alone into its other well, then CG from there
MatrixLane lane = MatrixLane.allocate(n, false, 2);
Disorder.fillCouplings(seed, J, lane.matrix(), 2);
Minimizer.Settings settings = new Minimizer.Settings(chunk.tolerance(), chunk.maxIterations(), Minimizer.Settings.DEFAULT_REFRESH_EVERY);
double h0 = Minimizer.minimize(kappa, h, lane.operator(), settings, x.clone()).energy();
List<Integer> metastable = new ArrayList<>();
for (int i = 0; i < n; i++) if (site[i].kind() == Cavity.METASTABLE) metastable.add(i);
Collections.shuffle(metastable, new Random(1));
int tried = Math.min(sites, metastable.size());
int stayed = 0;
for (int s = 0; s < tried; s++) {
    int i = metastable.get(s);
    double[] y = x.clone();
    y[i] = Cavity.otherWell(site[i].a(), site[i].field(), x[i]);
    Minimizer.Result r = Minimizer.minimize(kappa, h, lane.operator(), settings, y);
    boolean stays = Math.signum(r.x()[i]) != Math.signum(x[i]);
    int others = 0;
    for (int j = 0; j < n; j++) if (j != i && Math.signum(r.x()[j]) != Math.signum(x[j])) others++;
    if (stays) stayed++;
    System.out.printf("  oscillator %4d  d = %.2e  a = %+.3f  x %+.3f -> %+.3f  %s  Delta H %+.3e  other sign changes %d%n",
            i, site[i].spinodalDistance(), site[i].a(), x[i], r.x()[i], stays ? "stays " : "returns", r.energy() - h0, others);
}
System.out.printf("%d of %d metastable oscillators tried stay in their other well%n", stayed, tried);
/exit
