// The replica-symmetric (cavity) theory of one point, on the frequency bins of its histogram.
process THEORY {
    tag "${meta.id}"
    label 'process_single'

    input:
    tuple val(meta), path(dos)
    val(code)   // fingerprint of the stage's code: part of the cache key

    output:
    tuple val(meta), path("theory_${meta.id}.h5"), optional: true, emit: theory
    // a failure of the point (bin/khgps-point-stage): its reason instead of the outputs above
    tuple val(meta), path("point_failed.txt"), optional: true, emit: failed

    path 'versions.yml', emit: versions

    script:
    """
    export KHGPS_JAVA_OPTS="${KhgpsParams.javaOpts(task.memory.toBytes(), 2)}"
    khgps-point-stage khgps theory --dos ${dos} --out theory_${meta.id}.h5 ${task.ext.args ?: ''}
    ${KhgpsProvenance.versionsScript(task.process, workflow.nextflow.version)}
    """

    stub:
    """
    touch versions.yml
    touch theory_${meta.id}.h5
    """
}
