// The study report: summary.csv, report.html (self-contained) and its plots as PNG.
process REPORT {
    tag "${points} points"
    label 'process_low'

    input:
    path(dos_and_fit)
    val(failed)   // the failed points as TSV (KhgpsPipeline.failedTsv), '' when none failed
    val(theory_failed)   // the points whose RS theory failed, as TSV (KhgpsPipeline.theoryFailedTsv), '' when none
    val(points)
    val(params_json)
    val(code)   // fingerprint of the stage's code: part of the cache key

    output:
    path 'report.html' , emit: html
    path 'summary.csv' , emit: summary
    path 'analysis.json', emit: analysis
    path 'plots/*'     , emit: plots, optional: true   // none when every point failed
    path 'versions.yml', emit: versions

    script:
    """
    export KHGPS_JAVA_OPTS="${KhgpsParams.javaOpts(task.memory.toBytes(), 2)}"
    cat > params.json <<'KHGPS_PARAMS_EOF'
${params_json}
KHGPS_PARAMS_EOF
    ${failed ? "cat > failed_points.tsv <<'KHGPS_FAILED_EOF'\n${failed}KHGPS_FAILED_EOF" : ''}
    ${theory_failed ? "cat > theory_failed.tsv <<'KHGPS_FAILED_EOF'\n${theory_failed}KHGPS_FAILED_EOF" : ''}
    khgps report --out report.html --summary summary.csv --analysis analysis.json --plots plots --params params.json \\
        ${failed ? '--failed failed_points.tsv' : ''} ${theory_failed ? '--theory-failed theory_failed.tsv' : ''} \\
        ${task.ext.args ?: ''} ${dos_and_fit}
    ${KhgpsProvenance.versionsScript(task.process, workflow.nextflow.version)}
    """

    stub:
    """
    touch report.html summary.csv analysis.json versions.yml
    mkdir plots
    touch plots/dos_all.png
    """
}
