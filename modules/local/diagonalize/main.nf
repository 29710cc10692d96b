// Stage 3: the eigenvalues of the Hessian at each minimum of the chunk: all of them, or with
// --spectrum lowest the lowest modes with their eigenvector data (conf/modules.config).
process DIAGONALIZE {
    tag "${meta.id}:${meta.first}-${meta.last}"
    label 'process_matrix'
    // the N x N matrices' memory and the chunk's time, scaled by the attempt: lib/KhgpsParams' model
    memory { KhgpsResources.taskMemoryBytes(meta.N as int, task.cpus) * task.attempt }
    time   { new nextflow.util.Duration((long) (KhgpsResources.taskSeconds(meta.N as int, meta.count as long) * 1000) * task.attempt) }

    input:
    tuple val(meta), path(minima)
    val(code)   // fingerprint of the stage's code: part of the cache key

    output:
    tuple val(meta), path("spectra_*.h5"), optional: true, emit: spectra
    // a failure of the point (bin/khgps-point-stage): its reason instead of the outputs above
    tuple val(meta), path("point_failed.txt"), optional: true, emit: failed

    path 'versions.yml', emit: versions

    script:
    def name = String.format('spectra_%06d-%06d.h5', meta.first, meta.last)
    """
    export KHGPS_JAVA_OPTS="${KhgpsParams.javaOpts(task.memory.toBytes(), meta.N, task.cpus, params.spectrum == 'lowest' ? KhgpsParams.lowestModesWorkMb(meta.N, KhgpsParams.modes(meta.N, params.modes as long)) : 0)}"
    export OPENBLAS_NUM_THREADS=${task.cpus}
    khgps-point-stage khgps diagonalize --in ${minima} --out ${name} --threads ${task.cpus} ${task.ext.args ?: ''}
    ${KhgpsProvenance.versionsScript(task.process, workflow.nextflow.version)}
    """

    stub:
    """
    touch versions.yml
    touch ${String.format('spectra_%06d-%06d.h5', meta.first, meta.last)}
    """
}
