import groovy.json.JsonOutput
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.StandardCopyOption
import java.security.MessageDigest

/**
 * Run-level provenance: results/study.json (the study, the run, and the SHA-256 of every published
 * file), and the same as an RO-Crate (KhgpsRoCrate). Each stage's code fingerprint: KhgpsFingerprint.
 */
class KhgpsProvenance {

    /**
     * The lines a task's script ends with: its versions.yml (nf-core's layout: process -> tool ->
     * version), read inside the task, so a container's tools report their own versions. The
     * workflow gathers them into pipeline_info/versions.yml.
     */
    static String versionsScript(String process, Object nextflowVersion) {
        return """cat > versions.yml <<KHGPS_VERSIONS_EOF
"${process}":
    khgps: \$(khgps --version | cut -d' ' -f2)
    java: "\$(java -version 2>&1 | head -1 | sed 's/"//g')"
    nextflow: ${nextflowVersion}
KHGPS_VERSIONS_EOF"""
    }

    static String sha256(Path file) {
        return KhgpsOutdir.sha256(file)
    }

    static String gitCommit(Path projectDir) {
        try {
            def head = ['git', '-C', projectDir.toString(), 'rev-parse', 'HEAD'].execute()
            def commit = head.text.trim()
            if (head.waitFor() != 0 || !commit) {
                return 'unknown'
            }
            def status = ['git', '-C', projectDir.toString(), 'status', '--porcelain', '--untracked-files=no'].execute()
            def dirty = status.text.trim()
            return dirty ? "${commit}-dirty" : commit
        } catch (IOException e) {
            return 'unknown'
        }
    }

    /**
     * results/study.json, written at the end of a successful run, after every published file was
     * checked to be a copy of this run's task output (KhgpsOutdir.republish gives their hashes), and
     * its RO-Crate. {@code kept}: files of points that failed in this run, kept from an earlier run.
     */
    static void writeStudy(workflow, Map params, KhgpsRun run, Map<String, String> hashes, Map<String, String> kept = [:]) {
        def outdir = KhgpsOutdir.outdir(workflow, params)
        Files.createDirectories(outdir)
        def files = new TreeMap<String, String>(hashes)
        files.putAll(kept)
        def study = [
            pipeline        : workflow.manifest.name,
            version         : workflow.manifest.version,
            git_commit      : gitCommit(workflow.projectDir),
            nextflow_version: workflow.nextflow.version.toString(),
            session_id      : workflow.sessionId.toString(),
            run_name        : workflow.runName,
            resumed         : workflow.resume,
            command_line    : workflow.commandLine,
            profile         : workflow.profile,
            start           : workflow.start.toString(),
            complete        : workflow.complete?.toString(),
            params          : new groovy.json.JsonSlurper().parseText(KhgpsPipeline.paramsJson(params)),
            disorder        : KhgpsParams.disorderMode(params.disorder),
            points          : run.points.collect { p -> new TreeMap(p.subMap(['id', 'N', 'h', 'J', 'kappa0', 'seed', 'realizations', 'chunk_size']) + [disorder: p.disorder ?: 'independent', protocol: p.protocol ?: 'zero']) },
            files           : files,
            // point id -> why it failed (--failed_points report); empty when every point is ok
            failed_points   : new TreeMap(run.failed),
            // point id -> why its RS theory failed (its theory columns are nan; the point is ok)
            theory_failed   : new TreeMap(run.theoryFailed),
            // files of points that failed in this run, as an earlier run published them (their inputs may be gone)
            kept            : new TreeMap(kept.collectEntries { rel, sha -> [(rel): run.failed[rel.split('/')[1]] ?: 'failed in this run'] }),
        ]
        def tmp = outdir.resolve('.study.json.tmp')
        tmp.text = JsonOutput.prettyPrint(JsonOutput.toJson(study)) + '\n'
        Files.move(tmp, outdir.resolve('study.json'), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE)
        KhgpsRoCrate.write(study, outdir, files.collectEntries { rel, sha -> [(rel): Files.size(outdir.resolve(rel))] },
                sha256(outdir.resolve('study.json')))
    }

    /**
     * khgps-provenance verify on the results folder, as the run that holds it (its own lock is not a
     * problem): [ok, lines, problems, foreign]. Files the pipeline did not write (UNKNOWN) are reported
     * but do not make the run fail; anything else does.
     */
    static Map verify(workflow, Path outdir) {
        def tool = workflow.projectDir.resolve('bin/khgps').toString()
        def process = new ProcessBuilder(tool, 'provenance', 'verify', '--run', workflow.sessionId.toString(), outdir.toString())
            .redirectErrorStream(true).start()
        def lines = process.inputStream.getText('UTF-8').readLines()
        int code = process.waitFor()
        def problems = lines.findAll { it ==~ /^[A-Z]+ +.*/ && !it.startsWith('UNKNOWN ') }
        def foreign = lines.findAll { it.startsWith('UNKNOWN ') }
        boolean ok = code == 0 || (code == 7 && !problems)
        if (!ok && !problems) {
            problems = ["exit ${code}: ${lines.takeRight(3).join(' ')}".toString()]
        }
        return [ok: ok, lines: lines, problems: problems, foreign: foreign]
    }
}
