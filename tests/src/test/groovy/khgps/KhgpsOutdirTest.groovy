package khgps

import java.nio.file.Files
import java.nio.file.Path
import spock.lang.Specification

/** lib/KhgpsOutdir.groovy on its own: what it removes from a results folder, and its lock. */
class KhgpsOutdirTest extends Specification {

    List<String> lines = []
    def log = new Expando(info: { lines << it.toString() }, warn: { lines << it.toString() })
    Path launch = Nextflow.tempDir('outdir')
    def workflow = [launchDir: launch, runName: 'this_run', sessionId: 'session-1']
    Map params = [outdir: 'results']
    Path results = launch.resolve('results')
    /** The locks a test took, released at its end. */
    List<KhgpsOutdir.Lock> taken = []

    def cleanup() {
        taken.each { KhgpsOutdir.unlock(it) }
    }

    KhgpsOutdir.Lock take(Map workflow, Map params) {
        def lock = KhgpsOutdir.lock(workflow, params, log)
        taken << lock
        return lock
    }

    static void touch(Path dir, String... names) {
        names.each { n ->
            Files.createDirectories(dir.resolve(n).parent)
            dir.resolve(n).text = n
        }
    }

    /** A study.json listing these files (their hashes do not matter here) for these points and seed. */
    static void study(Path results, List<String> files, List<String> ids = ['aaaaaaaaaaaa'], long seed = 1) {
        results.resolve('study.json').text = groovy.json.JsonOutput.toJson([points: ids.collect { [id: it, seed: seed] },
                                                                            files : files.collectEntries { [(it): '0' * 64] }])
    }

    def 'should remove what the pipeline published earlier and this run did not, and nothing it never published'() {
        given: 'chunks of 4 and a dropped point from an earlier run (study.json), a chunk of a run that never finished (journal), a stray note and plot, the run logs, a link out of the folder'
        touch(results, 'points/aaaaaaaaaaaa/minima/minima_000000-000003.h5', 'points/aaaaaaaaaaaa/minima/minima_000004-000007.h5',
              'points/aaaaaaaaaaaa/minima/minima_000000-000007.h5', 'points/aaaaaaaaaaaa/dos.h5',
              'points/bbbbbbbbbbbb/spectra/spectra_000000-000003.h5', 'points/bbbbbbbbbbbb/dos.h5',
              'plots/old.png', 'plots/dos.png', 'plots/fig1_final.pdf', 'summary.csv', 'notes.txt',
              'pipeline_info/execution_trace_1.txt', 'points/aaaaaaaaaaaa/README.txt')
        study(results, ['points/aaaaaaaaaaaa/minima/minima_000000-000003.h5', 'points/aaaaaaaaaaaa/dos.h5',
                        'points/bbbbbbbbbbbb/spectra/spectra_000000-000003.h5', 'points/bbbbbbbbbbbb/dos.h5',
                        'plots/old.png', 'plots/dos.png', 'summary.csv', 'points/aaaaaaaaaaaa/elsewhere'])
        results.resolve(KhgpsOutdir.JOURNAL).text = 'seed=1\npoints=aaaaaaaaaaaa\npoints/aaaaaaaaaaaa/minima/minima_000004-000007.h5\n'
        def outside = Nextflow.tempDir('outside')
        touch(outside, 'precious.h5')
        Files.createSymbolicLink(results.resolve('points/aaaaaaaaaaaa/elsewhere'), outside)
        def published = ['points/aaaaaaaaaaaa/minima/minima_000000-000007.h5', 'points/aaaaaaaaaaaa/dos.h5',
                         'plots/dos.png', 'summary.csv'] as Set

        when:
        def removed = KhgpsOutdir.removeStale(workflow, params, published, [] as Set, log)

        then: 'what study.json and the journal list, and only that'
        removed.sort() == ['plots/old.png', 'points/aaaaaaaaaaaa/elsewhere', 'points/aaaaaaaaaaaa/minima/minima_000000-000003.h5',
                           'points/aaaaaaaaaaaa/minima/minima_000004-000007.h5', 'points/bbbbbbbbbbbb/dos.h5',
                           'points/bbbbbbbbbbbb/spectra/spectra_000000-000003.h5']
        !Files.exists(results.resolve('points/bbbbbbbbbbbb'))
        published.every { Files.exists(results.resolve(it)) }
        ['notes.txt', 'pipeline_info/execution_trace_1.txt', 'study.json', 'plots/fig1_final.pdf', 'points/aaaaaaaaaaaa/README.txt']
            .every { Files.exists(results.resolve(it)) }
        outside.resolve('precious.h5').text == 'precious.h5'
        lines.any { it.startsWith('khgps-nf: removed 6 file(s) of earlier runs') && it.contains('plots/old.png') && it.contains('pipeline_info/removed_') }
        results.resolve('pipeline_info').toFile().list().find { it.startsWith('removed_') }.with { results.resolve("pipeline_info/${it}").readLines().size() } == 6
        lines.any { it.contains('also holds 3 file(s) this pipeline did not publish: notes.txt, plots/fig1_final.pdf, points/aaaaaaaaaaaa/README.txt') }
    }

