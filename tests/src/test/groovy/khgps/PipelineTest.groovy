package khgps

import java.nio.file.Path
import spock.lang.Shared
import spock.lang.IgnoreIf
import spock.lang.Specification
import spock.lang.Stepwise

/**
 * The whole pipeline, through ./nextflow, on -profile test: outputs, physics sanity, resume,
 * chunking independence. Reads the HDF5 outputs with h5py, an independent reader.
 */
@Stepwise
class PipelineTest extends Specification {

    @Shared Path launch
    @Shared Path results
    @Shared Nextflow.Result first

    def 'should run the test profile end to end'() {
        when:
        launch = Nextflow.reference()
        results = launch.resolve('results')
        first = Nextflow.referenceResult()

        then:
        first.exitCode == 0
        first.count('Submitted process') == 19
        results.resolve('report.html').toFile().text.contains('class="plot-data"')
        // every plot also as a vector file, beside its PNG
        results.resolve('plots').toFile().list().findAll { it.endsWith('.png') }.every {
            results.resolve('plots/' + it.replace('.png', '.svg')).toFile().size() > 1000
        }
        results.resolve('pipeline_info').toFile().list().any { it.startsWith('execution_trace_') }
        results.resolve('pipeline_info').toFile().list().any { it.endsWith('.mmd') }
        results.resolve('pipeline_info').toFile().list().any { it.startsWith('params_') && it.endsWith('.json') }
        // every process reports its tools' versions, once (nf-core's versions.yml)
        with(results.resolve('pipeline_info/versions.yml').toFile().text) {
            ['SAMPLE', 'MINIMIZE', 'DIAGONALIZE', 'HISTOGRAM', 'FIT', 'THEORY', 'REPORT'].every { p -> it.count("\"KHGPS:${p}\":") == 1 }
            it.count('khgps: 0.1.0') == 7 && it.contains('nextflow: 24.10.0')
        }
    }

