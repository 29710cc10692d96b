package khgps

import spock.lang.IgnoreIf
import spock.lang.Specification
import spock.lang.Unroll

/** A bad parameter stops the run before any task starts, naming the parameter. */
class ParameterValidationTest extends Specification {

    @Unroll
    def 'should reject #PARAM = #VALUE before any task starts'() {
        expect:
        rejectedBeforeAnyTask(PARAM, VALUE, MESSAGE)

        where: 'one of each kind of check (the rest: the next feature, on CI)'
        PARAM          | VALUE       || MESSAGE
        'kappa0'       | '-1'        || '--kappa0 must be a number > 0 and <= 1000000, got -1'
        'N'            | '2'         || '--N 2 with 8 realizations gives the point N=2 h=0.01 J=0.05 kappa0=1.0 16 modes, but the fit needs at least min_modes + 1 = 21 lowest frequencies: use N >= 3 with 8 realizations'
        'tolerance'    | '1e-300'    || '--tolerance 1.0E-300 cannot be met at the point N=256 h=0.01 J=0.2 kappa0=1.0: double precision stops max|grad H| near'
    }

    @Unroll
    @IgnoreIf({ !Nextflow.longTests() })
    def 'should reject #PARAM = #VALUE before any task starts (KHGPS_LONG_TESTS)'() {
        expect:
        rejectedBeforeAnyTask(PARAM, VALUE, MESSAGE)

        where:
        PARAM          | VALUE       || MESSAGE
        'points'       | 'nope.csv'  || "--points: no such file 'nope.csv'"
        'J'            | '1e300'     || '--J must be a number >= 0 and <= 1000000, got 1e300'
        'N'            | '1'         || '--N must be an integer >= 2, got 1'
        'J'            | '0.1,abc'   || "--J must be a number (a number >= 0 and <= 1000000), got 'abc'"
        'h'            | '-0.01'     || '--h must be a number >= 0 and <= 1000000, got -0.01'
        'realizations' | '0'         || '--realizations must be an integer >= 1, got 0'
        'J'            | '0.1,0.1'   || '--J lists 0.1 more than once'
        'h'            | 'NaN'       || "--h must be a finite number"
        'N'            | '100000'    || '--N must be at most 16383'
        'J'            | ','         || "--J has an empty value in ','"
        'max_memory'   | '512.MB'    || '--N 256 needs 0.8 GB of memory per task'
        'precondition_below' | '1'   || '--precondition_below must be a number in [0, 1), got 1'
        'tolerance'    | '1e-10,1e-8' || "--tolerance takes one value (a number > 0), got '1e-10,1e-8'"
        'spectrum'     | 'half'      || "--spectrum must be full or lowest, got 'half'"
        'modes'        | '3'         || '--modes and --save_vectors need --spectrum lowest'
        'modes'        | '-1'        || '--modes must be an integer >= 0 (0 = 2% of N), got -1'
        // issue 17: settings that used to fail late, silently change, or stop with a stack trace
        'tail_fraction' | '0.01,0.02' || "--tail_fraction takes one value (a number in (0, 1)), got '0.01,0.02'"
        'h'            | '1e-400'    || '--h 1e-400 is below the smallest normal double (2.2250738585072014E-308): it would become 0'
        'h'            | '0'         || '--h 0 with --J 0.05 (point N=256 h=0.0 J=0.05 kappa0=1.0) cannot work: the minimizer starts at x = 0'
        'max_cpus'     | '0'         || '--max_cpus must be an integer >= 1, got 0'
        'max_cpus'     | 'abc'       || "--max_cpus must be an integer >= 1, got 'abc'"
        'max_memory'   | '1..GB'     || "--max_memory must be a size like 24.GB or 512.MB, got '1..GB'"
        'seed'         | '99999999999999999999' || '--seed is out of range: it must be an integer from -9223372036854775808 to 9223372036854775807 (64 bits), got 99999999999999999999'
        'failed_points' | 'maybe'    || "--failed_points must be report or fail, got 'maybe'"
        'max_core_hours' | '0'       || '--max_core_hours must be a number > 0, got 0'
        // issue 27: settings that ran the whole simulation and failed afterwards
    }

