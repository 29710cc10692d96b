package khgps

import java.nio.file.Files
import java.nio.file.Path
import spock.lang.IgnoreIf
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.Stepwise

/**
 * -profile test,podman with the image tests/container/build.sh builds from Debian packages (the
 * Dockerfile on a debootstrapped base). Gated by KHGPS_CONTAINER_TEST=1, which .ci/run sets on CI.
 */
@Stepwise
@IgnoreIf({ System.getenv('KHGPS_CONTAINER_TEST') != '1' })
class ContainerTest extends Specification {

    @Shared String image
    @Shared Path local = Nextflow.reference()
    @Shared Path inPodman = Nextflow.tempDir('podman')

    def setupSpec() {
        def build = new ProcessBuilder(Nextflow.ROOT.resolve('tests/container/build.sh').toString()).start()
        def err = new StringBuilder()
        build.consumeProcessErrorStream(err)
        def out = build.inputStream.getText('UTF-8')
        assert build.waitFor() == 0: "tests/container/build.sh failed:\n${err}"
        image = out.readLines().last().trim()
    }

    static String podman(String... args) {
        def p = new ProcessBuilder(['podman'] + (args as List)).redirectErrorStream(true).start()
        def out = p.inputStream.getText('UTF-8')
        assert p.waitFor() == 0: out
        return out
    }

    def 'the image runs the tools and names the commit they were built from'() {
        when:
        def version = podman('run', '--rm', image, 'khgps', '--version')
        def env = podman('run', '--rm', image, 'printenv', 'KHGPS_GIT_COMMIT')

        then:
        version.contains('khgps 0.1.0')
        env.trim() ==~ /[0-9a-f]{40}(-dirty)?|unknown/
        podman('run', '--rm', image, 'ps', '--version').contains('procps')
    }

    def 'should run every task in the image'() {
        when:
        def run = Nextflow.run(inPodman, ['-profile', 'test,podman', '--container', image])
        def scripts = Files.walk(inPodman.resolve('work')).findAll { it.fileName.toString() == '.command.run' }

        then:
        run.exitCode == 0
        scripts.size() == 19
        scripts.every { it.text.contains('podman run') && it.text.contains(image) }
    }

    def 'should give the results of a run without containers bit for bit'() {
        expect:
        inPodman.resolve('results/summary.csv').text == local.resolve('results/summary.csv').text
        Nextflow.compareDatasets(local.resolve('results'), inPodman.resolve('results')).contains('14 identical True')
        // native LAPACK inside, not the pure-Java fallback
        Nextflow.python(inPodman, '''
import glob, h5py
f = sorted(glob.glob('results/points/*/spectra/*.h5'))[0]
print(h5py.File(f, 'r')['provenance'].attrs['linalg'])
''').contains('OpenBLAS')
    }
}
