package khgps

import java.nio.file.FileSystems
import java.nio.file.Files
import java.nio.file.Path
import spock.lang.Shared
import spock.lang.Specification

/**
 * lib/KhgpsFingerprint.groovy on the built jar: a stage's cache key follows the code it runs and
 * nothing else. Each case changes one entry of a copy of the jar (the copy need not run) and
 * compares every stage's fingerprint with the built jar's.
 */
class FingerprintTest extends Specification {

    @Shared Path built = Nextflow.ROOT.resolve('java-tools/khgps-cli/target/khgps.jar')
    @Shared Map<String, String> before = KhgpsFingerprint.stages(built)
    @Shared List<String> computing = KhgpsFingerprint.STAGE_CLASSES.keySet().findAll { it != 'report' } as List

    /** A copy of the built jar with the last byte of {@code entry} changed. */
    static Path changed(String entry) {
        def copy = Nextflow.tempDir('fingerprint').resolve('khgps.jar')
        Files.copy(Nextflow.ROOT.resolve('java-tools/khgps-cli/target/khgps.jar'), copy)
        FileSystems.newFileSystem(copy, [:]).withCloseable { jar ->
            def path = jar.getPath(entry)
            byte[] bytes = Files.readAllBytes(path)
            bytes[bytes.length - 1] ^= 1
            Files.write(path, bytes)
        }
        return copy
    }

    def 'should change the fingerprints of #STAGES alone when #WHAT changes'() {
        when:
        def after = KhgpsFingerprint.stages(changed(ENTRY))

        then:
        before.keySet().findAll { before[it] != after[it] } as Set == STAGES as Set

        where:
        WHAT                         | ENTRY                                                  || STAGES
        'a class of the report'      | 'org/khgps/report/Page.class'                          || ['report']
        'the version file'           | 'khgps-version.properties'                             || ['report']
        'plotly.js'                  | 'vendor/plotly-basic-2.35.3.min.js'                    || ['report']
        'a class of JFreeChart'      | 'org/jfree/chart/JFreeChart.class'                     || ['report']
        'a class of Batik'           | 'org/apache/batik/svggen/SVGGraphics2D.class'          || ['report']
        // the minima's record holds the minimize function, so the stages that read minima reach it
        'the minimizer'              | 'org/khgps/core/Minimizer.class'                       || ['minimize', 'diagonalize', 'histogram', 'fit', 'theory', 'report']
        'the fit'                    | 'org/khgps/core/stage/PointFit.class'                  || ['fit', 'report']
        'the cavity theory'          | 'org/khgps/core/CavityTheory.class'                    || ['theory', 'report']
        'a stage command'            | 'org/khgps/cli/SampleCommand.class'                    || ['sample', 'report']
        'the theory file'            | 'org/khgps/io/TheoryFile.class'                        || ['theory', 'report']
        'a class of jhdf'            | 'io/jhdf/HdfFile.class'                                || ['sample', 'minimize', 'diagonalize', 'histogram', 'fit', 'theory', 'report']
        'the native OpenBLAS'        | 'org/bytedeco/openblas/linux-x86_64/libopenblas.so.0'  || ['sample', 'minimize', 'diagonalize', 'histogram', 'fit', 'theory', 'report']
    }

    def 'should give the same fingerprints for a jar with the same entries'() {
        given: 'the built jar copied entry by entry into a new zip'
        def copy = Nextflow.tempDir('fingerprint').resolve('khgps.jar')
        ProvenanceTest.rewriteJar(Files.copy(built, copy), null, null)

        expect:
        KhgpsFingerprint.stages(copy) == before
        before.keySet() == KhgpsFingerprint.STAGE_CLASSES.keySet()
        before.values().every { it ==~ /[0-9a-f]{16}/ }
        before.values().toSet().size() == before.size()
    }

    def 'should keep the chart code out of what the #STAGE stage runs'() {
        when:
        def reached = KhgpsFingerprint.reach(built, STAGE)

        then: 'its own command and the stage functions it calls, no report or chart class'
        reached.contains(KhgpsFingerprint.STAGE_CLASSES[STAGE])
        reached.contains('org/khgps/cli/Main')
        reached.contains('io/jhdf/HdfFile')
        reached.contains('org/slf4j/nop/NOPServiceProvider') // a provider listed in META-INF/services
        !reached.any { it.startsWith('org/khgps/report/') || it.startsWith('org/jfree/') || it.startsWith('org/apache/batik/') }
        !reached.any { it ==~ KhgpsFingerprint.COMMAND && it != KhgpsFingerprint.STAGE_CLASSES[STAGE] }

        where:
        STAGE << computing
    }

    def 'should follow the report command into the report and its chart libraries'() {
        expect:
        with(KhgpsFingerprint.reach(built, 'report')) {
            contains('org/khgps/report/Report')
            contains('org/jfree/chart/JFreeChart')
            contains('org/apache/batik/svggen/SVGGraphics2D')
        }
    }
}
