package khgps

import java.nio.file.Files
import java.nio.file.Path
import spock.lang.IgnoreIf
import spock.lang.Specification

/**
 * A task output damaged in work/ after it was written (same length, other bytes) is refused by
 * the next stage on -resume, naming the file, the command that made it and a recovery that works.
 */
@IgnoreIf({ !Nextflow.longTests() })
class DamagedCacheTest extends Specification {

    def 'should refuse a cached file damaged in work/ on -resume, and recover with the command it names'() {
        given: 'a run of one point (its own work/: a copied launch folder resumes from the original work/), and one of its cached spectra files altered in place (same length)'
        def launch = Nextflow.tempDir('damaged')
        def study = ['-profile', 'test', '--J', '0.2']
        assert Nextflow.run(launch, study).exitCode == 0
        def damaged = Files.walk(launch.resolve('work')).withCloseable { s ->
            s.filter { it.fileName.toString() == 'spectra_000000-000003.h5' && !Files.isSymbolicLink(it) }.findFirst().get()
        }
        def task = damaged.parent
        def size = Files.size(damaged)
        Nextflow.python(launch, """
import h5py
with h5py.File('${damaged}', 'r') as f:
    at = f['trace_residual'].id.get_offset()
with open('${damaged}', 'r+b') as f:
    f.seek(at); b = f.read(1); f.seek(at); f.write(bytes([b[0] ^ 1]))
""")
        assert Files.size(damaged) == size

        when: 'a -resume that reruns the histograms reads it'
        def failed = Nextflow.run(launch, study + ['-resume', '--bins', '30'])
        def recovery = (failed.output =~ /rm -r (\S+)/)

        then: 'the run fails naming the file, the command that made it and the recovery'
        failed.exitCode != 0
        failed.output.contains("spectra_000000-000003.h5 is damaged: dataset 'trace_residual' fails its integrity check")
        failed.output.contains('It was made by: khgps diagonalize')
        recovery.find()
        Path.of(recovery.group(1)) == task.toRealPath()

        when: 'the recovery it names is followed: remove the task folder, then -resume'
        assert ['rm', '-r', recovery.group(1)].execute().waitFor() == 0
        def resumed = Nextflow.run(launch, study + ['-resume', '--bins', '30'])

        then: 'only that task is redone, and the results verify'
        resumed.exitCode == 0
        resumed.count('Submitted process > KHGPS:DIAGONALIZE') == 1
        ResultsFolderTest.verify(launch.resolve('results')).exitCode == 0

        when: 'a minima file in work/ cut to 0 bytes, then a -resume that reruns diagonalize on it'
        def results = launch.resolve('results')
        def published = ResultsFolderTest.hashes(results)
        def minima = Files.walk(launch.resolve('work')).withCloseable { s ->
            s.filter { it.fileName.toString() == 'minima_000000-000003.h5' && !Files.isSymbolicLink(it) }.findFirst().get()
        }
        Files.write(minima, new byte[0])
        def emptied = Nextflow.run(launch, study + ['-resume', '--bins', '30', '--solver', 'ejml'])

        then: 'the run stops (exit 5 in the task: not the fault of the point) naming the recovery, and loses no published file'
        emptied.exitCode != 0
        emptied.output.contains('minima_000000-000003.h5 is not a readable HDF5 file: it is empty (0 bytes)')
        emptied.output.contains("rm -r ${minima.parent.toRealPath()}")
        emptied.output.contains('exit status (5)')
        // (the other chunk's spectra, diagonalized again with ejml, were published before the run stopped)
        def after = ResultsFolderTest.hashes(results)
        after.keySet().containsAll(published.keySet())
        ['dos.h5', 'fit.h5', 'fit.json', 'theory.h5'].every { name ->
            def key = published.keySet().find { it.endsWith("/${name}") }
            key != null && after[key] == published[key]
        }
    }
}
