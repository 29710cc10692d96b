package khgps

import groovy.json.JsonSlurper
import java.nio.file.Path
import java.security.MessageDigest
import spock.lang.Shared
import spock.lang.Specification

/**
 * results/ro-crate-metadata.json of the test run, checked against the rules of RO-Crate 1.1 and the
 * Workflow Run Crate profiles (https://www.researchobject.org/workflow-run-crate/profiles/): the
 * metadata descriptor, a root Dataset with name, description, datePublished and license, a main
 * ComputationalWorkflow in the crate, the run as a CreateAction whose parameters are PropertyValues
 * of the workflow's FormalParameters, every file present with its SHA-256, no dangling reference.
 */
class RoCrateTest extends Specification {

    @Shared Path results = Nextflow.reference().resolve('results')
    @Shared Map crate = new JsonSlurper().parse(results.resolve('ro-crate-metadata.json').toFile()) as Map
    @Shared Map<String, Map> entities = (crate['@graph'] as List<Map>).collectEntries { [(it['@id']): it] }

    static List types(Map e) {
        e['@type'] instanceof List ? e['@type'] as List : [e['@type']]
    }

    static List ids(Object ref) {
        (ref instanceof List ? ref : [ref]).collect { (it as Map)['@id'] }
    }

    static String sha256(Path f) {
        MessageDigest.getInstance('SHA-256').digest(f.bytes).encodeHex().toString()
    }

    def 'the metadata descriptor and the root data entity'() {
        given:
        def descriptor = entities['ro-crate-metadata.json']
        def root = entities['./']

        expect:
        crate['@context'] == 'https://w3id.org/ro/crate/1.1/context'
        entities.size() == (crate['@graph'] as List).size()   // every @id once
        ids(descriptor.conformsTo) == ['https://w3id.org/ro/crate/1.1']
        ids(descriptor.about) == ['./']
        types(root) == ['Dataset']
        root.name == 'KHGPS test study'
        root.description && root.datePublished ==~ /\d{4}-\d\d-\d\dT.*/
        ids(root.license) == ['https://spdx.org/licenses/MIT']
        ids(root.conformsTo).containsAll(['https://w3id.org/ro/wfrun/process/0.5', 'https://w3id.org/ro/wfrun/workflow/0.5'])
    }

    def 'the workflow is in the crate and the run is a CreateAction of it with its parameters'() {
        given:
        def root = entities['./']
        def main = entities[ids(root.mainEntity)[0]]
        def run = entities[ids(root.mentions)[0]]
        def values = ids(run.object).collect { entities[it] }

        expect:
        types(main).containsAll(['File', 'SoftwareSourceCode', 'ComputationalWorkflow'])
        results.resolve(main['@id'] as String).text == Nextflow.ROOT.resolve('main.nf').text
        entities[ids(main.programmingLanguage)[0]].name == 'Nextflow'
        types(run) == ['CreateAction']
        ids(run.instrument) == [main['@id']]
        run.startTime && run.endTime
        values*.name.containsAll(['N', 'h', 'J', 'kappa0', 'seed', 'realizations'])
        values.find { it.name == 'seed' }.value == '42'
        values.every { v -> ids(main.input).contains(ids(v.exampleOfWork)[0]) && types(entities[ids(v.exampleOfWork)[0]]) == ['FormalParameter'] }
        ids(run.result).containsAll(['report.html', 'summary.csv']) && ids(run.result).any { it.endsWith('/fit.h5') }
    }

    def 'every file of the crate is there with its checksum, and every published file is in the crate'() {
        given:
        def parts = ids(entities['./'].hasPart)
        def study = new JsonSlurper().parse(results.resolve('study.json').toFile()) as Map

        expect:
        parts.containsAll((study.files as Map).keySet())
        parts.contains('study.json')
        parts.every { p -> types(entities[p]).contains('File') && entities[p].sha256 == sha256(results.resolve(p)) }
    }

    def 'no reference is left dangling'() {
        given:
        def local = []
        def collect
        collect = { Object node ->
            if (node instanceof Map) {
                if (node.size() == 1 && node['@id']) {
                    local << node['@id']
                }
                node.values().each { collect(it) }
            } else if (node instanceof List) {
                node.each { collect(it) }
            }
        }
        (crate['@graph'] as List).each { e -> (e as Map).findAll { k, v -> k != '@id' }.values().each { collect(it) } }
        def dangling = local.findAll { !(it as String).startsWith('http') && !entities.containsKey(it) }

        expect:
        local.size() > 50
        dangling.isEmpty()
    }
}
