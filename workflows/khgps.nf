// The science workflow: sample -> minimize -> diagonalize per chunk of realizations, then
// histogram -> fit and theory per study point (as soon as that point's chunks are done), then the report.
include { SAMPLE      } from '../modules/local/sample/main'
include { MINIMIZE    } from '../modules/local/minimize/main'
include { DIAGONALIZE } from '../modules/local/diagonalize/main'
include { HISTOGRAM   } from '../modules/local/histogram/main'
include { FIT         } from '../modules/local/fit/main'
include { THEORY      } from '../modules/local/theory/main'
include { REPORT      } from '../modules/local/report/main'

workflow KHGPS {
    take:
    run          // KhgpsRun: the study points (KhgpsParams.points); collects the published files and failed points
    params_json  // val: the run's parameters as JSON, for the report
    code         // map: stage -> fingerprint of its code (KhgpsFingerprint.stages)

    main:
    // A chunk's meta holds what defines its realizations and nothing else: the point's parameters,
    // its seed and the realization range. Not the study's total number of realizations, so that
    // raising --realizations with -resume leaves finished chunks cached.
    // the run as a value: the closures below are called after this block, when its inputs are gone
    KhgpsRun thisRun = run
    def points = thisRun.points
    def by_id = points.collectEntries { [(it.id): it] }
    def n_chunks = points.collectEntries { [(it.id): KhgpsResources.chunks(it.realizations, it.chunk_size).size()] }
    chunks = Channel.fromList(points).flatMap { point ->
        KhgpsResources.chunks(point.realizations, point.chunk_size).collect { c ->
            point.subMap(['id', 'N', 'h', 'J', 'kappa0', 'seed', 'disorder', 'protocol']) + [first: c.first, count: c.count, last: c.last]
        }
    }
    SAMPLE(chunks, code.sample)
    MINIMIZE(SAMPLE.out.disorder, code.minimize)
    DIAGONALIZE(MINIMIZE.out.minima, code.diagonalize)

    // Every chunk ends with its minima and spectra or with the reason it failed (bin/khgps-point-stage),
    // so each point's group is complete: its histogram starts when its own chunks are done (groupKey
    // knows how many), and a point with a failed chunk fails alone.
    chunk_done = MINIMIZE.out.minima
        .join(DIAGONALIZE.out.spectra)
        .map { meta, minima, spectra -> [meta, [minima, spectra], ''] }
    chunk_failed = MINIMIZE.out.failed.mix(DIAGONALIZE.out.failed)
        .map { meta, reason -> [meta, [], "chunk ${meta.first}-${meta.last}: ${reason.text.trim()}".toString()] }
    by_point = chunk_done.mix(chunk_failed)
        .map { meta, files, reason -> [groupKey(by_id[meta.id], n_chunks[meta.id]), files, reason] }
        .groupTuple()
        .map { key, files, reasons ->
            [key.getGroupTarget(), files.flatten().sort { a, b -> a.name <=> b.name }, reasons.findAll { it }.sort()] }
        .branch { meta, files, reasons ->
            failed: reasons
            ok: true
        }
    HISTOGRAM(by_point.ok.map { meta, files, reasons -> [meta, files] }, code.histogram)
    FIT(HISTOGRAM.out.dos, code.fit)
    // the RS theory of each point on its histogram's bins, beside the simulation in the report
    THEORY(HISTOGRAM.out.dos, code.theory)

    // the points that failed, and why (one line per failed stage), for summary.csv, the report and study.json
    // (the RS theory failing is not the point failing: its theory columns are nan, with the reason)
    point_failed = by_point.failed
        .map { meta, files, reasons -> [meta, 'minimize/diagonalize', reasons.join('; ')] }
        .mix(HISTOGRAM.out.failed.map { meta, f -> [meta, 'histogram', f.text.trim()] },
             FIT.out.failed.map { meta, f -> [meta, 'fit', f.text.trim()] })
        .map { meta, stage, reason -> KhgpsPipeline.pointFailed(thisRun, meta, stage, reason, params.failed_points) }
    failed_tsv = point_failed.toList().map { KhgpsPipeline.failedTsv(it) }
    theory_failed = THEORY.out.failed
        .map { meta, f -> KhgpsPipeline.theoryFailed(thisRun, meta, f.text.trim()) }
        .toList()
        .map { KhgpsPipeline.theoryFailedTsv(it) }

    // each point with a dos and a fit, and its theory where the theory did not fail
    report_inputs = HISTOGRAM.out.dos
        .join(FIT.out.fit)
        .join(THEORY.out.theory, remainder: true)
        .filter { meta, dos, fit_h5, fit_json, theory -> dos != null && fit_h5 != null }
        .flatMap { meta, dos, fit_h5, fit_json, theory -> [dos, fit_h5, theory].findAll { it != null } }
        .toList()
        .map { files -> files.sort { a, b -> a.name <=> b.name } }
    REPORT(report_inputs, failed_tsv, theory_failed, points.size(), params_json, code.report)

    // every process's tool versions (nf-core's layout), once per process, into pipeline_info/
    SAMPLE.out.versions.mix(MINIMIZE.out.versions, DIAGONALIZE.out.versions, HISTOGRAM.out.versions,
            FIT.out.versions, THEORY.out.versions, REPORT.out.versions)
        .map { it.text }
        .unique()
        .collectFile(name: 'versions.yml', storeDir: "${params.outdir}/pipeline_info", sort: true)

    // the hashes in results/study.json: each output goes where conf/modules.config's publishDir puts
    // it (the one place the layout is declared; KhgpsOutdir.publishedAs reads it)
    def layout = nextflow.Global.session.config.process as Map
    def runParams = params
    def record = { String process, Map meta, List files -> files.each { thisRun.published(layout, process, runParams, meta, it) } }
    MINIMIZE.out.minima.subscribe { meta, f -> record('MINIMIZE', meta, [f]) }
    DIAGONALIZE.out.spectra.subscribe { meta, f -> record('DIAGONALIZE', meta, [f]) }
    HISTOGRAM.out.dos.subscribe { meta, f -> record('HISTOGRAM', meta, [f]) }
    FIT.out.fit.subscribe { meta, h5, json -> record('FIT', meta, [h5, json]) }
    THEORY.out.theory.subscribe { meta, f -> record('THEORY', meta, [f]) }
    REPORT.out.html.mix(REPORT.out.summary, REPORT.out.analysis).subscribe { record('REPORT', null, [it]) }
    // the plots one by one (never the folder as a whole: a user's file beside them stays)
    REPORT.out.plots.subscribe { files -> (files instanceof List ? files : [files]).each { thisRun.published(layout, 'REPORT', runParams, null, it, 'plots/') } }

    emit:
    summary = REPORT.out.summary
    html    = REPORT.out.html
}
