import java.security.MessageDigest

/**
 * Parameters of a KHGPS study: parsing, validation and the study points.
 *
 * Nextflow loads this class from lib/; the Spock tests compile it too. The point id is the
 * first 12 hex digits of the SHA-256 of the canonical JSON of (J, N, h, kappa0), built exactly
 * as org.khgps.core.StudyPoint#canonicalJson does (keys in ASCII order, Java's Double.toString);
 * with --disorder common also "disorder":"common", and with a protocol other than zero
 * "protocol":"flip" (so the ids of earlier studies never change).
 */
class KhgpsParams {

    /**
     * Largest N whose N x N matrix fits the tools' one off-heap buffer: org.khgps.core.SymmetricMatrix.MAX_N
     * and nextflow_schema.json's maximum of N. lib/ cannot load the tools' jar, so this is a copy;
     * OneSourceTest fails when the three differ.
     */
    static final int MAX_N = 16383

    /** Largest h, J and kappa0: org.khgps.core.StudyPoint.MAX_SCALE (a copy, guarded by OneSourceTest). */
    static final double MAX_SCALE = 1e6

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
            // 1e-400 parses to 0 and 1e-310 to a subnormal: the study would silently run another value
            if (v != 0 ? Math.abs(v) < Double.MIN_NORMAL : s.replaceFirst(/[eE].*$/, '') ==~ /.*[1-9].*/) {
                throw new IllegalArgumentException("--${name} ${s} is below the smallest normal double "
                    + "(${Double.MIN_NORMAL}): it would become ${v == 0 ? '0' : 'a number with fewer digits'}; "
                    + "give 0 or a value of magnitude >= ${Double.MIN_NORMAL} (${rule})")
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
        // Nextflow reads 99999999999999999999 on the command line as the double 1.0E20
        if ((value instanceof Double || value instanceof Float || value instanceof BigDecimal)
                && Double.isFinite(value as double) && (value as double) == Math.rint(value as double)
                && Math.abs(value as double) >= 9.223372036854775807E18d) {
            throw new IllegalArgumentException("--${name} is out of range: it must be ${range(min, rule)}, "
                + "got ${new BigDecimal(value as double).toPlainString()}")
        }
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
            throw new IllegalArgumentException("--${name} is out of range: it must be ${range(min, rule)}, got ${s}")
        }
        if (v < min) {
            throw new IllegalArgumentException("--${name} must be ${rule}, got ${s}")
        }
        return v
    }

    /** What a 64-bit integer parameter allows, for messages. */
    private static String range(long min, String rule) {
        return min == Long.MIN_VALUE ? "${rule} from ${Long.MIN_VALUE} to ${Long.MAX_VALUE} (64 bits)" : "${rule} and <= ${Long.MAX_VALUE}"
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
        def tuples = params.points ? pointsFile(params.points.toString(), baseDir, params.protocol) : product(params)
        def out = tuples.collect { t ->
            def (n, h, j, k) = t
            // a points file may give a point its own number of realizations (column realizations)
            long r = t.size() > 4 && t[4] != null ? t[4] as long : realizations
            String protocol = t.size() > 5 ? t[5] : 'zero'
            // the mode and the protocol are in the meta map (and so in every task's hash) only when
            // not the default, so the ids and cached tasks of earlier studies stay as they were
            [id: pointId(n, h, j, k, disorder, protocol), N: n, h: h, J: j, kappa0: k, seed: seed,
             realizations: r, chunk_size: chunk ?: KhgpsResources.autoChunkSize(n, protocol)] +
                (disorder == 'common' ? [disorder: 'common'] : [:]) +
                (protocol != 'zero' ? [protocol: protocol] : [:])
        }
        out.each { p -> checkStationaryStart(p) }
        def ids = out*.id
        def repeated = out.findAll { p -> ids.count(p.id) > 1 }
            .collect { "N=${it.N} h=${it.h} J=${it.J} kappa0=${it.kappa0}${it.protocol ? " protocol=${it.protocol}" : ''}" }.unique()
        if (repeated) {
            throw new IllegalArgumentException("--points lists ${repeated.join('; ')} more than once")
        }
        return out
    }

    /**
     * h = 0 with J > 0 cannot work: the minimizer starts at x = 0, where the gradient of H is -h = 0,
     * so it "converges" in 0 iterations at a stationary point that is a saddle (the Hessian, the
     * couplings with kappa_i on the diagonal, has negative eigenvalues), and every realization is left
     * out of D(omega).
     * With J = 0, x = 0 is the minimum (kappa_i >= 0) and h = 0 is allowed.
     */
    static void checkStationaryStart(Map p) {
        // --protocol random starts elsewhere
        if (p.h == 0 && p.J > 0 && p.protocol != 'random') {
            throw new IllegalArgumentException("--h 0 with --J ${p.J} (point N=${p.N} h=${p.h} J=${p.J} kappa0=${p.kappa0}) cannot work: "
                + "the minimizer starts at x = 0, where the gradient of H is -h = 0, so it would stop at once at a saddle "
                + "(the Hessian has negative eigenvalues for J > 0) and no realization would reach a minimum; "
                + "give --h > 0 (h = 0 is allowed only with J = 0)")
        }
    }

    static final String H_RULE = "a number >= 0 and <= ${(long) MAX_SCALE}"
    static final String J_RULE = H_RULE
    static final String KAPPA0_RULE = "a number > 0 and <= ${(long) MAX_SCALE}"

    /** The protocols (org.khgps.core.Protocol; a copy, guarded by OneSourceTest). */
    static final List<String> PROTOCOLS = ['zero', 'random', 'flip', 'best_random'].asImmutable()

    /** --protocol: one protocol or a comma-separated list of them (default zero). */
    static List<String> protocols(Object value) {
        def list = items('protocol', value == null ? 'zero' : value)
        def unknown = list.findAll { !(it in PROTOCOLS) }
        if (unknown) {
            throw new IllegalArgumentException("--protocol must be one of ${PROTOCOLS.join(', ')}, or a comma-separated list "
                + "of them, got '${unknown.join(',')}'")
        }
        return list
    }

    /** The Cartesian product of --N, --h, --J, --kappa0 and --protocol. */
    static List<List> product(Map params) {
        def ns = sizes(params.N)
        def hs = numbers('h', params.h, H_RULE) { it >= 0 && it <= MAX_SCALE }
        def js = numbers('J', params.J, J_RULE) { it >= 0 && it <= MAX_SCALE }
        def ks = numbers('kappa0', params.kappa0, KAPPA0_RULE) { it > 0 && it <= MAX_SCALE }
        def ps = protocols(params.protocol)
        def out = []
        for (n in ns) {
            for (h in hs) {
                for (j in js) {
                    for (k in ks) {
                        for (p in ps) {
                            out << [n, h, j, k, null, p]
                        }
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
    static List<List> pointsFile(String path, File baseDir, Object protocol = null) {
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
        def repeatedColumns = header.findAll { c -> header.count(c) > 1 }.unique()
        if (repeatedColumns) {
            throw new IllegalArgumentException("--points: ${file} has the column(s) ${repeatedColumns.join(', ')} more than once "
                + "(header: ${lines[0]}); give each column once")
        }
        def missing = ['N', 'h', 'J', 'kappa0'].findAll { !(it in header) }
        if (missing) {
            throw new IllegalArgumentException("--points: ${file} lacks the column(s) ${missing.join(', ')} (header: ${lines[0]})")
        }
        return lines.drop(1).withIndex().collect { line, i ->
            def cells = line.split(',', -1)*.trim()
            if (cells.size() > header.size()) {
                throw new IllegalArgumentException("--points: ${file.name} line ${i + 2} has ${cells.size()} values but the header "
                    + "names ${header.size()} columns (${lines[0]}): label every column, or remove the extra value in '${line}'")
            }
            def cell = { name -> cells.size() > header.indexOf(name) ? cells[header.indexOf(name)] : '' }
            def where = "${file.name} line ${i + 2}"
            try {
                def r = 'realizations' in header && cell('realizations') ?
                        integer('realizations', cell('realizations'), 1, 'an integer >= 1') : null
                // an optional column protocol (one per row); without it, every protocol of --protocol
                def ps = 'protocol' in header && cell('protocol') ? protocols(cell('protocol')) : protocols(protocol)
                if (ps.size() > 1 && 'protocol' in header && cell('protocol')) {
                    throw new IllegalArgumentException("--protocol takes one value per row, got '${cell('protocol')}'")
                }
                def point = [sizes(cell('N'))[0],
                             numbers('h', cell('h'), H_RULE) { it >= 0 && it <= MAX_SCALE }[0],
                             numbers('J', cell('J'), J_RULE) { it >= 0 && it <= MAX_SCALE }[0],
                             numbers('kappa0', cell('kappa0'), KAPPA0_RULE) { it > 0 && it <= MAX_SCALE }[0], r]
                ps.collect { p -> point + [p] }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--points: ${where}: ${e.message}")
            }
        }.collectMany { it }
    }

    /** --disorder: independent (default; also when unset) or common. */
    static String disorderMode(Object value) {
        String mode = value == null ? 'independent' : value.toString().trim()
        if (!(mode in ['independent', 'common'])) {
            throw new IllegalArgumentException("--disorder must be independent or common, got '${value}'")
        }
        return mode
    }

    static String canonicalJson(int n, double h, double j, double kappa0, String disorder = 'independent', String protocol = 'zero') {
        def mode = disorder == 'common' ? ',"disorder":"common"' : ''
        def how = protocol == 'zero' ? '' : ",\"protocol\":\"${protocol}\""
        return "{\"J\":${Double.toString(j)},\"N\":${n}${mode},\"h\":${Double.toString(h)},\"kappa0\":${Double.toString(kappa0)}${how}}"
    }

    static String pointId(int n, double h, double j, double kappa0, String disorder = 'independent', String protocol = 'zero') {
        def digest = MessageDigest.getInstance('SHA-256').digest(canonicalJson(n, h, j, kappa0, disorder, protocol).getBytes('UTF-8'))
        return digest[0..5].collect { String.format('%02x', it & 0xff) }.join()
    }

    /** Modes per realization with --spectrum lowest: the given number, or 2% of N for 0 (LowestModes.defaultModes). */
    static int modes(int n, long modes) {
        return modes > 0 ? (int) modes : Math.max(1, (int) Math.ceil(0.02d * n))
    }

    /**
     * Lowest frequencies the histogram stores for the fit (PointDos.pool, whose TAIL_MIN_MODES and
     * TAIL_DIVISOR these are): all modes of a small point, else max(2000, modes / 5); with --spectrum
     * lowest at most the K modes of each realization. KhgpsParamsTest pools synthetic spectra to check it.
     */
    static long storedTail(int n, long realizations, String spectrum, long modes) {
        long total = (long) n * realizations
        long computed = spectrum == 'lowest' ? (long) KhgpsParams.modes(n, modes) * realizations : total
        return Math.min(computed, Math.max(2000L, total.intdiv(5) as long))
    }

    /**
     * Refuses a study whose fit cannot work on some point even if every realization converges: the
     * fit (TailFit) needs min_modes + 1 lowest frequencies (window auto: fewer give no window at all;
     * window fraction: max(min_modes, round(tail_fraction x modes)) + 1, else FIT fails after all the compute).
     */
    static void checkFit(List<Map> points, long minModes, String window, double tailFraction, String spectrum, long modes) {
        points.each { p ->
            int n = p.N as int
            long r = p.realizations as long
            long total = (long) n * r
            long stored = storedTail(n, r, spectrum, modes)
            long k = window == 'fraction' ? Math.max(minModes, Math.round(tailFraction * total)) : minModes
            if (stored >= k + 1) {
                return
            }
            def point = "N=${n} h=${p.h} J=${p.J} kappa0=${p.kappa0}"
            if (k > minModes) {
                double most = (stored - 1) / (double) total
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "--tail_fraction %s asks the fit of point %s for its lowest %d frequencies, but the histogram keeps "
                        + "only the lowest %d (of %d modes: max(2000, modes/5)%s); use --tail_fraction <= %.3g",
                    tailFraction, point, k + 1, stored, total, spectrum == 'lowest' ? ', at most --modes per realization' : '', most))
            }
            if (spectrum == 'lowest') {
                throw new IllegalArgumentException("--modes ${KhgpsParams.modes(n, modes)} per realization x ${r} realizations gives the point ${point} "
                    + "${stored} lowest frequencies, but the fit needs at least min_modes + 1 = ${minModes + 1}: "
                    + "raise --modes or --realizations, or lower --min_modes")
            }
            long minN = (long) Math.ceil((minModes + 1) / (double) r)
            long minR = (long) Math.ceil((minModes + 1) / (double) n)
            throw new IllegalArgumentException("--N ${n} with ${r} realizations gives the point ${point} ${total} modes, "
                + "but the fit needs at least min_modes + 1 = ${minModes + 1} lowest frequencies: "
                + "use N >= ${Math.max(2, minN)} with ${r} realizations, or --realizations >= ${minR}, or a smaller --min_modes")
        }
    }

    /**
     * The least max|grad H| double precision lets the minimizer reach at a point:
     * org.khgps.core.Minimizer.gradientFloor (a copy, guarded by OneSourceTest).
     */
    static double gradientFloor(Map p) {
        double x = Math.max(Math.cbrt(6 * (p.h as double)), Math.sqrt(20 * (p.J as double)))
        double force = (p.h as double) + (p.kappa0 as double) * x + x * x * x / 6 + (p.J as double) * x * Math.sqrt(p.N as double)
        return Math.ulp(1.0d) * force
    }

    /** Refuses a --tolerance the minimizer cannot meet at some point (it would run every realization to max_iterations). */
    static void checkTolerance(List<Map> points, double tolerance) {
        def worst = points.max { gradientFloor(it) }
        double floor = gradientFloor(worst)
        if (tolerance < floor) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "--tolerance %s cannot be met at the point N=%s h=%s J=%s "
                + "kappa0=%s: double precision stops max|grad H| near %.2g (the largest force times machine epsilon, "
                + "docs/numerics.md), so every realization would run to --max_iterations and be left out; give --tolerance >= %.2g",
                tolerance, worst.N, worst.h, worst.J, worst.kappa0, floor, floor))
        }
    }

    /**
     * Refuses --spectrum lowest with one mode per realization: the pooled spectrum is complete only below
     * the smallest lambda_K of all realizations (PointDos), and with K = 1 no mode lies below it.
     */
    static void checkModes(List<Map> points, String spectrum, long requested) {
        if (spectrum != 'lowest') {
            return
        }
        def few = points.find { modes(it.N as int, requested) < 2 }
        if (few) {
            throw new IllegalArgumentException("--spectrum lowest with ${modes(few.N as int, requested)} mode per realization "
                + "(${requested > 0 ? "--modes ${requested}" : "2% of N = ${few.N}"}) cannot work: the pooled spectrum is complete only below "
                + "the smallest lambda_K of all realizations, and with K = 1 no mode lies below it; give --modes >= 2")
        }
    }

    /**
     * The task scripts' JVM flags and the lowest-mode search's memory, by their old names: a
     * process script's text is part of every task's cache key, so the modules' scripts call these
     * as they always did (renaming them recomputed every cached task of a study on -resume). The
     * model itself: {@link KhgpsResources#javaOpts}, {@link KhgpsResources#lowestModesWorkMb}.
     */
    static String javaOpts(long memoryBytes, int n, int cpus = 1, long workMb = 0) {
        return KhgpsResources.javaOpts(memoryBytes, n, cpus, workMb)
    }

    static long lowestModesWorkMb(int n, int modes) {
        return KhgpsResources.lowestModesWorkMb(n, modes)
    }
}
