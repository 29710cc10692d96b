// Stage 1: the disorder of one chunk of realizations of a study point.
process SAMPLE {
    tag "${meta.id}:${meta.first}-${meta.last}"
    label 'process_single'

    input:
    val(meta)
    val(code)   // fingerprint of the stage's code: part of the cache key

    output:
    tuple val(meta), path("disorder_*.h5"), emit: disorder

    path 'versions.yml', emit: versions

    script:
    def name = String.format('disorder_%06d-%06d.h5', meta.first, meta.last)
    """
    export KHGPS_JAVA_OPTS="${KhgpsParams.javaOpts(task.memory.toBytes(), 2)}"
    khgps sample --N ${meta.N} --h ${meta.h} --J ${meta.J} --kappa0 ${meta.kappa0} \\
        --seed ${meta.seed} --first ${meta.first} --count ${meta.count} --out ${name} ${meta.disorder ? "--disorder ${meta.disorder}" : ''} ${task.ext.args ?: ''}
    ${KhgpsProvenance.versionsScript(task.process, workflow.nextflow.version)}
    """

    stub:
    """
    touch versions.yml
    touch ${String.format('disorder_%06d-%06d.h5', meta.first, meta.last)}
    """
}
