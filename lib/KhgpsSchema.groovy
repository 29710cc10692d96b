import groovy.json.JsonSlurper

/**
 * The pipeline's parameters as nextflow_schema.json declares them (JSON Schema draft 2020-12 in
 * the layout nf-schema and Seqera Platform read: "$defs" groups with title, description and
 * properties, joined by "allOf"). nf-schema cannot be downloaded here, so this is the project's
 * own small implementation of what it does for a user: --help from the schema, unknown parameters
 * named with the closest known one, and the type and range checks.
 *
 * The subset of JSON Schema it implements, per parameter: type (string, integer, number, boolean,
 * array, null, or a list of them), minimum, maximum, exclusiveMinimum, exclusiveMaximum, enum,
 * pattern (searched, as ECMA-262 does), items (for arrays), and nf-schema's errorMessage (the
 * "must be ..." part of the message). Everything else in the schema (format, help_text, fa_icon,
 * mimetype, ...) is documentation. As nf-schema does for the command line, a string that reads as
 * a number counts as an integer or number (Nextflow hands `--tolerance 1e-10` over as a string),
 * and a number as a string (`--title 2024`).
 *
 * Nextflow loads this class from lib/; the Spock tests compile it too (no Nextflow classes here).
 */
class KhgpsSchema {

    private static final String INTEGER = /[+-]?\d+/
    private static final String NUMBER = /[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/

    /** Options of `nextflow run` itself: written with two dashes they become parameters by mistake. */
    private static final List<String> RUN_OPTIONS = ['resume', 'profile', 'params-file', 'c', 'config', 'w', 'work-dir',
        'stub', 'stub-run', 'preview', 'bg', 'ansi-log', 'with-trace', 'with-report', 'with-timeline', 'with-dag',
        'name', 'revision', 'r', 'latest', 'dump-hashes', 'dump-channels', 'qs', 'queue-size', 'with-tower', 'offline'].asImmutable()

    /** nextflow_schema.json of the pipeline in projectDir (read when asked: a run asks once). */
    static Map load(File projectDir) {
        def file = new File(projectDir, 'nextflow_schema.json')
        if (!file.isFile()) {
            throw new IllegalStateException("${file} is missing: the pipeline's parameters are declared there")
        }
        return new JsonSlurper().parse(file) as Map
    }

    /** The groups in the order "allOf" lists them: [key: [title, description, properties]]. */
    static Map<String, Map> groups(Map schema) {
        def defs = schema['$defs'] as Map ?: [:]
        def out = new LinkedHashMap<String, Map>()
        (schema.allOf as List ?: []).each { ref ->
            def key = ref['$ref'].toString().replaceFirst('^#/\\$defs/', '')
            out[key] = defs[key] as Map
        }
        if (schema.properties) {
            out[''] = [title: 'Other parameters', properties: schema.properties]
        }
        return out
    }

    /** Every parameter: name -> its schema, in the schema's order. */
    static Map<String, Map> parameters(Map schema) {
        def out = new LinkedHashMap<String, Map>()
        groups(schema).values().each { g -> out.putAll(g.properties as Map) }
        return out
    }

    // ---------------------------------------------------------------- unknown parameters

    /**
     * One message per parameter the schema does not know, with the closest known name. A name
     * Nextflow maps to a known one (its kebab-case / camelCase twin) is accepted when Nextflow
     * did map it, i.e. the known parameter holds the same value; Nextflow 24.10 maps none.
     */
    static List<String> unknown(Map schema, Map params) {
        def known = parameters(schema).keySet()
        return params.keySet().collect { it.toString() }.findAll { k ->
            if (k in known) {
                return false
            }
            def twin = k.contains('-') ? k.replaceAll(/-(\w)/) { all, c -> c.toUpperCase() } : k.replaceAll(/([A-Z])/) { all, c -> '-' + c.toLowerCase() }
            return !(twin != k && twin in known && params[twin] == params[k])
        }.collect { k ->
            if (k in RUN_OPTIONS) {
                return "unknown parameter --${k}; did you mean Nextflow's option -${k} (one dash)?".toString()
            }
            def s = suggest(k, known)
            return "unknown parameter --${k}${s ? "; did you mean --${s}?" : ''} (--help lists them all)".toString()
        }
    }

    /** The known name closest to name (edit distance, ignoring case and - versus _), or null if none is close. */
    static String suggest(String name, Collection<String> known) {
        def norm = { String s -> s.toLowerCase().replace('-', '_') }
        def best = known.collect { k -> [k, distance(norm(name), norm(k)), distance(name, k)] }
                        .min { a, b -> a[1] <=> b[1] ?: a[2] <=> b[2] }
        int allowed = Math.max(1, Math.min(3, name.length().intdiv(2)))
        return best != null && best[1] <= allowed ? best[0] : null
    }

    /** Levenshtein distance: insertions, deletions and substitutions. */
    static int distance(String a, String b) {
        int[] prev = (0..b.length()) as int[]
        for (int i = 1; i <= a.length(); i++) {
            int[] cur = new int[b.length() + 1]
            cur[0] = i
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost)
            }
            prev = cur
        }
        return prev[b.length()]
    }

    // ---------------------------------------------------------------- types and ranges

    /** One message per parameter whose value the schema does not allow (null values are not checked). */
    static List<String> errors(Map schema, Map params) {
        def out = []
        parameters(schema).each { name, prop ->
            def value = params[name]
            if (value != null) {
                def why = check(prop, value)
                if (why != null) {
                    out << "--${name} ${why}".toString()
                }
            }
        }
        return out
    }

    /** Throws IllegalArgumentException naming every parameter the schema does not know. */
    static void requireKnown(Map schema, Map params) {
        def problems = unknown(schema, params)
        if (problems) {
            throw new IllegalArgumentException(problems.join('\n'))
        }
    }

    /** Throws IllegalArgumentException naming every value the schema does not allow. */
    static void requireValid(Map schema, Map params) {
        def problems = errors(schema, params)
        if (problems) {
            throw new IllegalArgumentException(problems.join('\n'))
        }
    }

    /** Why value does not fit prop ("must be ..., got ..."), or null if it does. */
    static String check(Map prop, Object value) {
        def types = typesOf(prop)
        def got = show(value)
        def must = prop.errorMessage ? prop.errorMessage.toString() : "must be ${rule(prop)}"
        def kind = types.find { t -> is(t, value) }
        if (kind == null) {
            if (value == true) {
                return "needs a value (${rule(prop)})"
            }
            if (value instanceof CharSequence && value.toString().contains(',') && types.any { it in ['integer', 'number'] }) {
                return "takes one value (${rule(prop)}), got ${got}"
            }
            return "${must}, got ${got}"
        }
        if (kind == 'array') {
            def items = prop.items as Map
            def bad = items ? (value as List).find { check(items, it) != null } : null
            return bad == null ? null : "${must}, got ${show(bad)} in ${got}"
        }
        if (prop.enum && !(value.toString() in (prop.enum as List)*.toString())) {
            return "${must}, got ${got}"
        }
        if (kind in ['integer', 'number']) {
            def x = new BigDecimal(value.toString().trim())
            def min = prop.minimum, max = prop.maximum, xmin = prop.exclusiveMinimum, xmax = prop.exclusiveMaximum
            if ((min != null && x < (min as BigDecimal)) || (max != null && x > (max as BigDecimal))
                    || (xmin != null && x <= (xmin as BigDecimal)) || (xmax != null && x >= (xmax as BigDecimal))) {
                return "${must}, got ${got}"
            }
        }
        if (kind == 'string' && prop.pattern && !(value.toString() =~ prop.pattern.toString()).find()) {
            return "${must}, got ${got}"
        }
        return null
    }

    static List<String> typesOf(Map prop) {
        def t = prop.type
        return t == null ? ['string', 'integer', 'number', 'boolean', 'array', 'null'] : (t instanceof List ? t*.toString() : [t.toString()])
    }

    /** Whether value is of the JSON type t (a string reading as a number is a number). */
    static boolean is(String t, Object value) {
        switch (t) {
            case 'null': return value == null
            case 'boolean': return value instanceof Boolean
            case 'array': return value instanceof Collection
            // the command line cannot tell --title 2024 from a number: Nextflow hands over a number
            case 'string': return value instanceof CharSequence || value instanceof Number
            case 'number':
                return (value instanceof Number && finite(value as Number)) || (value instanceof CharSequence && value.toString().trim() ==~ NUMBER)
            case 'integer':
                if (value instanceof Number) {
                    return finite(value as Number) && new BigDecimal(value.toString()).stripTrailingZeros().scale() <= 0
                }
                return value instanceof CharSequence && value.toString().trim() ==~ INTEGER
            default: return false
        }
    }

    private static boolean finite(Number n) {
        return !(n instanceof Double || n instanceof Float) || !(Double.isNaN(n.doubleValue()) || Double.isInfinite(n.doubleValue()))
    }

    /** What prop allows, in words: "an integer >= 1", "a number in [0, 1)", "auto or fraction", ... */
    static String rule(Map prop) {
        if (prop.errorMessage?.toString()?.startsWith('must be ')) {
            return prop.errorMessage.toString().substring('must be '.length())
        }
        if (prop.enum) {
            def e = (prop.enum as List)*.toString()
            return e.size() == 2 ? "${e[0]} or ${e[1]}" : "one of ${e.join(', ')}"
        }
        def types = typesOf(prop)
        def numeric = types.find { it in ['integer', 'number'] }
        if (numeric) {
            def what = (numeric == 'integer' ? 'an integer' : 'a number') + bounds(prop)
            return 'array' in types ? "${what}, or a comma-separated list of them" : what
        }
        if (types == ['boolean']) {
            return 'true or false'
        }
        if (prop.pattern) {
            return "a text matching ${prop.pattern}"
        }
        if (prop.format in ['file-path', 'directory-path', 'path']) {
            return prop.format == 'file-path' ? 'a path to a file' : 'a path'
        }
        return types.collect { it == 'string' ? 'a text' : it }.join(' or ')
    }

    private static String bounds(Map prop) {
        def lo = prop.minimum != null ? prop.minimum : prop.exclusiveMinimum
        def hi = prop.maximum != null ? prop.maximum : prop.exclusiveMaximum
        def loOpen = prop.minimum == null
        def hiOpen = prop.maximum == null
        if (lo != null && hi != null) {
            return " in ${loOpen ? '(' : '['}${num(lo)}, ${num(hi)}${hiOpen ? ')' : ']'}"
        }
        if (lo != null) {
            return " ${loOpen ? '>' : '>='} ${num(lo)}"
        }
        if (hi != null) {
            return " ${hiOpen ? '<' : '<='} ${num(hi)}"
        }
        return ''
    }

    private static String num(Object n) {
        return new BigDecimal(n.toString()).stripTrailingZeros().toPlainString()
    }

    /** A default as the user would type it (1e-10, not 1E-10); '' for none. */
    static String shownDefault(Map prop) {
        def d = prop.default
        return !prop.containsKey('default') ? '' : d instanceof Number ? d.toString().replace('E', 'e') : d.toString()
    }

    /** A value as the user typed it: text quoted, numbers (also those KhgpsPipeline.asTyped kept as typed) bare. */
    private static String show(Object value) {
        if (value instanceof CharSequence && value.toString() ==~ /[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/) {
            return value.toString()
        }
        return value instanceof CharSequence ? "'${value}'" : value instanceof Collection ? (value as List).toString() : value.toString()
    }

    // ---------------------------------------------------------------- help

    /**
     * [text, true] for --help (every group) or --help NAME (one parameter's full help);
     * [message, false] when NAME is not a parameter. Values that differ from the default (a
     * profile's, the command line's) are shown as "now".
     */
    static List help(Map schema, Map params, String version) {
        def which = params.help
        def all = parameters(schema)
        if (which instanceof CharSequence && !(which.toString() in ['true', ''])) {
            def name = which.toString().replaceFirst(/^-+/, '')
            if (!all.containsKey(name)) {
                def s = suggest(name, all.keySet())
                return ["--help: unknown parameter --${name}${s ? "; did you mean --${s}?" : ''}".toString(), false]
            }
            def p = all[name]
            def group = groups(schema).values().find { (it.properties as Map).containsKey(name) }
            def lines = ["--${name}  (${group.title})"] + wrap(p.description.toString(), '    ')
            if (p.help_text) {
                lines.addAll(wrap(p.help_text.toString(), '    '))
            }
            lines << "    type:    ${typesOf(p).join(', ')}"
            lines << "    allowed: ${rule(p)}"
            lines << "    default: ${shownDefault(p) ?: '(none)'}"
            if (params[name] != p.default && !(name == 'help')) {
                lines << "    now:     ${params[name]}"
            }
            return [lines.join('\n'), true]
        }
        int width = all.keySet()*.length().max() + 4
        def lines = ["khgps-nf ${version ?: ''}: ${schema.description}".toString(), '',
                     'Usage: ./nextflow run . [-profile test] [--param value ...] [-resume]',
                     '       ./nextflow run . --help NAME      one parameter\'s full help (e.g. --help seed)', '']
        groups(schema).values().each { g ->
            lines << "${g.title}: ${g.description ?: ''}".toString()
            (g.properties as Map).each { String name, Map p ->
                def dflt = p.containsKey('default') ? " [default: ${shownDefault(p)}]" : ''
                def now = params.containsKey(name) && params[name] != p.default && name != 'help' ? " [now: ${params[name]}]" : ''
                lines << "  ${('--' + name).padRight(width)}${p.description}${dflt}${now}".toString()
            }
            lines << ''
        }
        lines << 'Every parameter, its default and its allowed values: docs/usage.md; the schema: nextflow_schema.json.'
        return [lines.join('\n'), true]
    }

    /** text in lines of at most 100 characters, each starting with indent. */
    private static List<String> wrap(String text, String indent) {
        def out = []
        def line = new StringBuilder(indent)
        text.split(/\s+/).each { w ->
            if (line.length() > indent.length() && line.length() + 1 + w.length() > 100) {
                out << line.toString()
                line = new StringBuilder(indent)
            }
            line.append(line.length() > indent.length() ? ' ' : '').append(w)
        }
        out << line.toString()
        return out
    }

    // ---------------------------------------------------------------- docs

    /** The parameter tables of docs/usage.md, one per group, generated from the schema. */
    static String markdown(Map schema) {
        def out = []
        groups(schema).values().each { g ->
            out << "### ${g.title}" << '' << g.description.toString() << ''
            out << '| parameter | default | allowed | meaning |' << '| --- | --- | --- | --- |'
            (g.properties as Map).each { String name, Map p ->
                def meaning = [p.description, p.help_text].findAll().join(' ').replace('|', '\\|')
                out << "| `--${name}` | ${shownDefault(p)} | ${rule(p).replace('|', '\\|')} | ${meaning} |".toString()
            }
            out << ''
        }
        return out.join('\n')
    }
}
