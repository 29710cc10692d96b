package khgps

import groovy.json.JsonSlurper
import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.TimeUnit
import spock.lang.Shared
import spock.lang.Specification

/**
 * The results folder after any sequence of runs: it holds exactly the current study, and one run
 * writes into it at a time.
 */
class ResultsFolderTest extends Specification {

    @Shared Path reference = Nextflow.reference()

    /**
     * A copy of the reference run's launch folder (results and Nextflow's cache): -resume works in
     * it, and reads cached task outputs from the reference's work/ (the cache records absolute paths).
     */
    static Path copyOfReference(String name) {
        def copy = Nextflow.tempDir(name).resolve('launch')
        assert ['cp', '-r', Nextflow.reference().toString(), copy.toString()].execute().waitFor() == 0
        return copy
    }

    static Nextflow.Result verify(Path results) {
        return ProvenanceTest.tool(results.parent, ['verify', results.toString()])
    }

    /** Every file under the results folder but the run logs, relative to it. */
    static Set<String> files(Path results) {
        Files.walk(results).withCloseable { s ->
            s.filter { !Files.isDirectory(it) }.map { results.relativize(it).toString() }
                .filter { !it.startsWith('pipeline_info/') }.toList() as Set
        }
    }

    static String lockText(Map fields) {
        fields.collect { k, v -> "${k}=${v}" }.join('\n') + '\n'
    }

    def 'should leave exactly the current study after -resume with another chunk size and fewer points'() {
        given: 'the test study (2 points, chunks of 4) in the results folder, a stray plot and links pointing out of it'
        def launch = copyOfReference('restudy')
        def results = launch.resolve('results')
        def dropped = '08e4db4a7e79'   // J = 0.05: not in the next study
        def kept = 'a8e102d754d7'      // J = 0.2
        assert Files.isDirectory(results.resolve("points/${dropped}"))
        Files.write(results.resolve('plots/stale.png'), [1, 2, 3] as byte[])
        def outside = Nextflow.tempDir('outside')
        def precious = Files.writeString(outside.resolve('precious.h5'), 'keep me')
        Files.createSymbolicLink(results.resolve("points/${kept}/minima/linked.h5"), precious)
        Files.createSymbolicLink(results.resolve("points/${kept}/linked-folder"), outside)

        when: 'the same folder gets one point in chunks of 8'
        def run = Nextflow.run(launch, ['-profile', 'test', '-resume', '--J', '0.2', '--chunk_size', '8'])
        def study = new JsonSlurper().parse(results.resolve('study.json').toFile())

        then: 'the run says what it removed, and the folder is the new study and nothing else'
        run.exitCode == 0
        run.output.contains('khgps-nf: removed ')
        verify(results).exitCode == 0
        files(results) == (study.files.keySet() + ['study.json', 'ro-crate-metadata.json']) as Set
        !Files.exists(results.resolve("points/${dropped}"))
        results.resolve("points/${kept}/minima").toFile().list() as List == ['minima_000000-000007.h5']
        results.resolve("points/${kept}/spectra").toFile().list() as List == ['spectra_000000-000007.h5']
        !Files.exists(results.resolve('plots/stale.png'))

        and: 'links were removed, never followed'
        Files.readString(precious) == 'keep me'
        outside.toFile().list() as List == ['precious.h5']
    }

    def 'should refuse a run into a results folder another live run holds, naming that run'() {
        given: 'a lock held by a live process on this host (this test JVM)'
        def launch = Nextflow.tempDir('locked')
        def results = Files.createDirectories(launch.resolve('results'))
        def me = ProcessHandle.current()
        def lock = results.resolve('.khgps.lock')
        def text = lockText(run_name: 'elder_run', session: 'x', launch_dir: '/somewhere/else', host: InetAddress.localHost.hostName,
                pid: me.pid(), pid_start: me.info().startInstant().get(), since: '2026-01-01T00:00:00Z')
        lock.text = text

        when:
        def run = Nextflow.run(launch, ['-profile', 'test', '-stub'])

        then: 'it stops before any task, naming the run, its launch folder, host and pid, and leaves the lock alone'
        run.exitCode != 0
        run.output.contains("Another run holds the results folder ${results}: run elder_run launched in /somewhere/else on " +
                "${InetAddress.localHost.hostName}, pid ${me.pid()}")
        run.count('Submitted process') == 0
        lock.text == text
    }

    def 'should take over the lock of a run that no longer runs, with a warning, and release it at the end'() {
        given: 'a lock left by a process that has ended'
        def launch = Nextflow.tempDir('stale-lock')
        def results = Files.createDirectories(launch.resolve('results'))
        def gone = new ProcessBuilder('true').start()
        gone.waitFor()
        results.resolve('.khgps.lock').text = lockText(run_name: 'killed_run', launch_dir: '/somewhere/else',
                host: InetAddress.localHost.hostName, pid: gone.pid(), pid_start: 'unknown', since: '2026-01-01T00:00:00Z')

        when:
        def run = Nextflow.run(launch, ['-profile', 'test', '-stub'])

        then:
        run.exitCode == 0
        run.output.contains('taking over the results folder\'s lock')
        run.output.contains('its run killed_run (launched in /somewhere/else')
        !Files.exists(results.resolve('.khgps.lock'))
    }

    def 'should let only one of two runs from different launch folders write into one results folder'() {
        given:
        def shared = Nextflow.tempDir('shared').resolve('results')
        def lock = shared.resolve('.khgps.lock')
        def first = Nextflow.tempDir('first')
        def second = Nextflow.tempDir('second')

        when: 'the first run holds the folder (paused once it has the lock, so it cannot end too soon) and the second starts'
        def pb = new ProcessBuilder([Nextflow.ROOT.resolve('nextflow').toString(), 'run', Nextflow.ROOT.toString(),
                                     '-ansi-log', 'false', '-profile', 'test', '-stub', '--outdir', shared.toString()])
                .directory(first.toFile()).redirectErrorStream(true)
        pb.environment().put('KHGPS_SKIP_BUILD', '1')
        def head = pb.start()
        def reader = new BufferedReader(new InputStreamReader(head.inputStream))
        def firstOutput = []
        String line
        while ((line = reader.readLine()) != null && !line.startsWith('khgps-nf 0.1.0:')) {
            firstOutput << line
        }
        def holder = lock.readLines().find { it.startsWith('pid=') } - 'pid='
        assert ['kill', '-STOP', holder].execute().waitFor() == 0
        def refused = Nextflow.run(second, ['-profile', 'test', '-stub', '--outdir', shared.toString()])
        assert ['kill', '-CONT', holder].execute().waitFor() == 0
        while ((line = reader.readLine()) != null) {
            firstOutput << line
        }
        head.waitFor(300, TimeUnit.SECONDS)

        then: 'the second stops before any task naming the first; the first finishes and releases the folder'
        refused.exitCode != 0
        refused.output.contains("Another run holds the results folder ${shared}")
        refused.output.contains("launched in ${first}")
        refused.output.contains("pid ${holder}")
        refused.count('Submitted process') == 0
        head.exitValue() == 0
        !Files.exists(lock)
    }
}
