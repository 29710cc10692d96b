package khgps

import groovy.json.JsonSlurper
import java.nio.file.Path
import spock.lang.Shared
import spock.lang.Specification

/** The protocols of issue 28 through the pipeline: ids, paired disorder, what the files say. */
class ProtocolPipelineTest extends Specification {

    @Shared Path launch = Nextflow.tempDir('protocols')
    // (a title with an apostrophe and a dollar: issue 27 found the apostrophe dropped)
    @Shared Nextflow.Result run = Nextflow.run(launch, ['-profile', 'test', '--J', '0.2', '--protocol', 'zero,flip,best_random',
                                                       '--spectrum', 'lowest', '--title', 'Bob\'s $HOME study'])
    @Shared Path results = launch.resolve('results')
    @Shared Map study = new JsonSlurper().parse(results.resolve('study.json').toFile()) as Map

    def 'should run one point per protocol, zero under the id it always had'() {
        expect:
        run.exitCode == 0
        study.points.collectEntries { [(it.protocol): it.id] } == [zero: 'a8e102d754d7',
                                                                   flip: KhgpsParams.pointId(256, 0.01, 0.2, 1.0, 'independent', 'flip'),
                                                                   best_random: KhgpsParams.pointId(256, 0.01, 0.2, 1.0, 'independent', 'best_random')]
        ResultsFolderTest.verify(results).exitCode == 0
        results.resolve('report.html').text.contains("<title>Bob's \$HOME study</title>")
    }

    def 'should give every protocol the same disorder, realization by realization, and record what flip did'() {
        when: 'h5py reads the minima of each protocol'
        def out = Nextflow.python(results, """
import h5py, glob, json, numpy as np
by = {}
for f in sorted(glob.glob('points/*/minima/*.h5')):
    h = h5py.File(f, 'r')
    p = h.attrs['protocol'].decode() if 'protocol' in h.attrs else 'zero'
    by.setdefault(p, []).append(h)
def cat(p, d):
    return np.concatenate([h[d][()] for h in by[p]])
same = all(np.array_equal(cat('zero', k), cat(p, k)) for p in ('flip', 'best_random') for k in ('kappa', 'realization_seed'))
print('paired', same)
print('flip_before_is_zero', np.array_equal(cat('flip', 'energy_before'), cat('zero', 'energy')))
print('flip_lower', bool(np.all(cat('flip', 'energy') <= cat('flip', 'energy_before'))))
print('flip_moved', int(cat('flip', 'moves_accepted').sum()), 'metastable', int(cat('flip', 'metastable_before').sum()), '->', int(cat('flip', 'metastable_after').sum()))
print('best_starts', sorted(set(cat('best_random', 'starts').tolist())))
s = h5py.File(sorted(glob.glob('points/a8e102d754d7/spectra/*.h5'))[0], 'r')
print('carrier_class', s['carrier_class'].shape == s['eigenvalues'].shape, sorted(set(s['carrier_class'][()].ravel().tolist())) )
print('class_counts', bool(np.all(s['class_counts'][()].sum(axis=1) == 256)))
""")
        def fits = study.points.collectEntries { p -> [(p.protocol): new JsonSlurper().parse(results.resolve("points/${p.id}/fit.json").toFile())] }

        then:
        out.contains('paired True')
        out.contains('flip_before_is_zero True')
        out.contains('flip_lower True')
        out.readLines().find { it.startsWith('flip_moved') }.split(' ')[1] as int > 0
        out.contains('best_starts [8]')
        out.contains('carrier_class True')
        out.contains('class_counts True')
        fits.every { k, f -> f.protocol == k && f.metastable_fraction != null && f.exponent_non_metastable != null }
        fits.flip.metastable_fraction < fits.zero.metastable_fraction
    }
}
