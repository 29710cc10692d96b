/**
 * What a study costs and what its tasks ask for: the cost model of a realization, the chunks,
 * the lanes, memory and JVM flags of a task, and the plan printed (and checked against
 * --max_core_hours) before the first task. The parameters and points themselves: KhgpsParams.
 *
 * Nextflow loads this class from lib/; the Spock tests compile it too.
 */
class KhgpsResources {

    /**
     * Largest N whose realizations run side by side, one per cpu: org.khgps.core.Lanes.PARALLEL_UP_TO_N
     * (a copy, guarded by OneSourceTest like MAX_N; the task memory below uses it). The tools'
     * -Dkhgps.parallelUpToN override is for their tests and benchmarks, not a pipeline setting: tasks
     * are sized for this default.
     */
    static final int PARALLEL_UP_TO_N = 8000

    /**
     * Seconds one realization (sample + minimize + diagonalize) takes on 2 cores, from
     * bench/run.sh on the development machine: 0.14 s at N = 1000, 0.40 s at 2000, 2.8 s at 4000,
     * 19 s at 8000, 124 s at 16000 (docs/numerics.md). The matrix tasks' time is {@link #taskSeconds}.
     */
    static double secondsPerRealization(int n) {
        return 0.1 + 124.0 * Math.pow(n / 16000.0, 3)
    }

    /**
     * Cost of a realization under a protocol relative to zero's (sample + minimize + diagonalize):
     * best_random runs 8 CG minimizations; flip factors the Hessian for diag(M^-1) each round, and
     * its rounds grow with N (one move per round once the collective move is refused), so its
     * factor grows too. From bench/protocols.sh (one thread, J = 0.2; docs/usage.md, "-profile
     * anatomy"): the minimization takes 0.9x (random), 6.6x and 21x (flip at N = 2000 and 4000:
     * 3 and 8.5 rounds) and 10x and 12x (best_random) zero's; against zero's whole realization
     * (its minimization a third of it at N = 2000) these are the factors below, rounded up.
     */
    static double protocolCost(String protocol, int n = 1000) {
        switch (protocol ?: 'zero') {
            case 'zero': return 1
            case 'random': return 1.3
            case 'flip': return 1 + 1.5 * n / 2000
            case 'best_random': return 4
            default: throw new IllegalArgumentException("no cost known for protocol '${protocol}'")
        }
    }

    /**
     * The lowest-mode search's time over the full spectrum's, tail_over_full of bench/lowest.sh at the
     * default K = 2% of N with every oscillator classified (2026-12-07, docs/numerics.md): [N, ratio].
     */
    static final List<List<Double>> LOWEST_OVER_FULL = [[2000d, 0.99d], [4000d, 0.79d], [8000d, 0.71d], [16000d, 0.63d]]

    /**
     * Cost of a realization's spectrum relative to the full one in {@link #secondsPerRealization}: 1 for
     * 'full'; for 'lowest' the measured tail_over_full ({@link #LOWEST_OVER_FULL}, linear in ln N between
     * the measured sizes, 1 below the first and the last ratio above) on the nine tenths of a realization
     * the diagonalization takes at N = 16000 (the minimization keeps its cost: 0.1 + 0.9 x 0.63 = 0.67,
     * measured 83.6 s / 123.8 s = 0.68). More modes than the default 2% of N are priced as the full
     * spectrum: the search's solves grow with K, and no other K was measured.
     */
    static double spectrumCost(String spectrum, int n, long modes = 0) {
        if (spectrum != 'lowest' || KhgpsParams.modes(n, modes) > KhgpsParams.modes(n, 0)) {
            return 1
        }
        def table = LOWEST_OVER_FULL
        double ratio
        if (n < table[0][0]) {
            ratio = 1
        } else if (n >= table[-1][0]) {
            ratio = table[-1][1]
        } else {
            int k = (0..<table.size() - 1).find { n < table[it + 1][0] }
            double t = Math.log(n / table[k][0]) / Math.log(table[k + 1][0] / table[k][0])
            ratio = table[k][1] + t * (table[k + 1][1] - table[k][1])
        }
        return 0.1 + 0.9 * ratio
    }

