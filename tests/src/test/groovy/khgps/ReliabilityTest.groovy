package khgps

import java.nio.file.Path
import java.util.concurrent.TimeUnit
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.Stepwise

/** Interruptions and numerical failure never lose or falsify results. */
@Stepwise
class ReliabilityTest extends Specification {

    @Shared Path reference = Nextflow.reference()

    def 'should finish a run whose head was killed, with identical results, after -resume'() {
        given: 'an uninterrupted run (the shared reference) and a launch directory for one that is killed'
        def killed = Nextflow.tempDir('killed')

        when: 'the Nextflow head is killed (SIGKILL) once the first spectra are computed'
        def command = [Nextflow.ROOT.resolve('nextflow').toString(), 'run', Nextflow.ROOT.toString(), '-ansi-log', 'false',
                       '-profile', 'test']
        def pb = new ProcessBuilder(command).directory(killed.toFile()).redirectErrorStream(true)
        pb.environment().put('KHGPS_SKIP_BUILD', '1')
        def head = pb.start()
        def seen = []
        def reader = new BufferedReader(new InputStreamReader(head.inputStream))
        String line
        while ((line = reader.readLine()) != null) {
            seen << line
            if (line.contains('Submitted process > KHGPS:DIAGONALIZE')) {
                break
            }
        }
        head.destroyForcibly()
        head.waitFor(30, TimeUnit.SECONDS)
        sleep(3000) // let orphaned tasks end
        def resumed = Nextflow.run(killed, ['-profile', 'test', '-resume'])

        then:
        seen.any { it.contains('Submitted process > KHGPS:DIAGONALIZE') }
        resumed.exitCode == 0
        resumed.count('Cached process') >= 4                       // what finished is not recomputed
        resumed.count('Submitted process > KHGPS:REPORT') == 1
        killed.resolve('results/summary.csv').text == reference.resolve('results/summary.csv').text
        Nextflow.python(reference, """
import h5py, numpy as np, glob, os
a, b = '${reference.resolve('results')}', '${killed.resolve('results')}'
same = all(np.array_equal(h5py.File(f, 'r')['eigenvalues'][()], h5py.File(f.replace(a, b), 'r')['eigenvalues'][()])
           for f in glob.glob(a + '/points/*/spectra/*.h5'))
print('identical', same)
""").contains('identical True')
    }

    def 'should count and leave out realizations that did not converge'() {
        given:
        def dir = Nextflow.tempDir('unconverged')

        when: 'the iteration budget is too small for some realizations'
        def run = Nextflow.run(dir, ['-profile', 'test', '--J', '0.2', '--max_iterations', '100'])
        def rows = dir.resolve('results/summary.csv').toFile().readLines()
        def header = rows[0].split(',') as List
        def row = rows[1].split(',') as List

        then:
        run.exitCode == 0
        (row[header.indexOf('realizations')] as int) == 8
        (row[header.indexOf('converged')] as int) < 8
        (row[header.indexOf('converged')] as int) > 0
        dir.resolve('results/report.html').text.contains('<th>converged</th>')
    }

    def 'should fail the point when asked to'() {
        when:
        def run = Nextflow.run(Nextflow.tempDir('failpoint'),
                ['-profile', 'test', '--J', '0.2', '--max_iterations', '100', '--failed_realizations', 'fail'])

        then:
        run.exitCode != 0
        run.output.contains('realizations failed')
        run.output.contains('did not converge')
    }
}
