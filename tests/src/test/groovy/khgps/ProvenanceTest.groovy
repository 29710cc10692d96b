package khgps

import java.nio.file.Files
import java.nio.file.Path
import java.util.zip.ZipEntry
import java.util.zip.ZipFile
import java.util.zip.ZipOutputStream
import spock.lang.Shared
import spock.lang.IgnoreIf
import spock.lang.Specification
import spock.lang.Stepwise

/**
 * Every number traceable: study.json, khgps-provenance show/verify/list, bit-identical reruns,
 * and a cache that follows each stage's code.
 */
@Stepwise
class ProvenanceTest extends Specification {

    @Shared Path launch = Nextflow.reference()
    @Shared Path results = launch.resolve('results')

    static Nextflow.Result tool(Path dir, List<String> args) {
        def pb = new ProcessBuilder([Nextflow.ROOT.resolve('bin/khgps-provenance').toString()] + args)
                .directory(dir.toFile()).redirectErrorStream(true)
        def p = pb.start()
        def out = p.inputStream.getText('UTF-8')
        return new Nextflow.Result(exitCode: p.waitFor(), output: out)
    }

    def 'should record every published file in study.json'() {
        when:
        def study = new groovy.json.JsonSlurper().parse(results.resolve('study.json').toFile())

        then:
        study.nextflow_version == '24.10.0'
        study.session_id && study.run_name && study.start && study.complete
        study.git_commit
        study.points.size() == 2
        study.points*.id.sort() == results.resolve('points').toFile().list().sort()
        study.params.J == '0.05,0.2'
        // 2 points x (2 minima + 2 spectra + dos.h5 + fit.h5 + fit.json + theory.h5) + report, summary, analysis,
        // 15 plots as PNG and SVG (no weak_test: no weak-regime point has an A_g)
        study.files.keySet().findAll { !it.startsWith('workflow/') }.size() == 49
        study.files.keySet().count { it.startsWith('plots/') && it.endsWith('.svg') } == 15
        // and the workflow's sources that made them (KhgpsRoCrate.WORKFLOW_SOURCES)
        study.files.keySet().containsAll(['workflow/main.nf', 'workflow/nextflow.config', 'workflow/workflows/khgps.nf'])
        study.files.keySet().every { Files.isRegularFile(results.resolve(it)) }
    }

    def 'should verify the results folder, also after copying it elsewhere'() {
        given:
        def copy = Nextflow.tempDir('copied').resolve('moved-results')
        ['cp', '-r', results.toString(), copy.toString()].execute().waitFor()

        expect:
        with(tool(launch, ['verify', results.toString()])) {
            exitCode == 0
            output.contains("${new groovy.json.JsonSlurper().parse(results.resolve('study.json').toFile()).files.size()} files checked, all match")
        }
        with(tool(launch, ['verify', copy.toString()])) {
            exitCode == 0
            output.contains('all match')
        }
    }

    def 'should name the file whose eigenvalue was changed by hand'() {
        given:
        def copy = Nextflow.tempDir('tampered').resolve('results')
        ['cp', '-r', results.toString(), copy.toString()].execute().waitFor()
        def id = results.resolve('points').toFile().list().sort()[0]
        def spectra = "points/${id}/spectra/spectra_000004-000007.h5"
        Nextflow.python(copy, """
import h5py
with h5py.File('${spectra}', 'r+') as f:
    f['eigenvalues'][2, 10] = f['eigenvalues'][2, 10] * (1 + 1e-9)
""")

        when:
        def result = tool(launch, ['verify', copy.toString()])

        then: 'verify exits 7, its own code (1 is an internal error)'
        result.exitCode == 7
        result.output.contains("MODIFIED ${spectra}")
        result.output.readLines().count { it.startsWith('MODIFIED') } == 1
    }

    def 'should trace an A_g back to the parameters and seeds'() {
        given:
        def id = results.resolve('points').toFile().list().sort()[0]

        when:
        def result = tool(launch, ['show', results.resolve("points/${id}/fit.h5").toString()])

        then:
        result.exitCode == 0
        ['khgps fit', 'khgps histogram', 'khgps diagonalize', 'khgps minimize', 'khgps sample --N 256'].every {
            result.output.contains(it)
        }
        result.output.contains('seed 42')
        !result.output.contains('NOT FOUND')
    }

    def 'should list study points by parameter'() {
        when:
        def result = tool(launch, ['list', results.toString(), '--where', 'J=0.2'])
        def rows = result.output.readLines().drop(1)

        then:
        result.exitCode == 0
        rows.size() == 1
        rows[0].split(',')[3] == '0.2'
    }

