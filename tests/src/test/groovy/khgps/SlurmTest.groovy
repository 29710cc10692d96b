package khgps

import java.nio.file.Path
import spock.lang.IgnoreIf
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.Stepwise

/**
 * -profile test,slurm against a real one-node SLURM (tests/slurm/up.sh). Gated by
 * KHGPS_SLURM_TEST=1, which .ci/run sets on CI.
 */
@Stepwise
@IgnoreIf({ System.getenv('KHGPS_SLURM_TEST') != '1' })
class SlurmTest extends Specification {

    @Shared Map<String, String> env = [:]
    @Shared Path local = Nextflow.reference()
    @Shared Path onSlurm = Nextflow.tempDir('slurm')
    @Shared List<String> args = ['-profile', 'test,slurm', '-c', Nextflow.ROOT.resolve('tests/slurm/test.config').toString()]

    def setupSpec() {
        def up = new ProcessBuilder(Nextflow.ROOT.resolve('tests/slurm/up.sh').toString()).redirectErrorStream(false).start()
        def out = up.inputStream.getText('UTF-8')
        def err = up.errorStream.getText('UTF-8')
        assert up.waitFor() == 0: "tests/slurm/up.sh failed:\n${err}"
        def conf = (out =~ /export SLURM_CONF=(\S+)/)
        assert conf.find(): out
        env.SLURM_CONF = conf.group(1)
    }

    def cleanupSpec() {
        new ProcessBuilder(Nextflow.ROOT.resolve('tests/slurm/down.sh').toString()).start().waitFor()
    }

    static String trace(Path launch) {
        def info = launch.resolve('results/pipeline_info').toFile()
        return info.listFiles().findAll { it.name.startsWith('execution_trace_') }.sort { it.name }.last().text
    }

    def 'should run every task as a SLURM job'() {
        when:
        long start = System.currentTimeMillis()
        def run = Nextflow.run(onSlurm, args, env)
        long slurmMs = System.currentTimeMillis() - start
        def rows = trace(onSlurm).readLines()
        def header = rows[0].split('\t') as List
        def jobIds = rows.drop(1).collect { it.split('\t')[header.indexOf('native_id')] }
        println "wall time of -profile test on slurm: ${slurmMs / 1000} s (local: " +
                (Nextflow.referenceResult().output =~ /done in (\S+)/).with { it.find() ? it.group(1) : '?' } + ')'

        then:
        run.exitCode == 0
        jobIds.size() == 19
        jobIds.every { it ==~ /\d+/ }          // SLURM job ids, not local pids
        jobIds.unique().size() == 19
    }

    def 'should give the results of the local executor bit for bit'() {
        expect:
        onSlurm.resolve('results/summary.csv').toFile().text == local.resolve('results/summary.csv').toFile().text
        Nextflow.compareDatasets(local.resolve('results'), onSlurm.resolve('results')).contains('14 identical True')  // 2 points x (2 minima + 2 spectra + dos + fit + theory)
    }

    def 'should submit no job on resume'() {
        when:
        def again = Nextflow.run(onSlurm, args + ['-resume'], env)

        then:
        again.exitCode == 0
        again.count('Submitted process') == 0
        again.count('Cached process') == 19
    }

    def 'should retry a job cancelled by the scheduler and complete the study'() {
        given:
        def dir = Nextflow.tempDir('slurm-scancel')
        def command = [Nextflow.ROOT.resolve('nextflow').toString(), 'run', Nextflow.ROOT.toString(), '-ansi-log', 'false'] +
                args + ['--N', '3000', '--J', '0.3', '--chunk_size', '8']
        def pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        pb.environment().put('KHGPS_SKIP_BUILD', '1')
        pb.environment().putAll(env)
        def head = pb.start()
        def output = new StringBuffer()
        def reader = Thread.start { head.inputStream.eachLine { output.append(it).append('\n') } }

        when: 'the first MINIMIZE job is cancelled while the tool runs (not while the job wrapper starts)'
        String job = null
        def environment = env.collect { k, v -> "$k=$v" } + System.getenv().collect { k, v -> "$k=$v" }
        for (int i = 0; i < 1200 && job == null; i++) {
            def line = ['squeue', '-h', '-o', '%i %j %T %Z'].execute(environment, null).text.readLines()
                    .find { it.contains('MINIMIZE') && it.contains('RUNNING') }
            def err = line ? new File(line.split()[-1], '.command.err') : null
            if (err?.exists() && err.text.contains('minimize: realization')) {
                job = line.split()[0]
            } else {
                sleep(100)
            }
        }
        assert job: "no running MINIMIZE job seen in squeue:\n${output}"
        ['scancel', job].execute(environment, null).waitFor()
        def code = head.waitFor()
        reader.join()
        def trace = trace(dir)
        println "scancel test: cancelled job ${job}"

        then:
        code == 0
        trace.readLines().any { it.contains(job) && (it.contains('FAILED') || it.contains('ABORTED')) }
        trace.readLines().count { it.contains('KHGPS:MINIMIZE') && it.contains('COMPLETED') } == 1
        dir.resolve('results/summary.csv').toFile().readLines().size() == 2
    }
}