    /**
     * Cost of one realization relative to {@link #secondsPerRealization}: the spectrum's
     * ({@link #spectrumCost}) plus what the protocol adds to the minimization ({@link #protocolCost} - 1,
     * measured against zero's whole realization with the full spectrum).
     */
    static double realizationCost(int n, String protocol = 'zero', String spectrum = 'full', long modes = 0) {
        return spectrumCost(spectrum, n, modes) + protocolCost(protocol, n) - 1
    }

    /**
     * Wall-clock seconds a minimize or diagonalize task of {@code count} realizations asks for on its
     * first attempt (the minimize and diagonalize modules ask for it): 10 min + 4x the cost model
     * (with the protocol's factor: the minimize stage is where a protocol spends it).
     */
    static double taskSeconds(int n, long count, String protocol = 'zero') {
        return 600 + 4 * count * secondsPerRealization(n) * protocolCost(protocol, n)
    }

    /**
     * Realizations per task when --chunk_size is 0: about five minutes of work, so JVM start-up
     * and scheduler latency are amortized and a task still fits any wall-clock limit; 1 to 1000.
     */
    static int autoChunkSize(int n, String protocol = 'zero') {
        return (int) Math.max(1, Math.min(1000, Math.floor(300 / (secondsPerRealization(n) * protocolCost(protocol, n)))))
    }

    /** Contiguous chunks [index, first, count] covering realizations 0 .. realizations-1. */
    static List<Map> chunks(long realizations, long chunkSize) {
        def out = []
        long first = 0
        int index = 0
        while (first < realizations) {
            long count = Math.min(chunkSize, realizations - first)
            out << [index: index++, first: first, count: count, last: first + count - 1]
            first += count
        }
        return out
    }

    /**
     * Realizations a minimize or diagonalize task computes side by side: one per cpu up to N =
     * {@link #PARALLEL_UP_TO_N}, else one at a time on all cpus.
     */
    static int lanes(int n, int cpus) {
        return n <= PARALLEL_UP_TO_N ? Math.max(1, cpus) : 1
    }

    /**
     * Memory a minimize or diagonalize task of size n on cpus asks for (their modules call this):
     * one matrix per lane, plus headroom. With cpus = 1, the least that works.
     */
    static long taskMemoryBytes(int n, int cpus = 1) {
        return (long) (8L * n * n * 1.25 * lanes(n, cpus) + 768L * 1024 * 1024)
    }

