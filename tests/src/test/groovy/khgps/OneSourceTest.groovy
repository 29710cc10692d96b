package khgps

import org.khgps.core.Lanes
import org.khgps.core.Minimizer
import org.khgps.core.Protocol
import org.khgps.core.StudyPoint
import org.khgps.core.SymmetricMatrix
import spock.lang.Shared
import spock.lang.Specification

/**
 * Facts that must be written twice because their readers cannot share code: lib/ and the config
 * files are loaded by Nextflow before the tools' jar is built, and a config file cannot call lib/
 * (so the matrix tasks' memory and time are asked of lib/ by their modules instead). Each copy is
 * compared with its home here, so the copies cannot drift apart.
 */
class OneSourceTest extends Specification {

    @Shared Map schema = KhgpsSchema.load(Nextflow.ROOT.toFile())
    @Shared Map properties = KhgpsSchema.parameters(schema)

    def 'should bound N by the tools\' matrix buffer in lib/, the schema and its help'() {
        expect: 'home: org.khgps.core.SymmetricMatrix.MAX_N (the largest N x N doubles in one direct buffer)'
        8L * SymmetricMatrix.MAX_N * SymmetricMatrix.MAX_N <= Integer.MAX_VALUE
        8L * (SymmetricMatrix.MAX_N + 1) * (SymmetricMatrix.MAX_N + 1) > Integer.MAX_VALUE
        KhgpsParams.MAX_N == SymmetricMatrix.MAX_N
        properties.N.maximum == SymmetricMatrix.MAX_N
        properties.N.items.maximum == SymmetricMatrix.MAX_N
        properties.N.help_text.contains("At most ${SymmetricMatrix.MAX_N}")
    }

    def 'should run realizations side by side up to the N the tools do, in lib/ and in the docs'() {
        expect: 'home: org.khgps.core.Lanes.PARALLEL_UP_TO_N'
        KhgpsResources.PARALLEL_UP_TO_N == Lanes.PARALLEL_UP_TO_N
        KhgpsResources.lanes(Lanes.PARALLEL_UP_TO_N, 2) == 2
        KhgpsResources.lanes(Lanes.PARALLEL_UP_TO_N + 1, 2) == 1
        Nextflow.ROOT.resolve('docs/usage.md').text.contains("Up to N = ${Lanes.PARALLEL_UP_TO_N} a task computes one realization per cpu")
        Nextflow.ROOT.resolve('docs/numerics.md').text.contains("Up to N = ${Lanes.PARALLEL_UP_TO_N} it computes one")
    }

    def 'should say in docs/usage.md what lib/ and the schema do: the task memory and the fit\'s least modes'() {
        given:
        String usage = Nextflow.ROOT.resolve('docs/usage.md').text
        long mb = 1L << 20

        expect: 'the memory formula of the Resources section, at one and two lanes'
        usage.contains('(8 N^2 x 1.25 x lanes + 768 MB)')
        [1000, 4000].every { n -> KhgpsResources.taskMemoryBytes(n, 1) == (long) (8L * n * n * 1.25 + 768 * mb) }
        KhgpsResources.taskMemoryBytes(4000, 2) == (long) (8L * 4000 * 4000 * 1.25 * 2 + 768 * mb)

        and: 'min_modes + 1, with the schema\'s default'
        usage.contains("min_modes + 1 modes (the fit's least, ${(properties.min_modes.default as int) + 1} by default")
    }

    def 'should size the matrix tasks by lib/ alone: #STAGE asks KhgpsResources, conf/base.config has no copy'() {
        given: 'home: KhgpsResources.taskMemoryBytes and taskSeconds (the plan, --max_memory check and JVM flags use them)'
        String module = Nextflow.ROOT.resolve("modules/local/${STAGE}/main.nf").text
        def slurper = new ConfigSlurper()
        slurper.binding = [params: [max_memory: '8.GB', max_cpus: 2]]
        Map matrix = slurper.parse(Nextflow.ROOT.resolve('conf/base.config').text).process.process_matrix as Map

        expect:
        module.contains("label 'process_matrix'")
        module =~ /(?m)^\s*memory \{ KhgpsResources\.taskMemoryBytes\(meta\.N as int, task\.cpus\) \* task\.attempt }/
        module =~ /(?m)^\s*time \s*\{ .*KhgpsResources\.taskSeconds\(meta\.N as int, meta\.count as long(, meta\.protocol as String)?\).* \* task\.attempt\) }/
        // a memory or time here would win over the modules' and be a second copy of the model
        matrix.keySet() == ['cpus'] as Set

