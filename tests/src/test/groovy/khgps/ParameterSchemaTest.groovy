package khgps

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

    @Unroll
    def 'should stop at --#NAME #VALUE naming it and --#SUGGESTION'() {
        given:
        def dir = Nextflow.tempDir('unknown')

        when:
        def result = Nextflow.run(dir, ['-profile', 'test', "--${NAME}".toString(), VALUE])

        then:
        result.exitCode != 0
        result.output.contains("unknown parameter --${NAME}; did you mean --${SUGGESTION}?")
        startedNothing(dir, result)

        where:
        NAME       | VALUE  || SUGGESTION
        'Nn'       | '100'  || 'N'
        'Jx'       | '0.1'  || 'J'
        'max-cpus' | '1'    || 'max_cpus'   // Nextflow does not map kebab-case to snake_case: it would be ignored
    }

    @Unroll
    def 'should reject #PARAM = #VALUE by the schema, with Nextflow options about'() {
        given:
        def dir = Nextflow.tempDir('schemarange')

        when: 'with run options of Nextflow itself, which are not parameters'
        def result = Nextflow.run(dir, ['-profile', 'test', '-resume', '-with-trace', 'trace.txt', "--${PARAM}".toString(), VALUE])

        then:
        result.exitCode != 0
        result.output.contains(MESSAGE)
        !result.output.contains('unknown parameter')
        startedNothing(dir, result)

        where:
        PARAM            | VALUE   || MESSAGE
        'max_core_hours' | '0'     || 'Invalid parameter: --max_core_hours must be a number > 0, got 0'
        'failed_points'  | 'maybe' || "Invalid parameter: --failed_points must be report or fail, got 'maybe'"
        'max_memory'     | '1..GB' || "Invalid parameter: --max_memory must be a size like 24.GB or 512.MB, got '1..GB'"
    }
}