    def 'should keep the files an earlier run published for a point that failed in this run'() {
        given:
        touch(results, 'points/aaaaaaaaaaaa/dos.h5', 'points/aaaaaaaaaaaa/fit.h5', 'points/aaaaaaaaaaaa/minima/minima_000000-000003.h5')
        study(results, ['points/aaaaaaaaaaaa/dos.h5', 'points/aaaaaaaaaaaa/fit.h5', 'points/aaaaaaaaaaaa/minima/minima_000000-000003.h5'])
        def published = ['points/aaaaaaaaaaaa/minima/minima_000000-000003.h5'] as Set

        when:
        def kept = KhgpsOutdir.kept(results, ['aaaaaaaaaaaa'] as Set, published)
        def removed = KhgpsOutdir.removeStale(workflow, params, published, kept.keySet(), log)

        then:
        kept.keySet() == ['points/aaaaaaaaaaaa/dos.h5', 'points/aaaaaaaaaaaa/fit.h5'] as Set
        kept['points/aaaaaaaaaaaa/dos.h5'] == KhgpsOutdir.sha256(results.resolve('points/aaaaaaaaaaaa/dos.h5'))
        removed.isEmpty()
    }

    def 'should take a folder that is new, empty, or holds a study of the pipeline, and refuse any other, naming why'() {
        given:
        def points = [[id: 'aaaaaaaaaaaa'], [id: 'bbbbbbbbbbbb']]

        expect: 'new, and empty but for the run logs Nextflow opened'
        KhgpsOutdir.refusal(results, points, 1, false) == null
        Files.createDirectories(results.resolve('pipeline_info'))
        KhgpsOutdir.refusal(results, points, 1, false) == null

        when: 'a folder of the user'
        touch(results, 'plots/fig1_final.pdf', 'points/README.txt')

        then:
        KhgpsOutdir.refusal(results, points, 1, false).startsWith("--outdir ${results} is not empty and holds no study of this pipeline " +
                "(no study.json): it holds plots, points.")

        when: 'a study: the same, with more points, with fewer or another seed'
        study(results, ['plots/dos.png'], ['aaaaaaaaaaaa'], 1)

        then:
        KhgpsOutdir.refusal(results, points.take(1), 1, false) == null
        KhgpsOutdir.refusal(results, points, 1, false) == null
        KhgpsOutdir.refusal(results, [[id: 'cccccccccccc']], 1, false) ==
                "--outdir ${results} holds another study: 1 point(s) this run does not have (aaaaaaaaaaaa). Running into it would " +
                "replace that study's 1 published file(s). Give --replace_study to replace it (the files removed are listed in the " +
                "log and in pipeline_info/), or choose another --outdir"
        KhgpsOutdir.refusal(results, points, 2, false).contains('holds another study: seed 1 (this run: 2)')
        KhgpsOutdir.refusal(results, points, 2, true) == null

        when: 'only the journal of a run that never finished'
        Files.delete(results.resolve('study.json'))
        KhgpsOutdir.startJournal(results, points.take(1), 1)

        then:
        KhgpsOutdir.refusal(results, points.take(1), 1, false) == null
        KhgpsOutdir.refusal(results, points, 3, false).contains('seed 1 (this run: 3)')
    }

