import groovy.json.JsonOutput
import java.nio.file.Files
import nextflow.Nextflow

/** Start and end of a run: validate before any task starts, record the run's parameters. */
class KhgpsPipeline {

    /**
     * The run: its study points and the results folder's lock, or a stop with a message naming the
     * bad parameter. main.nf passes it to the workflow; {@link #complete} gets it at the end.
     */
    static KhgpsRun initialise(workflow, Map nfParams, log) {
        List<Map> points
        Map plan
        def schema = KhgpsSchema.load(workflow.projectDir.toFile())
        Map params = asTyped(nfParams, workflow.commandLine?.toString())
        try {
            KhgpsSchema.requireKnown(schema, params)
            points = KhgpsParams.points(params, workflow.projectDir.toFile())
            // the types, ranges, enums and patterns of nextflow_schema.json; the study's own
            // parameters above and the cross-parameter checks below say more precisely what is wrong
            KhgpsSchema.requireValid(schema, params)
            long minModes = params.min_modes as long
            KhgpsResources.checkMemory(points, params.max_memory)
            long modes = KhgpsParams.integer('modes', params.modes, 0, 'an integer >= 0 (0 = 2% of N)')
            long vectors = KhgpsParams.integer('save_vectors', params.save_vectors, 0, 'an integer >= 0')
            points.each { p ->
                if (modes > p.N) {
                    throw new IllegalArgumentException("--modes must be <= N, got ${modes} for the point with N = ${p.N}")
                }
                if (vectors > KhgpsParams.modes(p.N, modes)) {
                    throw new IllegalArgumentException("--save_vectors must be <= the modes per realization "
                        + "(${KhgpsParams.modes(p.N, modes)} at N = ${p.N}), got ${vectors}")
                }
            }
            if (params.spectrum == 'full' && (modes != 0 || vectors != 0)) {
                throw new IllegalArgumentException("--modes and --save_vectors need --spectrum lowest")
            }
            KhgpsParams.checkModes(points, params.spectrum.toString(), modes)
            KhgpsParams.checkFit(points, minModes, params.window.toString(), params.tail_fraction as double,
                params.spectrum.toString(), modes)
            KhgpsParams.checkTolerance(points, params.tolerance as double)
            plan = KhgpsResources.plan(points, params.spectrum.toString(), modes, vectors)
            log.info KhgpsResources.planText(plan)
            KhgpsResources.checkPlan(plan, params.max_core_hours as double)
        } catch (IllegalArgumentException e) {
            stop(workflow, params, "Invalid parameter: ${e.message}")
        }
        def jar = new File("${workflow.projectDir}/java-tools/khgps-cli/target/khgps.jar")
        if (!workflow.stubRun && !jar.exists()) {
            stop(workflow, params, "The khgps tools are not built (${jar} is missing). Build them with\n" +
                "  mvn -B -DskipTests package   (in ${workflow.projectDir})\n" +
                "or launch with the project's ./nextflow, which builds them.")
        }
        // a folder that holds files the pipeline did not write, or another study: stop before touching it
        def dir = KhgpsOutdir.outdir(workflow, params)
        String refused = KhgpsOutdir.refusal(dir, points, points ? points[0].seed : params.seed, params.replace_study as boolean)
        if (refused) {
            stop(workflow, params, refused)
        }
        // one run at a time per results folder: stops here, naming the run that holds it
        def lock = KhgpsOutdir.lock(workflow, params, log)
        if (lock.refusal) {
            stop(workflow, params, lock.refusal)
        }
        try {
            KhgpsOutdir.startJournal(dir, points, points[0].seed)
            def info = new File("${params.outdir}/pipeline_info")
            info.mkdirs()
            def stamp = new Date().format('yyyy-MM-dd_HH-mm-ss')
            new File(info, "params_${stamp}.json").text = paramsJson(nfParams)
        } catch (IOException e) {
            KhgpsOutdir.unlock(lock)
            throw e
        }
        def counts = points*.realizations.unique().sort()
        def each = counts.size() == 1 ? "${counts[0]}" : "${counts[0]}-${counts[-1]}"
        log.info "khgps-nf ${workflow.manifest.version}: ${points.size()} study points x ${each} realizations -> ${params.outdir}"
        points.each { p ->
            log.info "  point ${p.id}: N=${p.N} h=${p.h} J=${p.J} kappa0=${p.kappa0}${p.disorder ? ' disorder=common' : ''}${p.protocol ? " protocol=${p.protocol}" : ''} (chunks of ${p.chunk_size})"
        }
        def run = new KhgpsRun(points, lock, dir)
        // at the end, done or failed; the handler holds the run and the parameters as values (in main.nf's
        // workflow block, workflow, params and log are gone by then)
        workflow.onComplete { complete(workflow, nfParams, log, run) }
        return run
    }

