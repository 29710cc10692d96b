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
        def md = MessageDigest.getInstance('SHA-256')
        file.withInputStream { input ->
            byte[] buffer = new byte[1 << 16]
            int n
            while ((n = input.read(buffer)) > 0) {
                md.update(buffer, 0, n)
            }
        }
        return md.digest().encodeHex().toString()
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
     * results/study.json, written at the end of a successful run. The hashes are of the
     * task outputs the published files are copies of: Nextflow may still be copying when
     * the run completes.
     */
    static void writeStudy(workflow, Map params, KhgpsRun run) {
        def outdir = java.nio.file.Paths.get(params.outdir.toString())
        if (!outdir.isAbsolute()) {
            outdir = workflow.launchDir.resolve(outdir)
        }
        Files.createDirectories(outdir)
        def files = new TreeMap<String, String>()
        run.published.each { rel, source -> files[rel] = sha256(source) }
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
            points          : run.points.collect { p -> new TreeMap(p.subMap(['id', 'N', 'h', 'J', 'kappa0', 'seed', 'realizations', 'chunk_size']) + [disorder: p.disorder ?: 'independent']) },
            files           : files,
            // point id -> why it failed (--failed_points report); empty when every point is ok
            failed_points   : new TreeMap(run.failed),
        ]
        def tmp = outdir.resolve('.study.json.tmp')
        tmp.text = JsonOutput.prettyPrint(JsonOutput.toJson(study)) + '\n'
        Files.move(tmp, outdir.resolve('study.json'), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE)
        KhgpsRoCrate.write(study, outdir, run.published.collectEntries { rel, source -> [(rel): Files.size(source)] },
                sha256(outdir.resolve('study.json')))
    }
}