    def 'should label every axis of the report so that its ticks differ within 6 significant digits'() {
        given: 'the tick labels of each plot\'s axes, and the range of each interactive axis'
        def svgs = results.resolve('plots').toFile().listFiles().findAll { it.name.endsWith('.svg') }.sort()
        def page = results.resolve('report.html').toFile().text
        def ranges = (page =~ /"type":"(log|linear)"[^}]*?"range":\[([^,\]]+),([^\]]+)]/).collect { m ->
            m[1] == 'log' ? [Math.pow(10, m[2] as double), Math.pow(10, m[3] as double)] : [m[2] as double, m[3] as double]
        }

        expect:
        svgs.size() == 15
        svgs.every { svg ->
            def axes = tickLabels(svg)
            assert axes.x.size() >= 2 && axes.y.size() >= 2: "${svg.name}: ${axes}"
            axes.each { axis, labels -> assert distinct6(labels): "${svg.name}, ${axis} axis: ${labels}" }
            true
        }
        ranges.size() == 2 * svgs.size()
        ranges.every { lo, hi -> hi - lo >= 1e-4 * Math.max(Math.abs(lo), Math.abs(hi)) }
        // a plot the data cannot support is not drawn, and the page says why in one line
        !results.resolve('plots/weak_test.svg').toFile().exists()
        page.contains('<p>No plot: no weak-regime point has an A<sub>g</sub>, so there is nothing to test Eq. (3) on.</p>')
    }

    /** Whether no two of the labels are the same number to 6 significant digits. */
    static boolean distinct6(List<String> labels) {
        def values = labels.collect { tickValue(it) }
        return !values.contains(null) && values.collect { String.format(Locale.ROOT, '%.5e', it) }.unique().size() == values.size()
    }

    /**
     * The tick labels of a plot's SVG (Apache Batik, from JFreeChart) by axis: JFreeChart draws each
     * tick's label and then its mark, a vertical line on the x axis and a horizontal one on the y axis.
     */
    static Map<String, List<String>> tickLabels(File svg) {
        def factory = javax.xml.parsers.DocumentBuilderFactory.newInstance()
        factory.setFeature('http://apache.org/xml/features/nonvalidating/load-external-dtd', false)
        def elements = factory.newDocumentBuilder().parse(svg).getElementsByTagName('*') // in document order
        def out = [x: [], y: []]
        String label = null
        for (int i = 0; i < elements.length; i++) {
            def e = elements.item(i)
            if (e.tagName == 'text') {
                label = tickValue(e.textContent.trim()) != null ? e.textContent.trim() : null
            } else if (e.tagName == 'line' && label != null) {
                out[e.getAttribute('x1') == e.getAttribute('x2') ? 'x' : 'y'] << label
                label = null
            }
        }
        return out
    }

    /** A tick label's number ("0.2", "-3.822048E-1", "10⁻²", "2×10⁻³", "1,000"), or null when it is words. */
    static Double tickValue(String label) {
        String t = label.replace('\u2212', '-').replace(',', '')
        def decade = t =~ /^(?:(\d+)×)?10([⁻]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+)$/
        if (decade.matches()) {
            int n = decade.group(2).collect { c -> c == '⁻' ? '-' : '⁰¹²³⁴⁵⁶⁷⁸⁹'.indexOf(c) }.join('') as int
            return (decade.group(1) ?: '1') as double * Math.pow(10, n)
        }
        return t ==~ /-?\d+(\.\d+)?(E-?\d+)?/ ? t as double : null
    }

    def 'should write one summary row per point with sensible numbers'() {
        when:
        def lines = results.resolve('summary.csv').toFile().readLines()
        def header = lines[0].split(',') as List
        def rows = lines.drop(1).collect { line -> [header, line.split(',') as List].transpose().collectEntries() }

        then:
        header.take(14) == ['point_id', 'N', 'h', 'J', 'kappa0', 'realizations', 'converged', 'A_g', 'A_g_err',
                            'exponent', 'exponent_err', 'x2', 'x2_err', 'negative_modes']
        rows.size() == 2
        rows*.J.collect { it as double }.sort() == [0.05, 0.2]
        rows.every { (it.N as int) == 256 && (it.realizations as int) == 8 && (it.converged as int) == 8 }
        rows.every { (it.negative_modes as int) == 0 }
        // A_g where a window below the physics bound exists, else NaN with window_ok = 0 (docs/analysis.md):
        // at N = 256 x 8 realizations J = 0.05 has one mode below omega_x / 2, J = 0.2 has 37
        rows.every { it.window_ok == '1' ? (it.A_g as double) > 0 && (it.A_g_err as double) > 0 : it.A_g == 'nan' }
        rows.find { (it.J as double) == 0.2 }.window_ok == '1'
        // stronger coupling displaces the oscillators more
        rows.find { (it.J as double) == 0.2 }.x2 as double > (rows.find { (it.J as double) == 0.05 }.x2 as double)
        // the RS theory and the simulation's chi, appended after the existing columns; then each point's status,
        // then what issues 27 and 28 added
        header.subList(header.indexOf('chi'), header.indexOf('chi') + 10) == ['chi', 'x2_rs', 'chi_rs', 'A_g_rs', 'A_g_rs_dressed',
                                                                              'status', 'reason', 'theory_reason',
                                                                              'exponent_err_verdict', 'protocol']
        rows.every { it.protocol == 'zero' && it.theory_reason == '' }
        rows.every { it.exponent_err == 'nan' || (it.exponent_err_verdict as double) >= (it.exponent_err as double) }
        rows.every { it.status == 'ok' }
        rows.every { it.chi == it.mean_inverse_lambda }
        // MODEL.md's reference values at h = 0.01, kappa0 = 1
        Math.abs((rows.find { (it.J as double) == 0.05 }.x2_rs as double) / 0.007686 - 1) < 0.005
        Math.abs((rows.find { (it.J as double) == 0.2 }.chi_rs as double) / 3.02 - 1) < 0.005
        Math.abs((rows.find { (it.J as double) == 0.05 }.A_g_rs as double) / 46.7 - 1) < 0.02
    }

    def 'should publish the RS theory of every point on its histogram bins'() {
        given:
        def points = results.resolve('points').toFile().listFiles().sort()

        expect:
        points.size() == 2
        points.each { dir ->
            def out = Nextflow.python(dir.toPath(), '''
import h5py, numpy as np
t = h5py.File('theory.h5', 'r')
d = h5py.File('dos.h5', 'r')
print('kind', t.attrs['kind'].decode(), t.attrs['point_id'].decode())
print('names', sorted(k for k in t.keys() if k != 'provenance'))
print('scalars', all(t[k].shape == () and np.isfinite(t[k][()]) for k in ['q', 'chi', 'A_g_rs', 'double_well_fraction', 'stability']))
print('grid', bool(np.array_equal(t['omega_edges'][()], d['omega_edges'][()])), t['omega'].shape == d['dos'].shape, t['dos'].shape == d['dos'].shape)
print('eta', float(t.attrs['eta']), 'z', int(t.attrs['z_points']) > 0, 'iterations', int(t.attrs['iterations']) > 0)
print('tool', t['provenance'].attrs['tool'].decode())
''')
            assert out.contains("kind theory ${dir.name}")
            assert out.contains("names ['A_g_rs', 'A_g_rs_dressed', 'chi', 'dos', 'double_well_fraction', 'omega', 'omega_edges', 'q', 'stability']")
            assert out.contains('scalars True')
            assert out.contains('grid True True True')
            assert out.contains('eta 1e-12 z True iterations True')
            assert out.contains('tool khgps theory')
        }
        results.resolve('report.html').toFile().text.contains('Replica-symmetric (cavity) theory')
    }

    def 'should publish per-point files that h5py reads, with D integrating to 1'() {
        given:
        def points = results.resolve('points').toFile().listFiles().sort()

        expect:
        points.size() == 2
        points.each { dir ->
            assert new File(dir, 'minima').list().sort() == ['minima_000000-000003.h5', 'minima_000004-000007.h5']
            assert new File(dir, 'spectra').list().sort() == ['spectra_000000-000003.h5', 'spectra_000004-000007.h5']
            assert new File(dir, 'fit.json').text.contains('"A_g"')
            def out = Nextflow.python(dir.toPath(), '''
import h5py, numpy as np
d = h5py.File('dos.h5', 'r')
print('integral', float((d['dos'][()] * np.diff(d['omega_edges'][()])).sum()))
print('counts', int(d['counts'][()].sum()))
s = h5py.File('spectra/spectra_000000-000003.h5', 'r')
e = s['eigenvalues'][()]
print('shape', e.shape, 'ascending', bool((np.diff(e, axis=1) >= 0).all()))
m = h5py.File('minima/minima_000004-000007.h5', 'r')
print('minima', m['kappa'].shape, m['x'].shape, m.attrs['point_id'].decode())
print('switch', float(m.attrs['precondition_below']), 'worst', float(m['max_grad'][()].max()) <= float(m.attrs['tolerance']))
f = h5py.File('fit.h5', 'r')
print('A_g', float(f.attrs['A_g']), f['provenance'].attrs['tool'].decode())
''')
            assert out.contains('integral 1.0') || (out =~ /integral (0\.99999999\d*|1\.0000000\d*)/)
            assert out.contains('counts 2048')
            assert out.contains('shape (4, 256) ascending True')
            assert out.contains("minima (4, 256) (4, 256) ${dir.name}")
            assert out.contains('switch 0.0001 worst True')
            assert out.contains('khgps fit')
        }
    }

    def 'should rerun no task on resume'() {
        when:
        def again = Nextflow.run(launch, ['-profile', 'test', '-resume'])

        then:
        again.exitCode == 0
        again.count('Submitted process') == 0
        again.count('Cached process') == 19
    }

    @IgnoreIf({ !Nextflow.longTests() })  // on a laptop StagesTest (core) and CliTest (chunk files pool into one dos) cover chunking
    def 'should give the same spectra whatever the chunk size'() {
        given:
        def other = Nextflow.tempDir('chunks')

        when:
        def run = Nextflow.run(other, ['-profile', 'test', '--chunk_size', '3'])
        def code = '''
import h5py, numpy as np, glob, sys
def stack(root):
    files = sorted(glob.glob(root + '/points/*/spectra/*.h5'))
    by_point = {}
    for f in files:
        h = h5py.File(f, 'r')
        by_point.setdefault(h.attrs['point_id'].decode(), []).append((h['realization'][()], h['eigenvalues'][()]))
    out = {}
    for p, parts in by_point.items():
        idx = np.concatenate([r for r, _ in parts]); eig = np.concatenate([e for _, e in parts])
        out[p] = eig[np.argsort(idx)]
    return out
a = stack(sys.argv[1]); b = stack(sys.argv[2])
print('points', sorted(a) == sorted(b), 'identical', all(np.array_equal(a[p], b[p]) for p in a))
'''

        then:
        run.exitCode == 0
        run.count('Submitted process > KHGPS:MINIMIZE') == 6
        Nextflow.python(launch, "import sys; sys.argv = ['x', '${results}', '${other.resolve('results')}']\n" + code)
                .contains('points True identical True')
    }

    def 'should run with --spectrum lowest and hold the lowest modes of the full run, also when a task ran out of time once'() {
        given: 'a first attempt of MINIMIZE that exceeds its time limit: the local executor kills it and leaves no exit status'
        def low = Nextflow.tempDir('lowest')
        low.resolve('timeout.config').text = "process { withName: 'KHGPS:MINIMIZE' { time = { task.attempt == 1 ? '1ms' : '1h' } } }"

        when:
        def run = Nextflow.run(low, ['-profile', 'test', '-c', 'timeout.config', '--spectrum', 'lowest', '--modes', '16',
                                     '--save_vectors', '2'])
        def code = '''
import h5py, numpy as np, glob, sys
full_root, low_root = sys.argv[1], sys.argv[2]
ok = True
for f in sorted(glob.glob(low_root + '/points/*/spectra/*.h5')):
    lo = h5py.File(f, 'r'); fu = h5py.File(f.replace(low_root, full_root), 'r')
    ok &= lo.attrs['modes'].decode() == 'lowest 16 of 256' and lo.attrs['spectrum'].decode() == 'lowest'
    ok &= np.allclose(lo['eigenvalues'][()], fu['eigenvalues'][()][:, :16], rtol=1e-10, atol=0)
    ok &= lo['vectors'].shape == (4, 2, 256) and bool(np.all(lo['eigen_residual'][()] <= 1e-10))
    pr = lo['participation_ratio'][()]
    ok &= bool(np.all((pr >= 1 / 256 - 1e-12) & (pr <= 1)))
for f in sorted(glob.glob(low_root + '/points/*/dos.h5')):
    d = h5py.File(f, 'r')
    ok &= np.isfinite(d.attrs['omega_complete']) and bool(np.all(d['omega_tail'][()] < d.attrs['omega_complete']))
    ok &= d['omega_tail_participation_ratio'].shape == d['omega_tail'].shape
print('lowest ok', ok)
'''

        then: 'retried with more time, and the minima are those of the reference (the lowest modes equal its full ones)'
        run.exitCode == 0
        run.count('Re-submitted process > KHGPS:MINIMIZE') >= 1
        low.resolve('results/plots/participation_ratio.png').toFile().exists()
        low.resolve('results/report.html').toFile().text.contains('Participation ratio of the lowest modes')
        Nextflow.python(launch, "import sys; sys.argv = ['x', '${results}', '${low.resolve('results')}']\n" + code)
                .contains('lowest ok True')
    }

    @IgnoreIf({ !Nextflow.longTests() })
    def 'should compute only the new chunks when realizations are added with -resume'() {
        given:
        def dir = Nextflow.tempDir('more')

        when:
        def first = Nextflow.run(dir, ['-profile', 'test', '--realizations', '6', '--chunk_size', '3'])
        def more = Nextflow.run(dir, ['-profile', 'test', '--realizations', '9', '--chunk_size', '3', '-resume'])

        then:
        first.exitCode == 0
        more.exitCode == 0
        // per point: chunks 0-2 and 3-5 cached, 6-8 new; then histogram, fit, theory and report again
        more.count('Cached process') == 12
        more.count('Submitted process > KHGPS:SAMPLE') == 2
        more.count('Submitted process > KHGPS:MINIMIZE') == 2
        more.count('Submitted process > KHGPS:DIAGONALIZE') == 2
        more.output.contains('(a8e102d754d7:6-8)')
        dir.resolve('results/summary.csv').toFile().readLines().drop(1).every { it.split(',')[5] == '9' }
    }

    def 'should wire every process in a stub run'() {
        when:
        def stub = Nextflow.run(Nextflow.tempDir('stub'), ['-profile', 'test', '-stub'])

        then:
        stub.exitCode == 0
        stub.count('Submitted process') == 19
    }
}
