package khgps

import groovy.json.JsonSlurper
import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.TimeUnit
import spock.lang.IgnoreIf
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

    /** Every file under the results folder but the run logs and the journal of an unfinished run, relative to it. */
    static Set<String> files(Path results) {
        Files.walk(results).withCloseable { s ->
            s.filter { !Files.isDirectory(it) }.map { results.relativize(it).toString() }
                .filter { !it.startsWith('pipeline_info/') && it != KhgpsOutdir.JOURNAL }.toList() as Set
        }
    }

    static String lockText(Map fields) {
        fields.collect { k, v -> "${k}=${v}" }.join('\n') + '\n'
    }

    /** Every file under the results folder but the run logs, with its SHA-256. */
    static Map<String, String> hashes(Path results) {
        files(results).collectEntries { [(it): KhgpsOutdir.sha256(results.resolve(it))] }
    }

    /** h5py: "<attribute> <value>" of every stage file under points/, one line each (sorted). */
    static List<String> attribute(Path results, String name) {
        Nextflow.python(results, """
import h5py, glob
for f in sorted(glob.glob('points/**/*.h5', recursive=True)):
    print(f, h5py.File(f, 'r').attrs['${name}'])
""").readLines()
    }

    @IgnoreIf({ !Nextflow.longTests() })
    def 'should replace a study with fewer points only when told, removing only what the pipeline published'() {
        given: 'the test study (2 points, chunks of 4) in the results folder, a plot of the user and links pointing out of it'
        def launch = copyOfReference('restudy')
        def results = launch.resolve('results')
        def dropped = '08e4db4a7e79'   // J = 0.05: not in the next study
        def kept = 'a8e102d754d7'      // J = 0.2
        assert Files.isDirectory(results.resolve("points/${dropped}"))
        Files.write(results.resolve('plots/fig1_final.pdf'), [1, 2, 3] as byte[])
        def outside = Nextflow.tempDir('outside')
        def precious = Files.writeString(outside.resolve('precious.h5'), 'keep me')
        Files.createSymbolicLink(results.resolve("points/${kept}/minima/linked.h5"), precious)
        Files.createSymbolicLink(results.resolve("points/${kept}/linked-folder"), outside)
        def args = ['-profile', 'test', '-resume', '--J', '0.2', '--chunk_size', '8']

        when: 'the same folder gets one point in chunks of 8, first without --replace_study'
        def refused = Nextflow.run(launch, args)
        def run = Nextflow.run(launch, args + ['--replace_study'])
        def study = new JsonSlurper().parse(results.resolve('study.json').toFile())

        then: 'refused at first, naming the flag; then the run names what it removed and the folder is the new study'
        refused.exitCode != 0
        refused.output.contains("holds another study: 1 point(s) this run does not have (${dropped})")
        refused.output.contains('Give --replace_study to replace it')
        refused.count('Submitted process') == 0
        run.exitCode == 0
        run.output.contains('khgps-nf: removed ')
        run.output.contains("verify: ${results}: ")
        !Files.exists(results.resolve("points/${dropped}"))
        results.resolve("points/${kept}/spectra").toFile().list() as List == ['spectra_000000-000007.h5']
        (results.resolve("points/${kept}/minima").toFile().list() as List).sort() == ['linked.h5', 'minima_000000-000007.h5']

        and: 'what the user put there is left alone, named in a warning, and verify reports it'
        run.output.contains('file(s) this pipeline did not publish: ')
        run.output.contains('plots/fig1_final.pdf')
        Files.exists(results.resolve('plots/fig1_final.pdf'))
        Files.isSymbolicLink(results.resolve("points/${kept}/minima/linked.h5"))
        Files.readString(precious) == 'keep me'
        outside.toFile().list() as List == ['precious.h5']
        files(results) - (study.files.keySet() + ['study.json', 'ro-crate-metadata.json']) ==
                ['plots/fig1_final.pdf', "points/${kept}/minima/linked.h5".toString()] as Set
        Files.isSymbolicLink(results.resolve("points/${kept}/linked-folder"))
        verify(results).output.contains('UNKNOWN  plots/fig1_final.pdf is not recorded in study.json')
    }

    def 'should hold study A again after A -> B -> A with -resume, and publish again what was lost'() {
        given: 'the test study (A: 40 bins) copied'
        def launch = copyOfReference('aba')
        def results = launch.resolve('results')
        def before = hashes(results)

        when: 'B with 30 bins, a plot deleted by hand, then A again from the cache'
        def b = Nextflow.run(launch, ['-profile', 'test', '-resume', '--bins', '30'])
        Files.delete(results.resolve('plots/dos_all.png'))
        def a = Nextflow.run(launch, ['-profile', 'test', '-resume'])
        def study = new JsonSlurper().parse(results.resolve('study.json').toFile())

        then: 'every task of A is cached, and every published file is that of A again, bit for bit'
        b.exitCode == 0
        a.exitCode == 0
        a.count('Submitted process') == 0
        a.output.contains('khgps-nf: published ')
        a.output.contains("verify: ${results}: ${study.files.size()} files checked, all match")
        study.params.bins == 40
        hashes(results).findAll { k, v -> k != 'study.json' && k != 'ro-crate-metadata.json' && !k.startsWith('workflow/') } ==
                before.findAll { k, v -> k != 'study.json' && k != 'ro-crate-metadata.json' && !k.startsWith('workflow/') }
        verify(results).exitCode == 0
    }

    @IgnoreIf({ !Nextflow.longTests() })
    def 'should hold study A again after A -> B -> A in realizations and in seed'() {
        given:
        def launch = copyOfReference('aba2')
        def results = launch.resolve('results')
        def before = hashes(results)

        when: '8 -> 12 -> 8 realizations'
        def more = Nextflow.run(launch, ['-profile', 'test', '-resume', '--realizations', '12'])
        def back = Nextflow.run(launch, ['-profile', 'test', '-resume'])
        def rows = results.resolve('summary.csv').readLines()

        then:
        more.exitCode == 0
        back.exitCode == 0
        back.count('Submitted process') == 0
        rows.drop(1).every { it.split(',')[rows[0].split(',').toList().indexOf('realizations')] == '8' }
        hashes(results).findAll { k, v -> k.startsWith('points/') } == before.findAll { k, v -> k.startsWith('points/') }

        when: 'seed 42 -> 7 -> 42: another study, so only with --replace_study'
        def refused = Nextflow.run(launch, ['-profile', 'test', '-resume', '--seed', '7'])
        def other = Nextflow.run(launch, ['-profile', 'test', '-resume', '--seed', '7', '--replace_study'])
        def seven = attribute(results, 'seed')
        def again = Nextflow.run(launch, ['-profile', 'test', '-resume', '--replace_study'])

        then: 'every data file is seed 42 again, as study.json says'
        refused.exitCode != 0
        refused.output.contains('holds another study: seed 42 (this run: 7)')
        other.exitCode == 0
        seven.every { it.endsWith(' 7') }
        again.exitCode == 0
        // only the report, whose parameters now say --replace_study
        again.count('Submitted process') == again.count('Submitted process > KHGPS:REPORT')
        attribute(results, 'seed').every { it.endsWith(' 42') }
        new JsonSlurper().parse(results.resolve('study.json').toFile()).params.seed == 42
        hashes(results).findAll { k, v -> k.startsWith('points/') } == before.findAll { k, v -> k.startsWith('points/') }
        verify(results).exitCode == 0
    }

    def 'should refuse a folder the pipeline did not write, deleting nothing and leaving nothing'() {
        given: 'a folder with a figure and notes of the user, no study.json'
        def launch = Nextflow.tempDir('foreign')
        def results = launch.resolve('results')
        Files.createDirectories(results.resolve('plots'))
        Files.createDirectories(results.resolve('points'))
        Files.writeString(results.resolve('plots/fig1_final.pdf'), 'figure')
        Files.writeString(results.resolve('points/README.txt'), 'notes')

        when:
        def run = Nextflow.run(launch, ['-profile', 'test', '-stub'])

        then:
        run.exitCode != 0
        run.output.contains("--outdir ${results} is not empty and holds no study of this pipeline (no study.json): it holds plots, points.")
        run.count('Submitted process') == 0
        files(results) == ['plots/fig1_final.pdf', 'points/README.txt'] as Set
        !Files.exists(results.resolve('pipeline_info'))
    }

    @IgnoreIf({ !Nextflow.longTests() })
    def 'should keep the files a point had published when it fails in a later run'() {
        given: 'the test study; then J = 0.2 fails its histogram (not every realization converges in 100 iterations)'
        def launch = copyOfReference('keepfailed')
        def results = launch.resolve('results')
        def failedId = 'a8e102d754d7'
        def own = ['dos.h5', 'fit.h5', 'fit.json', 'theory.h5'].collect { "points/${failedId}/${it}".toString() }
        def before = hashes(results)

        when:
        def run = Nextflow.run(launch, ['-profile', 'test', '-resume', '--max_iterations', '100', '--failed_realizations', 'fail'])
        def study = new JsonSlurper().parse(results.resolve('study.json').toFile())

        then: 'the point is failed, and its earlier files are there, unchanged, listed as kept'
        run.exitCode == 0
        run.output.contains('khgps-nf: 1 of 2 study points failed')
        run.output.contains("khgps-nf: kept 4 file(s) that earlier runs published for the point(s) that failed in this run (${failedId})")
        study.failed_points.keySet() == [failedId] as Set
        study.kept.keySet() == own as Set
        own.every { hashes(results)[it] == before[it] && study.files[it] == before[it] }
        verify(results).exitCode == 0
    }

    @IgnoreIf({ !Nextflow.longTests() })
    def 'should keep a point whose RS theory fails, with its simulation and the reason'() {
        given: 'h = 0 and J = 0: x = 0 is the minimum, but the RS theory has chi = <1/kappa> = infinity'
        def launch = Nextflow.tempDir('theoryfails')

        when:
        def run = Nextflow.run(launch, ['-profile', 'test', '--h', '0', '--J', '0'])
        def results = launch.resolve('results')
        def study = new JsonSlurper().parse(results.resolve('study.json').toFile())
        def rows = results.resolve('summary.csv').readLines()
        def header = rows[0].split(',') as List
        def row = rows[1].split(',', header.size()) as List

        then:
        run.exitCode == 0
        run.output.contains('khgps-nf: the RS theory failed for 1 study point(s)')
        study.failed_points.isEmpty()
        study.theory_failed.size() == 1
        row[header.indexOf('status')] == 'ok'
        row[header.indexOf('x2')] != 'nan'
        row[header.indexOf('chi_rs')] == 'nan'
        verify(results).exitCode == 0
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

    @IgnoreIf({ !Nextflow.longTests() })
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
