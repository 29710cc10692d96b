import java.security.MessageDigest

/**
 * Parameters of a KHGPS study: parsing, validation and the study points.
 *
 * Nextflow loads this class from lib/; the Spock tests compile it too. The point id is the
 * first 12 hex digits of the SHA-256 of the canonical JSON of (J, N, h, kappa0), built exactly
 * as org.khgps.core.StudyPoint#canonicalJson does (keys in ASCII order, Java's Double.toString);
 * with --disorder common also "disorder":"common" (so independent ids never change).
 */
class KhgpsParams {

    /** Largest N whose N x N matrix fits the tools' one off-heap buffer. */
    static final int MAX_N = 16383

    /** One value or a comma-separated list ("0.05,0.2"), or a list from a params file. */
    static List<String> items(String name, Object value) {
        if (value == null || value == true || value == false) {
            throw new IllegalArgumentException("--${name} needs a value")
        }
        List raw = value instanceof Collection ? value as List : value.toString().split(',') as List
        List<String> out = raw.collect { it.toString().trim() }
        if (out.isEmpty() || out.any { it.isEmpty() }) {
            throw new IllegalArgumentException("--${name} has an empty value in '${value}'")
        }
        def duplicated = out.findAll { v -> out.count(v) > 1 }.unique()
        if (duplicated) {
            throw new IllegalArgumentException("--${name} lists ${duplicated.join(', ')} more than once")
        }
        return out
    }

    static List<Double> numbers(String name, Object value, String rule, Closure<Boolean> allowed) {
        def values = items(name, value).collect { s ->
            double v
            try {
                v = Double.parseDouble(s)
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--${name} must be a number (${rule}), got '${s}'")
            }
            if (Double.isNaN(v) || Double.isInfinite(v)) {
                throw new IllegalArgumentException("--${name} must be a finite number (${rule}), got '${s}'")
            }
            if (!allowed(v)) {
                throw new IllegalArgumentException("--${name} must be ${rule}, got ${s}")
            }
            v
        }
        def duplicated = values.findAll { v -> values.count(v) > 1 }.unique()
        if (duplicated) {
            throw new IllegalArgumentException("--${name} lists the value ${duplicated.join(', ')} more than once")
        }
        return values
    }

    static long integer(String name, Object value, long min, String rule) {
        def list = items(name, value)
        if (list.size() != 1) {
            throw new IllegalArgumentException("--${name} takes one value, got '${value}'")
        }
        def s = list[0]
        if (!(s ==~ /[+-]?\d+/)) {
            throw new IllegalArgumentException("--${name} must be an integer (${rule}), got '${s}'")
        }
        long v
        try {
            v = Long.parseLong(s)
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--${name} is out of range, got '${s}'")
        }
        if (v < min) {
            throw new IllegalArgumentException("--${name} must be ${rule}, got ${s}")
        }
        return v
    }

    static List<Integer> sizes(Object value) {
        return items('N', value).collect { s ->
            if (!(s ==~ /\d+/)) {
                throw new IllegalArgumentException("--N must be an integer >= 2, got '${s}'")
            }
            long n = s.length() > 9 ? Long.MAX_VALUE : Long.parseLong(s)
            if (n < 2) {
                throw new IllegalArgumentException("--N must be an integer >= 2, got ${s}")
            }
            if (n > MAX_N) {
                throw new IllegalArgumentException("--N must be at most ${MAX_N} (one N x N matrix of doubles in one buffer), got ${s}")
            }
            n as Integer
        }.unique()
    }

    /**
     * The study points: the Cartesian product of N, h, J and kappa0, each a meta map
     * [id, N, h, J, kappa0, seed, realizations, chunk_size]. Throws IllegalArgumentException
     * naming the parameter on any invalid value.
     */
    static List<Map> points(Map params, File baseDir = null) {
        long realizations = integer('realizations', params.realizations, 1, 'an integer >= 1')
        long seed = integer('seed', params.seed, Long.MIN_VALUE, 'an integer')
        long chunk = integer('chunk_size', params.chunk_size, 0, 'an integer >= 1, or 0 for automatic')
        String disorder = disorderMode(params.disorder)
        def tuples = params.points ? pointsFile(params.points.toString(), baseDir) : product(params)
        def out = tuples.collect { t ->
            def (n, h, j, k) = t
            // a points file may give a point its own number of realizations (column realizations)
            long r = t.size() > 4 && t[4] != null ? t[4] as long : realizations
            // the mode is in the meta map (and so in every task's hash) only when common
            [id: pointId(n, h, j, k, disorder), N: n, h: h, J: j, kappa0: k, seed: seed,
             realizations: r, chunk_size: chunk ?: autoChunkSize(n)] +
                (disorder == 'common' ? [disorder: 'common'] : [:])
        }
        def ids = out*.id
        def repeated = out.findAll { p -> ids.count(p.id) > 1 }.collect { "N=${it.N} h=${it.h} J=${it.J} kappa0=${it.kappa0}" }.unique()
        if (repeated) {
            throw new IllegalArgumentException("--points lists ${repeated.join('; ')} more than once")
        }
        return out
    }

    /** The Cartesian product of --N, --h, --J and --kappa0. */
    static List<List> product(Map params) {
        def ns = sizes(params.N)
        def hs = numbers('h', params.h, 'a number >= 0') { it >= 0 }
        def js = numbers('J', params.J, 'a number >= 0') { it >= 0 }
        def ks = numbers('kappa0', params.kappa0, 'a number > 0') { it > 0 }
        def out = []
        for (n in ns) {
            for (h in hs) {
                for (j in js) {
                    for (k in ks) {
                        out << [n, h, j, k]
                    }
                }
            }
        }
        return out
    }

