package khgps

import spock.lang.IgnoreIf
import spock.lang.Specification
import spock.lang.Unroll

/** nextflow_schema.json at work in the pipeline: --help, unknown parameters, the schema's ranges. */
class ParameterSchemaTest extends Specification {

    static boolean startedNothing(java.nio.file.Path dir, Nextflow.Result result) {
        return result.count('Submitted process') == 0 &&
            !dir.resolve('work').toFile().list()?.any { it ==~ /[0-9a-f]{2}/ }
    }

    def 'should print grouped help from the schema and exit 0 without starting anything'() {
        given:
        def dir = Nextflow.tempDir('help')

        when:
        def result = Nextflow.run(dir, ['--help'])

        then:
        result.exitCode == 0
        result.output.contains('Usage: ./nextflow run .')
        result.output.contains('The study: ')
        result.output.contains('Stage settings: ')
        result.output.contains('  --N ')
        result.output.contains('  --max_core_hours ')
        startedNothing(dir, result)
        !dir.resolve('results').toFile().exists()
        !result.output.contains('study points x')
    }

    def 'should print one parameter in full with --help seed, with the profile value'() {
        given:
        def dir = Nextflow.tempDir('helpseed')

        when:
        def result = Nextflow.run(dir, ['-profile', 'test', '--help', 'seed'])

        then:
        result.exitCode == 0
        result.output.contains('--seed  (The study)')
        result.output.contains('    default: 1')
        result.output.contains('    now:     42')
        !result.output.contains('--N ')
        startedNothing(dir, result)
        !dir.resolve('results').toFile().exists()
    }

    /** The test profile with --NAME VALUE, an unknown parameter, stops naming it and the one meant, starting nothing. */
    static boolean stoppedAtUnknown(String NAME, String VALUE, String SUGGESTION) {
        def dir = Nextflow.tempDir('unknown')
        def result = Nextflow.run(dir, ['-profile', 'test', "--${NAME}".toString(), VALUE])
        assert result.exitCode != 0
        assert result.output.contains("unknown parameter --${NAME}; did you mean --${SUGGESTION}?")
        assert startedNothing(dir, result)
        return true
    }

    /** The test profile with --PARAM VALUE out of the schema's range, beside Nextflow's own options, stops with MESSAGE. */
    static boolean rejectedBySchema(String PARAM, String VALUE, String MESSAGE) {
        def dir = Nextflow.tempDir('schemarange')
        // with run options of Nextflow itself, which are not parameters
        def result = Nextflow.run(dir, ['-profile', 'test', '-resume', '-with-trace', 'trace.txt', "--${PARAM}".toString(), VALUE])
        assert result.exitCode != 0
        assert result.output.contains(MESSAGE)
        assert !result.output.contains('unknown parameter')
        assert startedNothing(dir, result)
        return true
    }

    @Unroll
    def 'should stop at --#NAME #VALUE naming it and --#SUGGESTION'() {
        expect:
        stoppedAtUnknown(NAME, VALUE, SUGGESTION)

        where: 'one example on a laptop (the rest: the next feature, on CI)'
        NAME       | VALUE  || SUGGESTION
        'max-cpus' | '1'    || 'max_cpus'   // Nextflow does not map kebab-case to snake_case: it would be ignored
    }

    @Unroll
    @IgnoreIf({ !Nextflow.longTests() })
    def 'should stop at --#NAME #VALUE naming it and --#SUGGESTION (KHGPS_LONG_TESTS)'() {
        expect:
        stoppedAtUnknown(NAME, VALUE, SUGGESTION)

        where:
        NAME       | VALUE  || SUGGESTION
        'Nn'       | '100'  || 'N'
        'Jx'       | '0.1'  || 'J'
    }

    @Unroll
    def 'should reject #PARAM = #VALUE by the schema, with Nextflow options about'() {
        expect:
        rejectedBySchema(PARAM, VALUE, MESSAGE)

        where: 'one example on a laptop (the rest: the next feature, on CI)'
        PARAM            | VALUE   || MESSAGE
        'max_memory'     | '1..GB' || "Invalid parameter: --max_memory must be a size like 24.GB or 512.MB, got '1..GB'"
    }

    @Unroll
    @IgnoreIf({ !Nextflow.longTests() })
    def 'should reject #PARAM = #VALUE by the schema, with Nextflow options about (KHGPS_LONG_TESTS)'() {
        expect:
        rejectedBySchema(PARAM, VALUE, MESSAGE)

        where:
        PARAM            | VALUE   || MESSAGE
        'max_core_hours' | '0'     || 'Invalid parameter: --max_core_hours must be a number > 0, got 0'
        'failed_points'  | 'maybe' || "Invalid parameter: --failed_points must be report or fail, got 'maybe'"
    }
}