    /**
     * The parameters as the user typed the numbers: Nextflow turns --seed 99999999999999999999 into
     * the double 1.0E20 before the pipeline sees it; the command line still holds the digits.
     */
    static Map asTyped(Map params, String commandLine) {
        Map out = new LinkedHashMap(params)
        def words = (commandLine ?: '').trim().split(/\s+/) as List
        words.eachWithIndex { w, i ->
            def m = w =~ /^--([A-Za-z_][A-Za-z0-9_]*)(?:=(.*))?$/
            if (m.matches()) {
                String name = m.group(1)
                String raw = m.group(2) != null ? m.group(2) : (i + 1 < words.size() ? words[i + 1] : null)
                if (out[name] instanceof Number && raw != null && raw ==~ /[+-]?[0-9.]+([eE][+-]?\d+)?/) {
                    out[name] = raw
                }
            }
        }
        return out
    }

    /**
     * A point failed in a stage (bin/khgps-point-stage wrote why): recorded for the report and
     * study.json; with --failed_points fail, the run stops here naming the point.
     */
    static List pointFailed(KhgpsRun run, Map meta, String stage, String reason, Object policy) {
        String line = "${stage}: ${reason}".toString()
        run.failed.merge(meta.id as String, line) { a, b -> a + '; ' + b }
        if (policy == 'fail') {
            Nextflow.error("point ${meta.id} (N=${meta.N} h=${meta.h} J=${meta.J} kappa0=${meta.kappa0}) failed in ${line} "
                + "and --failed_points is fail (with --failed_points report the other points go on and summary.csv says why)")
        }
        return [meta, line]
    }

    /** The RS theory of a point failed: recorded (study.json, the log); the point's simulation stays ok. */
    static List theoryFailed(KhgpsRun run, Map meta, String reason) {
        run.theoryFailed[meta.id as String] = reason
        return [meta.id as String, reason]
    }

    /** The points whose theory failed as a TSV (point_id, reason; '' when none), for the report. */
    static String theoryFailedTsv(List failures) {
        if (!failures) {
            return ''
        }
        def rows = failures.sort { it[0] }.collect { id, reason -> "${id}\t${reason.toString().replaceAll(/[\t\r\n]+/, ' ')}" }
        return (['point_id\treason'] + rows).join('\n') + '\n'
    }

    /** The failed points as the TSV khgps report --failed reads (one row per point; '' when none failed). */
    static String failedTsv(List failures) {
        if (!failures) {
            return ''
        }
        def byId = new TreeMap<String, List>()
        failures.each { meta, line -> byId.computeIfAbsent(meta.id as String) { [meta, []] }[1] << line }
        def rows = byId.collect { id, entry ->
            def (meta, lines) = entry
            [id, meta.N, meta.h, meta.J, meta.kappa0, meta.realizations, lines.sort().join('; '), meta.protocol ?: 'zero']
                .collect { it.toString().replaceAll(/[\t\r\n]+/, ' ') }.join('\t')
        }
        return (['point_id\tN\th\tJ\tkappa0\trealizations\treason\tprotocol'] + rows).join('\n') + '\n'
    }

    /** stage -> fingerprint of its code, from the tools' jar ('stub' in stub runs). */
    static Map<String, String> fingerprints(workflow) {
        def jar = workflow.projectDir.resolve('java-tools/khgps-cli/target/khgps.jar')
        if (workflow.stubRun && !java.nio.file.Files.exists(jar)) {
            return KhgpsFingerprint.STAGE_CLASSES.collectEntries { k, v -> [(k): 'stub'] }
        }
        return KhgpsFingerprint.stages(jar)
    }

