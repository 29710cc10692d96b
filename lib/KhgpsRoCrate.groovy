import groovy.json.JsonOutput
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.StandardCopyOption

/**
 * results/ro-crate-metadata.json: the results folder as a Workflow Run RO-Crate (RO-Crate 1.1 with
 * the Workflow Run Crate profiles 0.5, the layout nf-prov writes and WorkflowHub and Zenodo read),
 * so a study can be deposited as it is. It holds the workflow (its sources, copied to workflow/),
 * the run as a CreateAction with its parameters, every published file with its SHA-256 and size,
 * and the software that ran. study.json stays the project's own record; both come from one map.
 */
class KhgpsRoCrate {

    /** What of the project is copied to <outdir>/workflow/: enough to read and rerun the study. */
    static final List<String> WORKFLOW_SOURCES = ['main.nf', 'nextflow.config', 'nextflow_schema.json', 'workflows',
                                                  'modules', 'conf', 'lib', 'bin', 'README.md', 'LICENSE', 'CITATIONS.md'].asImmutable()

    static final String RO_CRATE = 'https://w3id.org/ro/crate/1.1'
    static final List<String> PROFILES = ['https://w3id.org/ro/wfrun/process/0.5', 'https://w3id.org/ro/wfrun/workflow/0.5',
                                          'https://w3id.org/workflowhub/workflow-ro-crate/1.0'].asImmutable()
    static final String NEXTFLOW = 'https://w3id.org/workflowhub/workflow-ro-crate#nextflow'
    static final String PAPER = 'https://doi.org/10.21468/SciPostPhysCore.4.2.008'