    def 'should hold the lock, refuse a second holder naming the first, and release only its own lock'() {
        when:
        def first = take(workflow, params)
        def lock = results.resolve('.khgps.lock')
        def holder = KhgpsOutdir.parse(lock.text)
        def second = take([launchDir: Nextflow.tempDir('other'), runName: 'other_run', sessionId: 's2'],
                [outdir: results.toString()])

        then: 'this JVM is alive, so the second is refused, naming the first'
        first.refusal == null
        first.path == lock
        holder.pid == "${ProcessHandle.current().pid()}".toString()
        holder.launch_dir == launch.toString()
        second.path == null
        second.refusal.startsWith("Another run holds the results folder ${results}: run this_run launched in ${launch} on " +
                "${KhgpsOutdir.host()}, pid ${holder.pid}")

        when: 'someone else replaced the lock meanwhile'
        lock.text = lock.text.replace('this_run', 'someone_else')
        KhgpsOutdir.unlock(first)

        then: 'it is not ours to remove'
        Files.exists(lock)
    }

    def 'should take over a lock whose pid now belongs to another process'() {
        given: 'a lock naming this JVM pid, started at another time (the pid was reused)'
        Files.createDirectories(results)
        results.resolve('.khgps.lock').text = "run_name=old_run\nlaunch_dir=/old\nhost=${KhgpsOutdir.host()}\n" +
                "pid=${ProcessHandle.current().pid()}\npid_start=2001-01-01T00:00:00Z\n"

        when:
        def mine = take(workflow, params)

        then:
        mine.refusal == null
        lines.any { it.contains('taking over the results folder\'s lock') && it.contains('old_run') }
        KhgpsOutdir.parse(results.resolve('.khgps.lock').text).run_name == 'this_run'

        when:
        KhgpsOutdir.unlock(mine)

        then:
        !Files.exists(results.resolve('.khgps.lock'))
    }

    def 'should not take over a lock from another host'() {
        given:
        Files.createDirectories(results)
        results.resolve('.khgps.lock').text = "run_name=far_run\nlaunch_dir=/far\nhost=another-host\npid=1\npid_start=unknown\n"

        expect:
        take(workflow, params).refusal.contains('run far_run launched in /far on another-host, pid 1')
    }

    /** conf/modules.config's process scope as Nextflow hands it over: one withName:PROCESS entry per block. */
    static Map moduleConfig() {
        def process = new ConfigSlurper().parse(Nextflow.ROOT.resolve('conf/modules.config').text).process as Map
        return process.collectEntries { name, block -> [("withName:${name}".toString()): block] }
    }

    def 'should publish #PROCESS output #NAME as #PUBLISHED, reading the layout from conf/modules.config'() {
        expect: 'the contract in the header of conf/modules.config; study.json records the same paths'
        KhgpsOutdir.publishedAs(moduleConfig(), PROCESS, [outdir: OUTDIR], [id: 'a8e102d754d7', N: 256], NAME) == PUBLISHED

        where:
        PROCESS       | OUTDIR         | NAME                          || PUBLISHED
        'SAMPLE'      | 'results'      | 'disorder_000000-000003.h5'   || null
        'MINIMIZE'    | 'results'      | 'minima_000000-000003.h5'     || 'points/a8e102d754d7/minima/minima_000000-000003.h5'
        'MINIMIZE'    | 'results'      | 'point_failed.txt'            || null
        'MINIMIZE'    | 'results'      | 'versions.yml'                || null
        'DIAGONALIZE' | '/abs/results' | 'spectra_000004-000007.h5'    || 'points/a8e102d754d7/spectra/spectra_000004-000007.h5'
        'HISTOGRAM'   | 'results/'     | 'dos_a8e102d754d7.h5'         || 'points/a8e102d754d7/dos.h5'
        'HISTOGRAM'   | 'results'      | 'point_failed.txt'            || null
        'FIT'         | 'results'      | 'fit_a8e102d754d7.h5'         || 'points/a8e102d754d7/fit.h5'
        'FIT'         | 'results'      | 'fit_a8e102d754d7.json'       || 'points/a8e102d754d7/fit.json'
        'THEORY'      | 'results'      | 'theory_a8e102d754d7.h5'      || 'points/a8e102d754d7/theory.h5'
        'REPORT'      | 'results'      | 'report.html'                 || 'report.html'
        'REPORT'      | 'results'      | 'summary.csv'                 || 'summary.csv'
        'REPORT'      | 'results'      | 'analysis.json'               || 'analysis.json'
        'REPORT'      | 'results'      | 'plots/dos_all.png'           || 'plots/dos_all.png'
        'REPORT'      | 'results'      | 'plots'                       || null
        'REPORT'      | 'results'      | 'versions.yml'                || null
        'UNKNOWN'     | 'results'      | 'x.h5'                        || null
    }
}
