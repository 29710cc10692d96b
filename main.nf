#!/usr/bin/env nextflow
/*
 * khgps-nf: numerical studies of the KHGPS mean-field model of quasilocalized excitations in
 * glasses (Rainone, Urbani, Zamponi, Lerner, Bouchbinder, SciPost Phys. Core 4, 008, 2021).
 * Usage: ./nextflow run . -profile test     (README.md, docs/usage.md)
 */
include { KHGPS } from './workflows/khgps'

workflow {
    def points = KhgpsPipeline.initialise(workflow, params, log)
    KHGPS(points, points.size(), KhgpsPipeline.paramsJson(params), KhgpsPipeline.fingerprints(workflow))
}

workflow.onComplete {
    KhgpsPipeline.complete(workflow, params, log)
}
