// Stage 5: the low-frequency law D(omega) = A_g omega^4 and the free exponent of one point.
process FIT {
    tag "${meta.id}"
    label 'process_single'

    input:
    tuple val(meta), path(dos)
    val(code)   // fingerprint of the stage's code: part of the cache key

    output:
    tuple val(meta), path("fit_${meta.id}.h5"), path("fit_${meta.id}.json"), optional: true, emit: fit
    // a failure of the point (bin/khgps-point-stage): its reason instead of the outputs above
    tuple val(meta), path("point_failed.txt"), optional: true, emit: failed

    path 'versions.yml', emit: versions

    script:
    """
    export KHGPS_JAVA_OPTS="${KhgpsParams.javaOpts(task.memory.toBytes(), 2)}"
    khgps-point-stage khgps fit --in ${dos} --out fit_${meta.id}.h5 --json fit_${meta.id}.json ${task.ext.args ?: ''}
    ${KhgpsProvenance.versionsScript(task.process, workflow.nextflow.version)}
    """

    stub:
    """
    touch versions.yml
    touch fit_${meta.id}.h5 fit_${meta.id}.json
    """
}
