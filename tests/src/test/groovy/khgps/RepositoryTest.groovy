package khgps

import spock.lang.Specification

/**
 * What the repository ships beside the code: one version, the licence, citations, a clean build
 * log; and the house of the Java tools, no arrow upward.
 */
class RepositoryTest extends Specification {

    static String read(String path) {
        Nextflow.ROOT.resolve(path).text
    }

    def 'pom.xml, the Nextflow manifest and the changelog name one version'() {
        given:
        def pom = (read('pom.xml') =~ /<version>([^<]+)<\/version>/)[0][1]
        def manifest = (read('nextflow.config') =~ /(?m)^\s*version\s*=\s*'([^']+)'/)[0][1]
        def changelog = (read('CHANGELOG.md') =~ /(?m)^## (\S+)/)[0][1]

        expect:
        manifest == pom
        changelog == pom
    }

    def 'the licence, and the paper cited with the DOI the manifest gives'() {
        given:
        def doi = (read('nextflow.config') =~ /(?m)^\s*doi\s*=\s*'([^']+)'/)[0][1]

        expect:
        read('LICENSE').startsWith('MIT License')
        read('CITATIONS.md').contains("doi.org/${doi}")
        read('tower.yml').contains('report.html')
    }

    def 'a quiet Maven build prints no terminal escape codes'() {
        // ./nextflow and tests/container/build.sh build with `mvn -B -q`: Debian's Maven 3.8 used to
        // end that with ESC[0m on stdout and stderr unless .mvn/jvm.config sets jansi.noreset
        when:
        def p = new ProcessBuilder('mvn', '-B', '-q', '-o', '-f', Nextflow.ROOT.resolve('pom.xml').toString(),
                '-pl', 'java-tools/khgps-io', 'validate').redirectErrorStream(true).start()
        def out = p.inputStream.getText('UTF-8')

        then:
        p.waitFor() == 0
        !out.contains('\u001b')
    }

    def 'the Java modules depend downward only (core <- io <- report <- cli): #MODULE names none of #ABOVE'() {
        given: "the module's main sources"
        def sources = []
        Nextflow.ROOT.resolve("java-tools/${MODULE}/src/main/java").toFile().eachFileRecurse { if (it.name.endsWith('.java')) sources << it }
        def upward = sources.collectMany { f ->
            f.readLines().findAll { line -> ABOVE.any { pkg -> line.contains(pkg + '.') } }.collect { "${f.name}: ${it.trim()}" }
        }

        expect:
        sources.size() > 5
        upward == []
        ABOVE_MODULES.every { !Nextflow.ROOT.resolve("java-tools/${MODULE}/pom.xml").text.contains("<artifactId>${it}</artifactId>") }

        where:
        MODULE         | ABOVE                                                                         | ABOVE_MODULES
        'khgps-core'   | ['org.khgps.io', 'org.khgps.report', 'org.khgps.cli', 'org.jfree', 'org.apache.batik'] | ['khgps-io', 'khgps-report', 'khgps-cli']
        'khgps-io'     | ['org.khgps.report', 'org.khgps.cli', 'org.jfree', 'org.apache.batik']        | ['khgps-report', 'khgps-cli']
        'khgps-report' | ['org.khgps.cli']                                                            | ['khgps-cli']
        // the stage commands' module: charts only through khgps-report (FingerprintTest: no stage reaches them)
        'khgps-cli'    | ['org.jfree', 'org.apache.batik']                                            | []
    }
}
