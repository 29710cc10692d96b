package khgps

import org.khgps.core.StudyPoint
import spock.lang.Specification

/** lib/KhgpsParams.groovy, which Nextflow uses, against the Java tools' own definitions. */
class KhgpsParamsTest extends Specification {

    def 'should give the point the same id as the Java tools'() {
        expect:
        KhgpsParams.pointId(N, H, J, KAPPA0) == new StudyPoint(N, H, J, KAPPA0).id()
        KhgpsParams.canonicalJson(N, H, J, KAPPA0) == new StudyPoint(N, H, J, KAPPA0).canonicalJson()

        where:
        N     | H     | J     | KAPPA0
        256   | 0.01  | 0.05  | 1.0
        16000 | 1e-5  | 1.0   | 0.5
        2     | 0.0   | 0.0   | 3.0
    }

    def 'should include the disorder mode in the id only when common, as the Java tools do'() {
        expect:
        KhgpsParams.pointId(N, H, J, KAPPA0, MODE) == new StudyPoint(N, H, J, KAPPA0, MODE).id()
        KhgpsParams.canonicalJson(N, H, J, KAPPA0, MODE) == new StudyPoint(N, H, J, KAPPA0, MODE).canonicalJson()
        (KhgpsParams.pointId(N, H, J, KAPPA0, MODE) == KhgpsParams.pointId(N, H, J, KAPPA0)) == (MODE == 'independent')

        where:
        N     | H     | J     | KAPPA0 | MODE
        256   | 0.01  | 0.05  | 1.0    | 'independent'
        256   | 0.01  | 0.05  | 1.0    | 'common'
        1000  | 0.0   | 0.2   | 2.0    | 'common'
    }

    def 'should put the disorder mode in the meta map only when common'() {
        when:
        def independent = KhgpsParams.points([N: 256, h: 0.01, J: '0.05', kappa0: 1, realizations: 8, seed: 1, chunk_size: 4])
        def unset = KhgpsParams.points([N: 256, h: 0.01, J: '0.05', kappa0: 1, realizations: 8, seed: 1, chunk_size: 4,
                                        disorder: 'independent'])
        def common = KhgpsParams.points([N: 256, h: 0.01, J: '0.05', kappa0: 1, realizations: 8, seed: 1, chunk_size: 4,
                                         disorder: 'common'])

        then:
        independent == unset
        !independent[0].containsKey('disorder')
        independent[0].id == '08e4db4a7e79'
        common[0].disorder == 'common'
        common[0].id != independent[0].id
    }

    def 'should refuse an unknown disorder mode'() {
        when:
        KhgpsParams.points([N: 256, h: 0.01, J: '0.05', kappa0: 1, realizations: 8, seed: 1, chunk_size: 4, disorder: 'shared'])

        then:
        def e = thrown(IllegalArgumentException)
        e.message.contains('--disorder must be independent or common')
    }

    def 'should not depend on the order or spelling of the parameters'() {
        when:
        def a = KhgpsParams.points([N: '256', h: '0.01', J: '0.05,0.2', kappa0: '1', realizations: 8, seed: 1, chunk_size: 4])
        def b = KhgpsParams.points([kappa0: 1.0, chunk_size: '4', seed: '1', realizations: '8', J: '2e-1, 5e-2', h: 1e-2, N: 256])

        then:
        a*.id.sort() == b*.id.sort()
        a.size() == 2
    }

    def 'should make the Cartesian product of the lists'() {
        expect:
        KhgpsParams.points([N: '100,200', h: '0.01,0.02', J: '0.1,0.2,0.3', kappa0: 1, realizations: 1, seed: 1,
                            chunk_size: 0]).size() == 12
    }

    def 'should cut realizations into contiguous chunks'() {
        expect:
        KhgpsResources.chunks(REALIZATIONS, SIZE).collect { [it.first, it.count] } == CHUNKS

        where:
        REALIZATIONS | SIZE || CHUNKS
        8            | 4    || [[0, 4], [4, 4]]
        8            | 3    || [[0, 3], [3, 3], [6, 2]]
        1            | 10   || [[0, 1]]
    }

    def 'should choose longer chunks for smaller systems'() {
        expect:
        KhgpsResources.autoChunkSize(256) == 1000
        KhgpsResources.autoChunkSize(1000) == 1000
        KhgpsResources.autoChunkSize(2000) == 876
        KhgpsResources.autoChunkSize(16000) == 2
    }

    def 'should keep the matrix off-heap and the heap within the task memory'() {
        when:
        def opts = KhgpsResources.javaOpts(4L << 30, 16000)

        then:
        // 4 GiB task: 80% = 3276 MiB, matrix 1954 + 64 MiB off-heap, the rest heap
        opts == '-Xmx1258m -XX:MaxDirectMemorySize=2018m'
    }

