package khgps

import groovy.json.JsonSlurper
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.Tag

/** lib/KhgpsSchema.groovy and nextflow_schema.json: the schema against the config and the docs; its checks. */
class KhgpsSchemaTest extends Specification {

    @Shared Map schema = KhgpsSchema.load(Nextflow.ROOT.toFile())

    /** The params of `./nextflow config` (with the given profiles), as JSON. */
    static Map configParams(String profiles = null) {
        def command = [Nextflow.ROOT.resolve('nextflow').toString(), 'config', Nextflow.ROOT.toString(), '-o', 'json'] +
                      (profiles ? ['-profile', profiles] : [])
        def pb = new ProcessBuilder(command).directory(Nextflow.tempDir('config').toFile())
        pb.environment().put('KHGPS_SKIP_BUILD', '1')
        def process = pb.start()
        def out = process.inputStream.getText('UTF-8')
        assert process.waitFor() == 0: out
        return new JsonSlurper().parseText(out.substring(out.indexOf('{'))).params as Map
    }

    /** The profiles nextflow.config declares (its profiles block, one per line): a new one is checked without a list to keep. */
    static List<String> profiles() {
        def text = Nextflow.ROOT.resolve('nextflow.config').text
        def block = text.substring(text.indexOf('\nprofiles {'), text.indexOf('\n}', text.indexOf('\nprofiles {')))
        return (block =~ /(?m)^    (\w+)\s+\{/).collect { it[1] as String }
    }

    static Object plain(Object v) {
        return v instanceof Number ? new BigDecimal(v.toString()) : v
    }

    def 'should declare every parameter of nextflow.config, with the same default, and no other'() {
        given:
        def config = configParams()
        def declared = KhgpsSchema.parameters(schema)

        expect:
        config.keySet().sort() == declared.keySet().sort()
        config.findAll { k, v -> plain(v) != plain(declared[k]?.default) }.collect { k, v -> "${k}: config ${v}, schema ${declared[k]?.default}" } == []
        // and the defaults are allowed values
        KhgpsSchema.errors(schema, config) == []
    }

    @Tag('slow')  // a `nextflow config` JVM per profile: left out of -Pquick
    def 'should know every parameter the profiles set, and allow their values'() {
        given:
        def names = KhgpsSchema.parameters(schema).keySet()
        def declared = profiles()
        // a laptop checks the study profiles and one of each kind; CI every profile nextflow.config declares
        def checked = Nextflow.longTests() ? declared : ['test', 'paper', 'finite_size', 'anatomy', 'slurm', 'docker']
        assert declared.containsAll(checked): declared

        expect:
        checked.each { profile ->
            def params = configParams(profile)
            assert (params.keySet() - names) == [] as Set: profile
            assert KhgpsSchema.errors(schema, params) == []: profile
        }
    }

    def 'should keep the parameter tables of docs/usage.md as the schema generates them'() {
        given:
        def file = Nextflow.ROOT.resolve('docs/usage.md').toFile()
        def begin = '<!-- parameters: generated from nextflow_schema.json by KhgpsSchema.markdown; '
        def end = '<!-- end of the generated parameters -->'
        def text = file.text
        int from = text.indexOf('\n', text.indexOf(begin)) + 1
        int to = text.indexOf(end)
        def generated = KhgpsSchema.markdown(schema)
        if (System.getenv('KHGPS_WRITE_DOCS') == '1') {
            file.text = text.substring(0, from) + generated + text.substring(to)
            text = file.text
            to = text.indexOf(end)
        }

        expect: 'if this fails after a schema change: KHGPS_WRITE_DOCS=1 mvn -B -q -o -pl tests -am verify -Dtest=KhgpsSchemaTest -Dsurefire.failIfNoSpecifiedTests=false'
        text.indexOf(begin) >= 0 && to > from
        text.substring(from, to) == generated
    }

    def 'should give every parameter a description, and defaults of its own type'() {
        expect:
        KhgpsSchema.parameters(schema).each { name, p ->
            assert p.description: name
            assert p.type: name
            if (p.containsKey('default')) {
                assert KhgpsSchema.check(p, p.default) == null: name
            }
        }
        schema['$schema'] == 'https://json-schema.org/draft/2020-12/schema'
        schema.allOf*.get('$ref') == schema['$defs'].keySet().collect { "#/\$defs/${it}".toString() }
    }

    def 'should suggest #SUGGESTION for --#NAME'() {
        expect:
        KhgpsSchema.suggest(NAME, KhgpsSchema.parameters(schema).keySet()) == SUGGESTION

        where:
        NAME            || SUGGESTION
        'Nn'            || 'N'
        'Jx'            || 'J'
        'n'             || 'N'
        'max-cpus'      || 'max_cpus'
        'maxCpus'       || 'max_cpus'
        'realisations'  || 'realizations'
        'kapa0'         || 'kappa0'
        'tolerence'     || 'tolerance'
        'failed-point'  || 'failed_points'
        'zzzzzzzz'      || null
    }

    def 'should name unknown parameters, but not a twin Nextflow mapped to a known one'() {
        expect:
        KhgpsSchema.unknown(schema, [N: 1000, Nn: 100, seed: 1]) == ['unknown parameter --Nn; did you mean --N? (--help lists them all)']
        KhgpsSchema.unknown(schema, [resume: true]) == ["unknown parameter --resume; did you mean Nextflow's option -resume (one dash)?"]
        // a camelCase / kebab-case twin holding the known parameter's value is Nextflow's own mapping
        KhgpsSchema.unknown(schema, [max_cpus: 4, N: 1000, '-n': 1000]) == []
        KhgpsSchema.unknown(schema, [max_cpus: 2, 'max-cpus': 4]) == ['unknown parameter --max-cpus; did you mean --max_cpus? (--help lists them all)']
        KhgpsSchema.unknown(schema, KhgpsSchema.parameters(schema).collectEntries { k, v -> [(k): v.default] }) == []
    }

    def 'should reject --#PARAM #VALUE with: #MESSAGE'() {
        expect:
        KhgpsSchema.errors(schema, [(PARAM): VALUE]) == ["--${PARAM} ${MESSAGE}".toString()]

        where:
        PARAM                | VALUE          || MESSAGE
        'tolerance'          | '1e-10,1e-8'   || "takes one value (a number > 0), got '1e-10,1e-8'"
        'tolerance'          | 0              || 'must be a number > 0, got 0'
        'tolerance'          | true           || 'needs a value (a number > 0)'
        'precondition_below' | 1              || 'must be a number in [0, 1), got 1'
        'tail_fraction'      | '0.01,0.02'    || "takes one value (a number in (0, 1)), got '0.01,0.02'"
        'spectrum'           | 'half'         || "must be full or lowest, got 'half'"
        'solver'             | 'mkl'          || "must be one of auto, lapack, ejml, got 'mkl'"
        'modes'              | -1             || 'must be an integer >= 0 (0 = 2% of N), got -1'
        'bins'               | 2.5            || 'must be an integer >= 1, got 2.5'
        'bins'               | 'abc'          || "must be an integer >= 1, got 'abc'"
        'max_memory'         | '1..GB'        || "must be a size like 24.GB or 512.MB, got '1..GB'"
        'max_cpus'           | 0              || 'must be an integer >= 1, got 0'
        'max_core_hours'     | 0              || 'must be a number > 0, got 0'
        'max_core_hours'     | -5.5           || 'must be a number > 0, got -5.5'
        'failed_points'      | 'maybe'        || "must be report or fail, got 'maybe'"
        'N'                  | 1              || 'must be an integer in [2, 16383], or a comma-separated list of them, got 1'
        'N'                  | [1000, 20000]  || 'must be an integer in [2, 16383], or a comma-separated list of them, got 20000 in [1000, 20000]'
        'J'                  | '0.1,abc'      || "must be a number in [0, 1000000], or a comma-separated list of them, got '0.1,abc'"
        'kappa0'             | 0              || 'must be a number in (0, 1000000], or a comma-separated list of them, got 0'
        'h'                  | Double.NaN     || 'must be a number in [0, 1000000], or a comma-separated list of them, got NaN'
    }

    def 'should allow --#PARAM #VALUE'() {
        expect:
        KhgpsSchema.errors(schema, [(PARAM): VALUE]) == []

        where:
        PARAM            | VALUE
        'tolerance'      | '1e-10'          // Nextflow hands numbers like this over as text
        'tolerance'      | 1e-8
        'seed'           | '12'
        'N'              | '1000,2000'
        'N'              | [1000, 2000]
        'J'              | '0.05, 0.1,1e-3'
        'h'              | 0
        'title'          | 2024             // --title 2024 arrives as a number
        'max_memory'     | '512.MB'
        'max_core_hours' | 0.5
        'help'           | 'seed'
        'help'           | true
        'slurm_options'  | '--qos=normal --constraint=avx512'
    }

    def 'should give --help grouped from the schema, and one parameter in full'() {
        when:
        def all = KhgpsSchema.help(schema, [help: true, seed: 42], '0.1.0')
        def seed = KhgpsSchema.help(schema, [help: 'seed', seed: 42], '0.1.0')
        def typo = KhgpsSchema.help(schema, [help: 'sed'], '0.1.0')

        then:
        all[1]
        schema['$defs'].values().every { g -> all[0].contains("${g.title}: ") }
        KhgpsSchema.parameters(schema).keySet().every { all[0].contains("  --${it} ") }
        all[0].contains('[default: 1] [now: 42]')
        seed[1]
        seed[0].startsWith('--seed  (The study)')
        seed[0].contains('default: 1')
        seed[0].contains('now:     42')
        !typo[1]
        typo[0] == '--help: unknown parameter --sed; did you mean --seed?'
    }
}