        where:
        STAGE << ['minimize', 'diagonalize']
    }

    def 'should keep #STAGE\'s script text calling KhgpsParams.javaOpts: a script\'s text is in every task\'s cache key'() {
        given: 'home of the model: KhgpsResources.javaOpts; renaming the call in a script recomputes every cached task on -resume'
        String module = Nextflow.ROOT.resolve("modules/local/${STAGE}/main.nf").text
        String script = module.substring(module.indexOf('script:'), module.indexOf('stub:'))

        expect:
        script.contains('export KHGPS_JAVA_OPTS="${KhgpsParams.javaOpts(task.memory.toBytes(), ')
        !script.contains('KhgpsResources')

        where:
        STAGE << ['sample', 'minimize', 'diagonalize', 'histogram', 'fit', 'theory', 'report']
    }

    def 'should accept --#PARAM #VALUE in lib/ and in the tools exactly when nextflow_schema.json does'() {
        given: 'home: nextflow_schema.json (the help, docs/usage.md and the validation read it); J = 0 lets h = 0 through'
        Map params = [N: 256, h: 0.01, J: 0.0, kappa0: 1.0, realizations: 8, chunk_size: 4, seed: 42] + [(PARAM): VALUE]
        boolean bySchema = KhgpsSchema.check(properties[PARAM] as Map, VALUE) == null
        boolean byLib = accepts { KhgpsParams.points(params) }
        boolean byTools = PARAM in ['N', 'h', 'J', 'kappa0']
                ? accepts { new StudyPoint(params.N as int, params.h as double, params.J as double, params.kappa0 as double) }
                : bySchema

        expect:
        byLib == bySchema
        byTools == bySchema || (PARAM == 'N' && VALUE > SymmetricMatrix.MAX_N)  // the matrix, not the point, bounds N

        where:
        PARAM          | VALUE
        'N'            | 1
        'N'            | 2
        'N'            | SymmetricMatrix.MAX_N
        'N'            | SymmetricMatrix.MAX_N + 1
        'h'            | -0.001
        'h'            | 0.0
        'J'            | -0.001
        'J'            | 0.0
        'kappa0'       | 0.0
        'kappa0'       | 0.001
        'realizations' | 0
        'realizations' | 1
        'chunk_size'   | -1
        'chunk_size'   | 0
    }

    static boolean accepts(Closure c) {
        try {
            c.call()
            return true
        } catch (IllegalArgumentException e) {
            return false
        }
    }

    def 'should bound h, J and kappa0 as the tools do, in lib/ and the schema'() {
        expect: 'home: org.khgps.core.StudyPoint.MAX_SCALE'
        KhgpsParams.MAX_SCALE == StudyPoint.MAX_SCALE
        ['h', 'J', 'kappa0'].every { properties[it].maximum == StudyPoint.MAX_SCALE && properties[it].items.maximum == StudyPoint.MAX_SCALE }
    }

    def 'should refuse the tolerances the minimizer cannot meet as it does: gradient floor at N=#N h=#H J=#J kappa0=#K'() {
        expect: 'home: org.khgps.core.Minimizer.gradientFloor'
        KhgpsParams.gradientFloor([N: N, h: H, J: J, kappa0: K]) == Minimizer.gradientFloor(new StudyPoint(N, H, J, K))

        where:
        N     | H    | J     | K
        256   | 0.01 | 0.2   | 1.0
        16000 | 0.01 | 0.5   | 1.0
        1000  | 1e6  | 0     | 1e-3
        8000  | 0.0  | 1e6   | 1e6
    }

    def 'should know the protocols the tools know, in lib/ and the schema'() {
        expect: 'home: org.khgps.core.Protocol'
        KhgpsParams.PROTOCOLS == Protocol.values()*.id()
        Protocol.values()*.id().every { properties.protocol.pattern.contains(it) }
    }
}
