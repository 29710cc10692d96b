// Stage 2: conjugate gradient from x = 0 to a local minimum, per realization of the chunk.
process MINIMIZE {
    tag "${meta.id}:${meta.first}-${meta.last}"
    label 'process_matrix'
    // the N x N matrices' memory and the chunk's time, scaled by the attempt: lib/KhgpsParams' model
    memory { KhgpsResources.taskMemoryBytes(meta.N as int, task.cpus) * task.attempt }
    time   { new nextflow.util.Duration((long) (KhgpsResources.taskSeconds(meta.N as int, meta.count as long, meta.protocol as String) * 1000) * task.attempt) }

    input:
    tuple val(meta), path(disorder)
    val(code)   // fingerprint of the stage's code: part of the cache key

    output:
    tuple val(meta), path("minima_*.h5"), optional: true, emit: minima
    // a failure of the point (bin/khgps-point-stage): its reason instead of the outputs above
    tuple val(meta), path("point_failed.txt"), optional: true, emit: failed

    path 'versions.yml', emit: versions

    script:
    def name = String.format('minima_%06d-%06d.h5', meta.first, meta.last)
    """
    export KHGPS_JAVA_OPTS="${KhgpsParams.javaOpts(task.memory.toBytes(), meta.N, task.cpus)}"
    export OPENBLAS_NUM_THREADS=${task.cpus}
    khgps-point-stage khgps minimize --in ${disorder} --out ${name} --threads ${task.cpus} ${task.ext.args ?: ''}
    ${KhgpsProvenance.versionsScript(task.process, workflow.nextflow.version)}
    """

    stub:
    """
    touch versions.yml
    touch ${String.format('minima_%06d-%06d.h5', meta.first, meta.last)}
    """
}