    /** Refuses a study whose largest N needs more memory per task than --max_memory allows. */
    static void checkMemory(List<Map> points, Object maxMemory) {
        def m = (maxMemory?.toString() ?: '') =~ /^\s*(\d+(?:\.\d+)?)\s*\.?\s*([KMGT]?B)\s*$/
        if (!m.matches() || !(Double.parseDouble(m.group(1)) > 0)) {
            throw new IllegalArgumentException("--max_memory must be a size > 0 like 24.GB or 512.MB, got '${maxMemory}'")
        }
        long limit = (long) (Double.parseDouble(m.group(1)) * (1L << (10 * ['B', 'KB', 'MB', 'GB', 'TB'].indexOf(m.group(2)))))
        def largest = points.max { it.N }
        long need = taskMemoryBytes(largest.N as int)
        if (need > limit) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                "--N %d needs %.1f GB of memory per task (one N x N matrix, 8 N^2 bytes, plus headroom) but --max_memory is %s",
                largest.N, need / 1e9, maxMemory))
        }
    }

    /**
     * Off-heap MB one lane's lowest-mode search may use besides its matrix: an upper bound of
     * org.khgps.core.LowestModes.workBytes, 8 N (maxBasis + 2K + 2b) with maxBasis <= 8 K + 16 b
     * and b <= 32: <= 8 N (10 K + 576).
     */
    static long lowestModesWorkMb(int n, int modes) {
        return (long) Math.ceil(8.0d * n * (10L * modes + 576) / (1 << 20))
    }

    /**
     * JVM flags for a task: the matrices off-heap (one per lane, as many as the memory holds and
     * at least one; the tool runs as many lanes as fit, with the same numbers), the rest of ~80%
     * of the task's memory as heap.
     */
    static String javaOpts(long memoryBytes, int n, int cpus = 1, long workMb = 0) {
        long matrixMb = (long) Math.ceil(8.0d * n * n / (1 << 20)) + workMb
        long usableMb = (long) (memoryBytes / (1 << 20) * 0.8)
        long fit = Math.max(1L, Math.min((long) lanes(n, cpus), (long) ((usableMb - 256 - 64) / Math.max(1L, matrixMb))))
        long directMb = fit * matrixMb + 64
        long heapMb = Math.max(256, usableMb - directMb)
        return "-Xmx${heapMb}m -XX:MaxDirectMemorySize=${directMb}m"
    }

    /** Bytes of the published minima and spectra of one realization (kappa, x; eigenvalues or the lowest modes). */
    static long bytesPerRealization(int n, String spectrum, long modes, long vectors) {
        long minima = 16L * n + 64
        long spectra = spectrum == 'lowest' ? 24L * KhgpsParams.modes(n, modes) + 8L * n * vectors : 8L * n
        return minima + spectra + 64
    }

    /**
     * The plan of a study before any task: chunks, tasks (sample, minimize, diagonalize per chunk;
     * histogram, fit, theory per point; one report), core-hours by the cost model
     * ({@link #secondsPerRealization} x {@link #realizationCost}, measured on 2 cores) and bytes of published minima and spectra.
     */
    static Map plan(List<Map> points, String spectrum = 'full', long modes = 0, long vectors = 0) {
        long chunks = 0
        double coreSeconds = 0
        double bytes = 0
        points.each { p ->
            long r = p.realizations as long
            long c = p.chunk_size as long
            chunks += (r + c - 1).intdiv(c) as long
            coreSeconds += 2 * r * secondsPerRealization(p.N as int) * realizationCost(p.N as int, p.protocol as String, spectrum, modes)
            bytes += (double) r * bytesPerRealization(p.N as int, spectrum, modes, vectors)
        }
        return [points: points.size(), chunks: chunks, tasks: 3 * chunks + 3 * points.size() + 1,
                coreHours: coreSeconds / 3600, bytes: bytes]
    }

    /** One line for the log: what the study will take. */
    static String planText(Map plan) {
        return String.format(Locale.ROOT, "plan: %d points, %d chunks, %d tasks; about %.3g core-hours "
            + "(cost model: KhgpsResources.secondsPerRealization on 2 cores) and %s of published minima and spectra",
            plan.points, plan.chunks, plan.tasks, plan.coreHours, bytesText(plan.bytes as double))
    }

    static String bytesText(double bytes) {
        def units = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB']
        int u = 0
        while (bytes >= 1000 && u < units.size() - 1) {
            bytes /= 1000
            u++
        }
        return String.format(Locale.ROOT, '%.3g %s', bytes, units[u])
    }

    /** Refuses a plan above --max_core_hours, saying how to go on. */
    static void checkPlan(Map plan, double maxCoreHours) {
        if (plan.coreHours > maxCoreHours) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                "--max_core_hours %s: this study needs about %.3g core-hours (%d tasks, %s of published files), more than the "
                    + "limit; to run it anyway raise the limit, e.g. --max_core_hours %.0f, or make it smaller (--realizations, --N, fewer points)",
                maxCoreHours == Math.rint(maxCoreHours) ? "${(long) maxCoreHours}" : "${maxCoreHours}", plan.coreHours, plan.tasks, bytesText(plan.bytes as double), Math.ceil(plan.coreHours * 1.1)))
        }
    }
}
