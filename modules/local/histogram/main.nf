// Stage 4: all realizations of one study point -> D(omega), <x^2>(kappa), <1/lambda>.
process HISTOGRAM {
    tag "${meta.id}"
    label 'process_low'

    input:
    tuple val(meta), path(minima_and_spectra)
    val(code)   // fingerprint of the stage's code: part of the cache key

    output:
    tuple val(meta), path("dos_${meta.id}.h5"), optional: true, emit: dos
    // a failure of the point (bin/khgps-point-stage): its reason instead of the outputs above
    tuple val(meta), path("point_failed.txt"), optional: true, emit: failed

    path 'versions.yml', emit: versions

    script:
    """
    export KHGPS_JAVA_OPTS="${KhgpsParams.javaOpts(task.memory.toBytes(), 2)}"
    khgps-point-stage khgps histogram --out dos_${meta.id}.h5 ${task.ext.args ?: ''} ${minima_and_spectra}
    ${KhgpsProvenance.versionsScript(task.process, workflow.nextflow.version)}
    """

    stub:
    """
    touch versions.yml
    touch dos_${meta.id}.h5
    """
}