    /** Copies the workflow's sources to workflow/ under outdir and registers them in {@code published}. */
    static void copySources(Path projectDir, Path outdir, Map<String, Path> published) {
        WORKFLOW_SOURCES.each { name ->
            def source = projectDir.resolve(name)
            if (!Files.exists(source)) {
                return
            }
            def files = Files.isDirectory(source) ? Files.walk(source).withCloseable { s -> s.filter { Files.isRegularFile(it) }.toList() } : [source]
            files.each { Path f ->
                def rel = "workflow/${projectDir.relativize(f)}".toString()
                def target = outdir.resolve(rel)
                Files.createDirectories(target.parent)
                def tmp = target.resolveSibling(".${target.fileName}.tmp")
                Files.copy(f, tmp, StandardCopyOption.REPLACE_EXISTING)
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE)
                published[rel] = f
            }
        }
    }

    static String format(String path) {
        def ext = path.tokenize('.').last()
        return [h5: 'application/x-hdf5', csv: 'text/csv', json: 'application/json', html: 'text/html', png: 'image/png',
                svg: 'image/svg+xml', pdf: 'application/pdf', md: 'text/markdown'][ext] ?: 'text/plain'
    }

    static String type(Object value) {
        value instanceof Boolean ? 'Boolean' : value instanceof Integer || value instanceof Long ? 'Integer'
                : value instanceof Number ? 'Float' : 'Text'
    }

    /**
     * Writes the crate from the study (study.json's map) and the sizes of the published files
     * (their task outputs: Nextflow may still be copying when the run completes).
     */
    static void write(Map study, Path outdir, Map<String, Long> sizes, String studyJsonSha256) {
        def id = { String s -> [('@id'): s] }
        def files = new TreeMap<String, String>(study.files as Map) + ['study.json': studyJsonSha256]
        def sources = files.keySet().findAll { it.startsWith('workflow/') }
        def results = files.keySet() - sources
        def params = new TreeMap(study.params as Map)
        def runId = "#run-${study.session_id}".toString()
        def graph = []
        graph << [('@id'): 'ro-crate-metadata.json', ('@type'): 'CreativeWork', conformsTo: id(RO_CRATE), about: id('./')]
        graph << [('@id'): './', ('@type'): 'Dataset', name: params.title ?: 'KHGPS study',
                  description: "Results of khgps-nf ${study.version} (run ${study.run_name}): numerical study of the KHGPS mean-field model " +
                          "of quasilocalized excitations in glasses at ${(study.points as List).size()} study points.",
                  datePublished: study.complete, license: id('https://spdx.org/licenses/MIT'),
                  conformsTo: PROFILES.collect { id(it) }, mainEntity: id('workflow/main.nf'), mentions: [id(runId)],
                  citation: [id(PAPER)], hasPart: files.keySet().collect { id(it) }]
        graph << [('@id'): 'workflow/main.nf', ('@type'): ['File', 'SoftwareSourceCode', 'ComputationalWorkflow'],
                  name: study.pipeline, version: study.version, identifier: study.git_commit,
                  programmingLanguage: id(NEXTFLOW), hasPart: (sources - 'workflow/main.nf').collect { id(it) },
                  input: params.keySet().collect { id("#param-${it}".toString()) },
                  sha256: files['workflow/main.nf'], encodingFormat: 'text/plain']
        graph << [('@id'): NEXTFLOW, ('@type'): 'ComputerLanguage', name: 'Nextflow', identifier: id('https://www.nextflow.io/'),
                  url: id('https://www.nextflow.io/'), version: study.nextflow_version]
        params.each { k, v ->
            graph << [('@id'): "#param-${k}".toString(), ('@type'): 'FormalParameter', name: k, additionalType: type(v),
                      conformsTo: id('https://bioschemas.org/profiles/FormalParameter/1.0-RELEASE')]
            graph << [('@id'): "#value-${k}".toString(), ('@type'): 'PropertyValue', name: k,
                      value: v == null ? '' : v.toString(), exampleOfWork: id("#param-${k}".toString())]
        }
        graph << [('@id'): runId, ('@type'): 'CreateAction', name: "khgps-nf run ${study.run_name}".toString(),
                  description: study.command_line, instrument: id('workflow/main.nf'), startTime: study.start,
                  endTime: study.complete, actionStatus: id('http://schema.org/CompletedActionStatus'),
                  object: params.keySet().collect { id("#value-${it}".toString()) }, result: results.collect { id(it) },
                  instrumentSoftware: [id('#khgps-tools'), id(NEXTFLOW)]]
        graph << [('@id'): '#khgps-tools', ('@type'): 'SoftwareApplication', name: 'khgps (the stage tools, bin/khgps)',
                  version: study.version, identifier: study.git_commit]
        files.each { rel, sha ->
            if (rel != 'workflow/main.nf') {
                graph << [('@id'): rel, ('@type'): 'File', sha256: sha, contentSize: sizes[rel]?.toString(), encodingFormat: format(rel)]
            }
        }
        PROFILES.each { p ->
            graph << [('@id'): p, ('@type'): 'CreativeWork', name: p.contains('process') ? 'Process Run Crate'
                    : p.contains('wfrun/workflow') ? 'Workflow Run Crate' : 'Workflow RO-Crate', version: p.tokenize('/').last()]
        }
        graph << [('@id'): 'https://spdx.org/licenses/MIT', ('@type'): 'CreativeWork', name: 'MIT License']
        graph << [('@id'): PAPER, ('@type'): 'ScholarlyArticle', name: 'Mean-field model of interacting quasilocalized excitations in glasses',
                  description: 'C. Rainone, P. Urbani, F. Zamponi, E. Lerner, E. Bouchbinder, SciPost Phys. Core 4, 008 (2021)']
        def crate = [('@context'): "${RO_CRATE}/context".toString(), ('@graph'): graph]
        def tmp = outdir.resolve('.ro-crate-metadata.json.tmp')
        tmp.text = JsonOutput.prettyPrint(JsonOutput.toJson(crate)) + '\n'
        Files.move(tmp, outdir.resolve('ro-crate-metadata.json'), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE)
    }
}