    /** The run of the test profile with --PARAM VALUE stops before any task, printing the message and leaving nothing. */
    static boolean rejectedBeforeAnyTask(String PARAM, String VALUE, String MESSAGE) {
        def dir = Nextflow.tempDir('badparam')
        def result = Nextflow.run(dir, ['-profile', 'test', "--${PARAM}".toString(), VALUE])
        assert result.exitCode != 0
        assert result.output.contains(MESSAGE)
        assert result.count('Submitted process') == 0
        assert !dir.resolve('work').toFile().list()?.any { it ==~ /[0-9a-f]{2}/ }
        // nothing left behind: not even the trace file Nextflow opens before the pipeline checks its parameters
        assert !dir.resolve('results').toFile().exists()
        return true
    }

    def 'should refuse a fraction window the histogram cannot serve, naming --tail_fraction'() {
        when:
        def run = Nextflow.run(Nextflow.tempDir('badfraction'), ['-profile', 'test', '--window', 'fraction',
                                                                 '--tail_fraction', '0.5', '--realizations', '100'])

        then:
        run.exitCode != 0
        run.output.contains('--tail_fraction 0.5 asks the fit of point N=256 h=0.01 J=0.05 kappa0=1.0 for its lowest 12801 frequencies, '
                + 'but the histogram keeps only the lowest 5120')
        run.count('Submitted process') == 0
    }

    def 'should refuse a points file with a repeated column or a value no column names'() {
        given:
        def dir = Nextflow.tempDir('repeatedcolumn')
        dir.resolve('points.csv').text = 'N,h,J,kappa0,J\n256,0.01,0.1,1,0.2\n'
        dir.resolve('extra.csv').text = 'N,h,J,kappa0\n256,0.01,0.1,1,500\n'

        when:
        def run = Nextflow.run(dir, ['-profile', 'test', '--points', 'points.csv'])
        def extra = Nextflow.run(dir, ['-profile', 'test', '--points', 'extra.csv'])

        then:
        run.exitCode != 0
        run.output.contains('points.csv has the column(s) J more than once (header: N,h,J,kappa0,J)')
        run.count('Submitted process') == 0
        extra.exitCode != 0
        extra.output.contains("--points: extra.csv line 2 has 5 values but the header names 4 columns (N,h,J,kappa0): label every "
                + "column, or remove the extra value in '256,0.01,0.1,1,500'")
        extra.count('Submitted process') == 0
    }

    def 'should print the plan before the first task and refuse one above --max_core_hours, saying how to go on'() {
        when:
        def small = Nextflow.run(Nextflow.tempDir('plan'), ['-profile', 'test', '-stub-run'])
        def huge = Nextflow.run(Nextflow.tempDir('hugeplan'), ['-profile', 'test', '--realizations', '1000000000'])

        then:
        small.exitCode == 0
        small.output.contains('plan: 2 points, 4 chunks, 19 tasks; about ')
        small.output.indexOf('plan: ') < small.output.indexOf('Submitted process')
        huge.exitCode != 0
        huge.output.contains('plan: 2 points, 500000000 chunks, 1500000007 tasks; about 1.12e+05 core-hours')
        huge.output.contains('Invalid parameter: --max_core_hours 1000: this study needs about 1.12e+05 core-hours')
        huge.output.contains('raise the limit, e.g. --max_core_hours 122843')
        huge.count('Submitted process') == 0
    }

    def 'should reject more lowest modes than N'() {
        when:
        def many = Nextflow.run(Nextflow.tempDir('badmodes'), ['-profile', 'test', '--spectrum', 'lowest', '--modes', '300'])

        then:
        many.exitCode != 0
        many.output.contains('--modes must be <= N, got 300 for the point with N = 256')
        many.count('Submitted process') == 0
    }

    @IgnoreIf({ !Nextflow.longTests() })
    def 'should reject one lowest mode, and more saved vectors than modes (KHGPS_LONG_TESTS)'() {
        when:
        def one = Nextflow.run(Nextflow.tempDir('onemode'), ['-profile', 'test', '--spectrum', 'lowest', '--modes', '1',
                                                            '--realizations', '40'])
        def vectors = Nextflow.run(Nextflow.tempDir('badvectors'), ['-profile', 'test', '--spectrum', 'lowest',
                                                                   '--save_vectors', '7'])

        then:
        one.exitCode != 0
        one.output.contains('--spectrum lowest with 1 mode per realization (--modes 1) cannot work: the pooled spectrum is complete '
                + 'only below the smallest lambda_K of all realizations')
        one.count('Submitted process') == 0
        vectors.exitCode != 0
        vectors.output.contains('--save_vectors must be <= the modes per realization (6 at N = 256), got 7')
        vectors.count('Submitted process') == 0
    }
}