    def 'should give a matrix task one matrix per lane, as many as its memory holds'() {
        expect: 'up to N = 8000, two cpus: two realizations side by side, two matrices off-heap'
        KhgpsResources.lanes(2000, 2) == 2
        KhgpsResources.lanes(8001, 2) == 1
        KhgpsResources.taskMemoryBytes(2000, 2) == (long) (8L * 2000 * 2000 * 1.25 * 2 + (768L << 20))
        // 844 MiB task: 80% = 675 MiB; 2 x 31 + 64 MiB off-heap, the rest heap
        KhgpsResources.javaOpts(KhgpsResources.taskMemoryBytes(2000, 2), 2000, 2) == '-Xmx549m -XX:MaxDirectMemorySize=126m'

        and: 'memory for one matrix only (a --max_memory cap): one, and the tool runs one lane'
        KhgpsResources.javaOpts(KhgpsResources.taskMemoryBytes(8000, 1), 8000, 2) == '-Xmx549m -XX:MaxDirectMemorySize=553m'

        and: 'above N = 8000 one matrix whatever the cpus'
        KhgpsResources.taskMemoryBytes(16000, 2) == KhgpsResources.taskMemoryBytes(16000, 1)
        KhgpsResources.javaOpts(4L << 30, 16000, 2) == KhgpsResources.javaOpts(4L << 30, 16000)
    }

    def 'should read the paper study points from their CSV'() {
        when:
        def points = KhgpsParams.points([points: 'assets/paper_small.csv', realizations: 60, seed: 1, chunk_size: 0],
                Nextflow.ROOT.toFile())

        then:
        points.size() == 22
        points.every { it.N == 1000 }
        points.count { it.h == 0.01 && it.kappa0 == 1.0 } == 11
    }

    def 'should give the finite-size points their own realizations, about equal low modes'() {
        when:
        def points = KhgpsParams.points([points: 'assets/finite_size.csv', realizations: 1, seed: 1, chunk_size: 0],
                Nextflow.ROOT.toFile())

        then:
        points.size() == 16
        points*.N.unique().sort() == [1000, 2000, 4000, 8000]
        points*.J.unique().sort() == [0.05, 0.1, 0.2, 0.5]
        points.every { it.N * it.realizations == 4_000_000 }
    }

    def 'should read the paper_statistics points: Figs. 2 and 6 at the pooled mode count of the paper'() {
        when:
        def points = KhgpsParams.points([points: 'assets/paper_statistics.csv', realizations: 18400, seed: 1, chunk_size: 0],
                Nextflow.ROOT.toFile())

        then:
        points.size() == 11
        points.every { it.N == 1000 && it.h == 0.01 && it.kappa0 == 1.0 && it.realizations == 18400 }
    }

    def 'should name the line of a bad points file'() {
        given:
        def csv = File.createTempFile('points', '.csv')
        csv.text = TEXT

        when:
        KhgpsParams.points([points: csv.path, realizations: 1, seed: 1, chunk_size: 0])

        then:
        def e = thrown(IllegalArgumentException)
        e.message.contains(MESSAGE)

        where:
        TEXT                                       || MESSAGE
        'N,h,J\n100,0.01,0.1\n'                   || 'lacks the column(s) kappa0'
        'N,h,J,kappa0\n100,0.01,0.1,1\n100,0.01,x,1\n' || 'line 3: --J must be a number'
        'N,h,J,kappa0\n100,0.01,0.1,1\n100,1e-2,0.1,1.0\n' || 'more than once'
        'N,h,J,kappa0,realizations\n100,0.01,0.1,1,0\n' || 'line 2: --realizations must be an integer >= 1'
        'N,h,J,kappa0,h\n100,0.01,0.1,1,0.02\n' || 'has the column(s) h more than once'
        'N,h,J,kappa0\n100,0,0.1,1\n'            || '--h 0 with --J 0.1 (point N=100 h=0.0 J=0.1 kappa0=1.0) cannot work'
    }

    def 'should allow h = 0 without coupling: x = 0 is then the minimum'() {
        expect:
        KhgpsParams.points([N: 256, h: '0', J: '0', kappa0: 1, realizations: 8, seed: 1, chunk_size: 4]).size() == 1
    }