    /** The parameters as sorted JSON (deterministic, so the report's cache key is too). */
    static String paramsJson(Map params) {
        def plain = new TreeMap()
        params.each { k, v ->
            if (!k.toString().contains('-')) {
                plain[k.toString()] = v instanceof Number || v instanceof Boolean ? v : v?.toString()
            }
        }
        return JsonOutput.prettyPrint(JsonOutput.toJson(plain))
    }

    /** End of a run, done or failed: report, record the study, release the results folder. */
    static void complete(workflow, Map params, log, KhgpsRun run) {
        try {
            finish(workflow, params, log, run)
        } finally {
            KhgpsOutdir.unlock(run.lock)
        }
    }

    private static void finish(workflow, Map params, log, KhgpsRun run) {
        if (!workflow.success) {
            log.error "khgps-nf: failed: ${workflow.errorMessage ?: 'see .nextflow.log'}"
            return
        }
        if (run.theoryFailed) {
            log.warn("khgps-nf: the RS theory failed for ${run.theoryFailed.size()} study point(s): their theory columns are nan "
                + "(summary.csv theory_reason), their simulation is reported as usual:\n"
                + run.theoryFailed.collect { id, why -> "  point ${id}: ${why}" }.join('\n'))
        }
        if (!workflow.stubRun) {
            // the results folder holds exactly this study, whatever earlier runs left there
            def dir = KhgpsOutdir.outdir(workflow, params)
            Map<String, String> hashes
            try {
                KhgpsRoCrate.copySources(workflow.projectDir, dir, run.published)
                hashes = KhgpsOutdir.republish(dir, run.published, log)
            } catch (IOException e) {
                fail(log, "khgps-nf: failed: the results folder is not this run's study: ${e.message}. Nothing was removed and " +
                    "study.json is the previous run's; make room or fix the folder, then run again with -resume")
                return
            }
            def kept = KhgpsOutdir.kept(dir, run.failed.keySet(), run.published.keySet())
            if (kept) {
                log.warn "khgps-nf: kept ${kept.size()} file(s) that earlier runs published for the point(s) that failed in this run " +
                    "(${run.failed.keySet().join(', ')}): ${kept.keySet().take(5).join(', ')}${kept.size() > 5 ? ', ...' : ''} (study.json: kept)"
            }
            KhgpsOutdir.removeStale(workflow, params, run.published.keySet(), kept.keySet(), log)
            KhgpsProvenance.writeStudy(workflow, params, run, hashes, kept)
            Files.deleteIfExists(dir.resolve(KhgpsOutdir.JOURNAL))
            // the same check khgps-provenance verify makes, printed: the run is done only if it passes
            def check = KhgpsProvenance.verify(workflow, dir)
            check.lines.each { log.info "  verify: ${it}" }
            if (!check.ok) {
                fail(log, "khgps-nf: failed: the results folder does not match this run's study.json (khgps-provenance verify " +
                    "${dir}: ${check.problems.take(3).join('; ')})")
                return
            }
            if (check.foreign) {
                log.warn "khgps-nf: verify reports ${check.foreign.size()} file(s) in ${dir} that this pipeline did not write " +
                    "(left alone): move them elsewhere for the folder to verify"
            }
        }
        if (run.failed) {
            log.warn("khgps-nf: ${run.failed.size()} of ${run.points.size()} study points failed (summary.csv: status failed and the reason; "
                + "--failed_points fail makes this stop the run):\n" + run.failed.collect { id, why -> "  point ${id}: ${why}" }.join('\n'))
        }
        log.info "khgps-nf: done in ${workflow.duration}. Report: ${params.outdir}/report.html, summary: ${params.outdir}/summary.csv, provenance: ${params.outdir}/study.json"
    }

    /** Ends a run that computed everything as failed (non-zero exit), saying why. */
    private static void fail(log, String message) {
        log.error message
        nextflow.Global.session?.abort(new IllegalStateException(message))
    }

    /**
     * Stops a run before any task: the message, and nothing left behind (the run logs Nextflow opened
     * in the results folder before the pipeline could check its parameters, and the folders they made).
     */
    static void stop(workflow, Map params, String message) {
        KhgpsOutdir.discardRunLogs(nextflow.Global.session, KhgpsOutdir.outdir(workflow, params))
        Nextflow.error(message)
    }
}
