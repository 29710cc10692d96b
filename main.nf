#!/usr/bin/env nextflow
/*
 * khgps-nf: numerical studies of the KHGPS mean-field model of quasilocalized excitations in
 * glasses (Rainone, Urbani, Zamponi, Lerner, Bouchbinder, SciPost Phys. Core 4, 008, 2021).
 * Usage: ./nextflow run . -profile test     (README.md, docs/usage.md)
 */
include { KHGPS } from './workflows/khgps'

workflow {
    if (params.help) {
        // --help, --help NAME: from nextflow_schema.json; nothing starts
        def help = KhgpsSchema.help(KhgpsSchema.load(projectDir.toFile()), params, workflow.manifest.version)
        if (!help[1]) {
            error(help[0])
        }
        println help[0]   // not log.info: a second `log` in this block does not compile (Nextflow 24.10)
        exit 0
    }
    def points = KhgpsPipeline.initialise(workflow, params, log)
    KHGPS(points, points.size(), KhgpsPipeline.paramsJson(params), KhgpsPipeline.fingerprints(workflow))
}

workflow.onComplete {
    KhgpsPipeline.complete(workflow, params, log)
}