    def 'should plan the paper study above the default --max_core_hours and below the paper profile\'s own limit'() {
        given:
        def points = KhgpsParams.points([points: 'assets/paper.csv', realizations: 1150, seed: 2021, chunk_size: 0],
                Nextflow.ROOT.toFile())
        def defaultLimit = (Nextflow.ROOT.resolve('nextflow.config').text =~ /max_core_hours\s*=\s*(\d+)/)[0][1] as double
        def paperLimit = (Nextflow.ROOT.resolve('conf/paper.config').text =~ /max_core_hours\s*=\s*(\d+)/)[0][1] as double

        when:
        def plan = KhgpsResources.plan(points)

        then: '22 x 1150 x 124.1 s on 2 cores, the cost docs/usage.md gives'
        Math.abs(plan.coreHours - 22 * 1150 * 124.1 * 2 / 3600) < 1
        plan.chunks == 22 * 575
        plan.coreHours > defaultLimit
        plan.coreHours < paperLimit

        when: 'the default limit refuses it, naming the parameter and how to go on'
        KhgpsResources.checkPlan(plan, defaultLimit)

        then:
        def e = thrown(IllegalArgumentException)
        e.message.startsWith('--max_core_hours 1000: this study needs about 1.74e+03 core-hours')
        e.message.contains('raise the limit, e.g. --max_core_hours')
    }

    def 'should cost a protocol by its measured factor, in the plan, the automatic chunks and the task time'() {
        given: 'the anatomy points at N = 2000 (J = 0.2): zero and the same realizations under flip and best_random'
        def point = { String protocol -> KhgpsParams.points([N: 2000, h: 0.01, J: '0.2', kappa0: 1, realizations: 200, seed: 1,
                chunk_size: 0, protocol: protocol])[0] }
        def zero = point('zero')
        def flip = point('flip')
        def best = point('best_random')

        expect: 'a realization costs 2.5x (flip at N = 2000, more at larger N) and 4x (best_random) zero\'s, and every protocol has a cost'
        Math.abs(KhgpsResources.plan([flip]).coreHours / KhgpsResources.plan([zero]).coreHours - 2.5) < 1e-12
        KhgpsResources.protocolCost('flip', 8000) == 7
        Math.abs(KhgpsResources.plan([best]).coreHours / KhgpsResources.plan([zero]).coreHours - 4) < 1e-12
        KhgpsParams.PROTOCOLS.every { KhgpsResources.protocolCost(it) >= 1 }
        KhgpsResources.protocolCost(null) == 1

        and: 'about five minutes of work per automatic chunk whatever the protocol, and the minimize task asks for the time'
        zero.chunk_size == KhgpsResources.autoChunkSize(2000)
        flip.chunk_size == Math.floor(zero.chunk_size / 2.5)
        Math.abs((KhgpsResources.taskSeconds(2000, 20, 'best_random') - 600) / (KhgpsResources.taskSeconds(2000, 20) - 600) - 4) < 1e-12

        when:
        KhgpsResources.protocolCost('deepen')

        then:
        def e = thrown(IllegalArgumentException)
        e.message == "no cost known for protocol 'deepen'"
    }

    def 'should price --spectrum lowest by the measured tail_over_full, and more modes than 2% of N as the full spectrum'() {
        given:
        def point = { int n, String protocol -> KhgpsParams.points([N: n, h: 0.01, J: '0.2', kappa0: 1, realizations: 10,
                seed: 1, chunk_size: 5, protocol: protocol])[0] }
        def ratio = { int n, String protocol = 'zero', long modes = 0 ->
            KhgpsResources.plan([point(n, protocol)], 'lowest', modes, 0).coreHours / KhgpsResources.plan([point(n, protocol)]).coreHours }

        expect: 'at the measured sizes 0.1 + 0.9 x tail_over_full of bench/lowest.sh (N = 16000: 0.667; measured whole, 0.68)'
        Math.abs(ratio(16000) - (0.1 + 0.9 * 0.63)) < 1e-12
        Math.abs(ratio(8000) - (0.1 + 0.9 * 0.71)) < 1e-12
        Math.abs(ratio(4000) - (0.1 + 0.9 * 0.79)) < 1e-12

        and: 'between them linear in ln N; the last ratio above; the full cost below N = 2000'
        Math.abs(ratio(5657) - (0.1 + 0.9 * 0.75)) < 1e-4
        KhgpsResources.spectrumCost('lowest', 16383) == KhgpsResources.spectrumCost('lowest', 16000)
        ratio(1000) == 1

        and: 'more modes than 2% of N cost the full spectrum; the protocol adds its own minimization cost on top'
        ratio(8000, 'zero', 160) < 1
        ratio(8000, 'zero', 161) == 1
        Math.abs(KhgpsResources.realizationCost(8000, 'flip', 'lowest') - (0.1 + 0.9 * 0.71 + 6)) < 1e-12
        KhgpsResources.realizationCost(8000, 'flip') == KhgpsResources.protocolCost('flip', 8000)
    }

