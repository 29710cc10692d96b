package khgps

import spock.lang.Specification

/** What the repository ships beside the code: one version, the licence, citations, a clean build log. */
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
}
