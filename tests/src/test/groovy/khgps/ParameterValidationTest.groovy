package khgps

import spock.lang.Specification
import spock.lang.Unroll

/** A bad parameter stops the run before any task starts, naming the parameter. */
class ParameterValidationTest extends Specification {

    @Unroll
    def 'should reject #PARAM = #VALUE before any task starts'() {
        given:
        def dir = Nextflow.tempDir('badparam')

        when:
        def result = Nextflow.run(dir, ['-profile', 'test', "--${PARAM}".toString(), VALUE])

        then:
        result.exitCode != 0
        result.output.contains(MESSAGE)
        result.count('Submitted process') == 0
        !dir.resolve('work').toFile().list()?.any { it ==~ /[0-9a-f]{2}/ }

        where:
        PARAM          | VALUE       || MESSAGE
        'kappa0'       | '-1'        || '--kappa0 must be a number > 0, got -1'
        'N'            | '1'         || '--N must be an integer >= 2, got 1'
        'J'            | '0.1,abc'   || "--J must be a number (a number >= 0), got 'abc'"
        'h'            | '-0.01'     || '--h must be a number >= 0, got -0.01'
        'realizations' | '0'         || '--realizations must be an integer >= 1, got 0'
        'J'            | '0.1,0.1'   || '--J lists 0.1 more than once'
        'h'            | 'NaN'       || "--h must be a finite number"
        'N'            | '100000'    || '--N must be at most 16383'
        'points'       | 'nope.csv'  || "--points: no such file 'nope.csv'"
        'J'            | ','         || "--J has an empty value in ','"
        'max_memory'   | '512.MB'    || '--N 256 needs 0.8 GB of memory per task'
        'precondition_below' | '1'   || '--precondition_below must be a number in [0, 1), got 1'
        'tolerance'    | '1e-10,1e-8' || "--tolerance takes one value (a number > 0), got '1e-10,1e-8'"
        'spectrum'     | 'half'      || "--spectrum must be full or lowest, got 'half'"
        'modes'        | '3'         || '--modes and --save_vectors need --spectrum lowest'
        'modes'        | '-1'        || '--modes must be an integer >= 0 (0 = 2% of N), got -1'
    }

    def 'should reject more lowest modes than N and more saved vectors than modes'() {
        when:
        def many = Nextflow.run(Nextflow.tempDir('badmodes'), ['-profile', 'test', '--spectrum', 'lowest', '--modes', '300'])
        def vectors = Nextflow.run(Nextflow.tempDir('badvectors'), ['-profile', 'test', '--spectrum', 'lowest',
                                                                   '--save_vectors', '7'])

        then:
        many.exitCode != 0
        many.output.contains('--modes must be <= N, got 300 for the point with N = 256')
        many.count('Submitted process') == 0
        vectors.exitCode != 0
        vectors.output.contains('--save_vectors must be <= the modes per realization (6 at N = 256), got 7')
        vectors.count('Submitted process') == 0
    }
}