    /**
     * Study points listed in a CSV file with the header N,h,J,kappa0 (any order; more columns,
     * e.g. a figure label, are ignored; # starts a comment). An optional column realizations gives
     * a point its own number of realizations (an empty cell: --realizations). A relative path is taken from the
     * launch directory, then from the pipeline's directory (so assets/... works from anywhere).
     */
    static List<List> pointsFile(String path, File baseDir) {
        def file = new File(path)
        if (!file.isAbsolute() && !file.exists() && baseDir != null) {
            file = new File(baseDir, path)
        }
        if (!file.isFile()) {
            throw new IllegalArgumentException("--points: no such file '${path}'")
        }
        def lines = file.readLines().collect { it.replaceFirst(/#.*/, '').trim() }.findAll { it }
        if (lines.size() < 2) {
            throw new IllegalArgumentException("--points: ${file} has no study points (a header N,h,J,kappa0 and one row per point)")
        }
        def header = lines[0].split(',')*.trim()
        def missing = ['N', 'h', 'J', 'kappa0'].findAll { !(it in header) }
        if (missing) {
            throw new IllegalArgumentException("--points: ${file} lacks the column(s) ${missing.join(', ')} (header: ${lines[0]})")
        }
        return lines.drop(1).withIndex().collect { line, i ->
            def cells = line.split(',')*.trim()
            def cell = { name -> cells.size() > header.indexOf(name) ? cells[header.indexOf(name)] : '' }
            def where = "${file.name} line ${i + 2}"
            try {
                def r = 'realizations' in header && cell('realizations') ?
                        integer('realizations', cell('realizations'), 1, 'an integer >= 1') : null
                [sizes(cell('N'))[0],
                 numbers('h', cell('h'), 'a number >= 0') { it >= 0 }[0],
                 numbers('J', cell('J'), 'a number >= 0') { it >= 0 }[0],
                 numbers('kappa0', cell('kappa0'), 'a number > 0') { it > 0 }[0], r]
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--points: ${where}: ${e.message}")
            }
        }
    }

    /** --disorder: independent (default; also when unset) or common. */
    static String disorderMode(Object value) {
        String mode = value == null ? 'independent' : value.toString().trim()
        if (!(mode in ['independent', 'common'])) {
            throw new IllegalArgumentException("--disorder must be independent or common, got '${value}'")
        }
        return mode
    }

    static String canonicalJson(int n, double h, double j, double kappa0, String disorder = 'independent') {
        def mode = disorder == 'common' ? ',"disorder":"common"' : ''
        return "{\"J\":${Double.toString(j)},\"N\":${n}${mode},\"h\":${Double.toString(h)},\"kappa0\":${Double.toString(kappa0)}}"
    }

    static String pointId(int n, double h, double j, double kappa0, String disorder = 'independent') {
        def digest = MessageDigest.getInstance('SHA-256').digest(canonicalJson(n, h, j, kappa0, disorder).getBytes('UTF-8'))
        return digest[0..5].collect { String.format('%02x', it & 0xff) }.join()
    }

    /**
     * Seconds one realization (sample + minimize + diagonalize) takes on 2 cores, from
     * bench/run.sh on the development machine: 0.14 s at N = 1000, 0.40 s at 2000, 2.8 s at 4000,
     * 19 s at 8000, 124 s at 16000 (docs/numerics.md). conf/base.config uses the same model.
     */
    static double secondsPerRealization(int n) {
        return 0.1 + 124.0 * Math.pow(n / 16000.0, 3)
    }

    /**
     * Realizations per task when --chunk_size is 0: about five minutes of work, so JVM start-up
     * and scheduler latency are amortized and a task still fits any wall-clock limit; 1 to 1000.
     */
    static int autoChunkSize(int n) {
        return (int) Math.max(1, Math.min(1000, Math.floor(300 / secondsPerRealization(n))))
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
     * Realizations a minimize or diagonalize task computes side by side: one per cpu up to N = 8000
     * (org.khgps.core.Lanes.PARALLEL_UP_TO_N), else one at a time on all cpus.
     */
    static int lanes(int n, int cpus) {
        return n <= 8000 ? Math.max(1, cpus) : 1
    }

    /**
     * Memory a minimize or diagonalize task of size n on cpus asks for (conf/base.config,
     * process_matrix): one matrix per lane, plus headroom. With cpus = 1, the least that works.
     */
    static long taskMemoryBytes(int n, int cpus = 1) {
        return (long) (8L * n * n * 1.25 * lanes(n, cpus) + 768L * 1024 * 1024)
    }

    /** Refuses a study whose largest N needs more memory per task than --max_memory allows. */
    static void checkMemory(List<Map> points, Object maxMemory) {
        def m = (maxMemory?.toString() ?: '') =~ /^\s*([0-9.]+)\s*\.?\s*([KMGT]?B)\s*$/
        if (!m.matches()) {
            throw new IllegalArgumentException("--max_memory must be a size like 24.GB or 512.MB, got '${maxMemory}'")
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

    /** Modes per realization with --spectrum lowest: the given number, or 2% of N for 0 (LowestModes.defaultModes). */
    static int modes(int n, long modes) {
        return modes > 0 ? (int) modes : Math.max(1, (int) Math.ceil(0.02d * n))
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
}