    @IgnoreIf({ !Nextflow.longTests() })  // on a laptop ReliabilityTest's killed run, from scratch to the kill, gives the reference's spectra and summary
    def 'should give bit-identical datasets when the study is run again from scratch'() {
        given:
        def again = Nextflow.tempDir('again')

        when:
        def run = Nextflow.run(again, ['-profile', 'test'])
        def out = Nextflow.python(launch, """
import h5py, numpy as np, glob, os
a_root, b_root = '${results}', '${again.resolve('results')}'
files = sorted(os.path.relpath(f, a_root) for f in glob.glob(a_root + '/points/**/*.h5', recursive=True))
bad = []
def same(x, y):  # NaN (a point with no fit window) equals NaN; strings compare as they are
    try:
        return np.array_equal(x, y, equal_nan=True)
    except TypeError:
        return np.array_equal(x, y)
for rel in files:
    a, b = h5py.File(os.path.join(a_root, rel), 'r'), h5py.File(os.path.join(b_root, rel), 'r')
    for name in a:
        if isinstance(a[name], h5py.Dataset) and not same(a[name][()], b[name][()]):
            bad.append(rel + ':' + name)
    for k in a.attrs:
        # the manifest's hash covers the /provenance group too (when and where the file was made)
        if k != 'sha256_manifest' and not same(a.attrs[k], b.attrs[k]):
            bad.append(rel + '@' + k)
print('files', len(files), 'differences', bad)
""")

        then:
        run.exitCode == 0
        // 2 points x (2 minima + 2 spectra + dos + fit + theory)
        out.contains('files 14 differences []')
    }

    @IgnoreIf({ !Nextflow.longTests() })
    def 'should rerun only the changed stage and what depends on it'() {
        given: 'a copy of the pipeline with its own jar'
        def project = Nextflow.tempDir('project')
        ['main.nf', 'nextflow.config', 'nextflow_schema.json', 'nextflow', 'conf', 'modules', 'workflows', 'lib', 'bin'].each {
            ['cp', '-r', Nextflow.ROOT.resolve(it).toString(), project.toString()].execute().waitFor()
        }
        def jar = project.resolve('java-tools/khgps-cli/target/khgps.jar')
        Files.createDirectories(jar.parent)
        Files.copy(Nextflow.ROOT.resolve('java-tools/khgps-cli/target/khgps.jar'), jar)
        def env = [KHGPS_LAUNCHER_CACHE: Nextflow.ROOT.resolve('.nextflow-launcher').toString()]
        def launchDir = Nextflow.tempDir('project-run')
        def run = { List<String> extra -> runProject(project, launchDir, extra, env) }

        when: 'it runs, then the jar is rebuilt with the same content'
        def first = run(['-profile', 'test'])
        rewriteJar(jar, null, null)
        def rebuilt = run(['-profile', 'test', '-resume'])

        then:
        first.exitCode == 0
        rebuilt.exitCode == 0
        rebuilt.count('Submitted process') == 0

        when: "the fit stage's code changes (PointFit, which FIT and the REPORT reach)"
        rewriteJar(jar, 'org/khgps/core/stage/PointFit.class', ['fit: point %s'.bytes, 'fit: Point %s'.bytes])
        def changed = run(['-profile', 'test', '-resume'])

        then: 'only the fits and the report that reads them run again'
        changed.exitCode == 0
        submitted(changed) == [FIT: 2, REPORT: 1]
        changed.count('Cached process') == 16

        when: 'the report changes (a class of khgps-report) and so does the version (khgps-version.properties)'
        rewriteJar(jar, 'org/khgps/report/Page.class', ['report tool'.bytes, 'Report tool'.bytes])
        rewriteJar(jar, 'khgps-version.properties', ['version='.bytes, 'version=9'.bytes])
        def report = run(['-profile', 'test', '-resume'])

        then: 'the report alone runs again: no sample, minimize, diagonalize, histogram, fit or theory'
        report.exitCode == 0
        submitted(report) == [REPORT: 1]
        report.count('Cached process') == 18
        launchDir.resolve('results/report.html').text.contains('Report tool</th><td style="text-align:left">khgps report 9')
    }

    /** Process (FIT, REPORT, ...) -> how many of its tasks a run submitted. */
    static Map<String, Integer> submitted(Nextflow.Result run) {
        run.output.readLines().findResults { (it =~ /Submitted process > KHGPS:([A-Z]+)/).with { m -> m.find() ? m.group(1) : null } }
            .countBy { it }
    }

    static Nextflow.Result runProject(Path project, Path launchDir, List<String> args, Map env) {
        def command = [project.resolve('nextflow').toString(), 'run', project.toString(), '-ansi-log', 'false'] + args
        def pb = new ProcessBuilder(command).directory(launchDir.toFile()).redirectErrorStream(true)
        pb.environment().put('KHGPS_SKIP_BUILD', '1')
        pb.environment().putAll(env)
        def p = pb.start()
        def out = p.inputStream.getText('UTF-8')
        return new Nextflow.Result(exitCode: p.waitFor(), output: out)
    }

    /** Rewrites a jar (new file, new mtime), replacing bytes in one entry if asked. */
    static void rewriteJar(Path jar, String entry, List<byte[]> replace) {
        def tmp = jar.resolveSibling('rewritten.jar')
        new ZipFile(jar.toFile()).withCloseable { zip ->
            new ZipOutputStream(Files.newOutputStream(tmp)).withCloseable { out ->
                zip.entries().each { ZipEntry e ->
                    byte[] bytes = zip.getInputStream(e).bytes
                    if (e.name == entry) {
                        def text = new String(bytes, 'ISO-8859-1')
                        def from = new String(replace[0], 'ISO-8859-1')
                        assert text.contains(from)
                        bytes = text.replace(from, new String(replace[1], 'ISO-8859-1')).getBytes('ISO-8859-1')
                    }
                    def copy = new ZipEntry(e.name)
                    copy.time = e.time
                    out.putNextEntry(copy)
                    out.write(bytes)
                    out.closeEntry()
                }
            }
        }
        Files.move(tmp, jar, java.nio.file.StandardCopyOption.REPLACE_EXISTING)
    }
}
