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
    // the run (its points, lock, published files and failed points) is passed on, never kept in lib/;
    // initialise registers the end of the run (KhgpsPipeline.complete) with it
    def run = KhgpsPipeline.initialise(workflow, params, log)
    KHGPS(run, KhgpsPipeline.paramsJson(params), KhgpsPipeline.fingerprints(workflow))
}