    def 'should name --realizations or N when the fit cannot have min_modes + 1 frequencies'() {
        when:
        KhgpsParams.checkFit(KhgpsParams.points([N: 2, h: 0.01, J: '0.1', kappa0: 1, realizations: 8, seed: 1, chunk_size: 4]),
                20, 'auto', 0.01, 'full', 0)

        then:
        def e = thrown(IllegalArgumentException)
        e.message.contains('--N 2 with 8 realizations gives the point N=2 h=0.01 J=0.1 kappa0=1.0 16 modes')
        e.message.contains('use N >= 3 with 8 realizations, or --realizations >= 11')

        when: '--spectrum lowest: K modes per realization (2% of N = 6 at N = 256) x 3 realizations'
        KhgpsParams.checkFit(KhgpsParams.points([N: 256, h: 0.01, J: '0.1', kappa0: 1, realizations: 3, seed: 1, chunk_size: 4]),
                20, 'auto', 0.01, 'lowest', 0)

        then:
        def lowest = thrown(IllegalArgumentException)
        lowest.message.startsWith('--modes 6 per realization x 3 realizations gives the point N=256 h=0.01 J=0.1 kappa0=1.0 18 lowest')
        KhgpsResources.plan(KhgpsParams.points([N: 256, h: 0.01, J: '0.1', kappa0: 1, realizations: 4, seed: 1, chunk_size: 4]),
                'lowest', 16, 2).bytes == 4 * (16 * 256 + 64 + 24 * 16 + 8 * 256 * 2 + 64)

        when: 'just enough modes'
        KhgpsParams.checkFit(KhgpsParams.points([N: 3, h: 0.01, J: '0.1', kappa0: 1, realizations: 7, seed: 1, chunk_size: 4]),
                20, 'auto', 0.01, 'full', 0)

        then:
        noExceptionThrown()
    }

    def 'should reserve at least the off-heap memory the lowest-mode search uses (N = #N, modes = #MODES)'() {
        given:
        int k = KhgpsParams.modes(N, MODES)

        expect:
        k == (MODES > 0 ? MODES : org.khgps.core.LowestModes.defaultModes(N))
        KhgpsResources.lowestModesWorkMb(N, k) * (1L << 20) >= org.khgps.core.LowestModes.workBytes(N, k)

        where:
        N     | MODES
        256   | 0
        256   | 16
        1000  | 0
        2000  | 500
        8000  | 0
        16000 | 0
        16000 | 2000
    }

    def 'should plan the stored tail that the histogram stage keeps (N = #N, #R realizations, #SPECTRUM)'() {
        given: 'a point of R realizations with synthetic minima and spectra (K lowest modes each when lowest)'
        def point = new StudyPoint(N, 0.01, 0.2, 1.0)
        int held = SPECTRUM == 'lowest' ? KhgpsParams.modes(N, 0) : N
        long[] index = (0..<R) as long[]
        double[][] rows = (0..<R).collect { r -> (0..<N).collect { 0.5d } as double[] } as double[][]
        double[][] lambda = (0..<R).collect { r -> (1..held).collect { k -> 1e-3d * k + 1e-7d * r } as double[] } as double[][]
        def minima = new org.khgps.core.stage.MinimaChunk(point, 1L, index, index, rows, rows, new byte[R].collect { 1 as byte } as byte[],
                new double[R], new int[R], new double[R], 1e-10d, 10, 0d)
        def spectra = new org.khgps.core.stage.SpectraChunk(point, 1L, index, minima.converged(), lambda, new int[R],
                new double[R], new double[R], 'synthetic',
                SPECTRUM == 'lowest' ? new org.khgps.core.stage.SpectraChunk.Modes(held, new byte[R], new double[R],
                        lambda, null, null, null, null, null, null) : null)

        when:
        def dos = org.khgps.core.stage.PointDos.pool(point, 1L, [minima], [spectra],
                org.khgps.core.stage.PointDos.Policy.EXCLUDE, 10, 5, { })

        then: 'lowest-K rows: only the modes below the smallest lambda_K are complete'
        long complete = SPECTRUM == 'lowest' ? (long) (held - 1) * R : (long) N * R
        dos.omegaTail().length == Math.min(complete, KhgpsParams.storedTail(N, R, SPECTRUM, 0))

        where:
        N    | R    | SPECTRUM
        10   | 100  | 'full'
        10   | 1500 | 'full'
        200  | 60   | 'full'
        200  | 60   | 'lowest'
    }
}
