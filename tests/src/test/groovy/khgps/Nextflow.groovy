package khgps

import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.Paths

/** Runs the project's ./nextflow launcher as a user would, in a launch directory of its own. */
class Nextflow {

    static final Path ROOT = Paths.get(System.getProperty('khgps.root', '..')).toRealPath()

    /** Exit code and the merged console output of one run. */
    static class Result {
        int exitCode
        String output

        int count(String marker) {
            output.readLines().count { it.contains(marker) } as int
        }
    }

    /**
     * The long checks (the whole table of bad parameters, every sequence of runs into one results
     * folder) run when KHGPS_LONG_TESTS=1, which .ci/run sets on CI: a laptop's `mvn -B verify`
     * stays under 15 minutes with one example of each.
     */
    static boolean longTests() {
        return System.getenv('KHGPS_LONG_TESTS') == '1'
    }

    static Result run(Path launchDir, List<String> args, Map<String, String> env = [:]) {
        def command = [ROOT.resolve('nextflow').toString(), 'run', ROOT.toString(), '-ansi-log', 'false'] + args
        def pb = new ProcessBuilder(command).directory(launchDir.toFile()).redirectErrorStream(true)
        // Maven built the tools before these tests: ./nextflow must not start a second build
        pb.environment().put('KHGPS_SKIP_BUILD', '1')
        pb.environment().putAll(env)
        def process = pb.start()
        def output = process.inputStream.getText('UTF-8')
        return new Result(exitCode: process.waitFor(), output: output)
    }

    private static Path referenceDir
    private static Result referenceResult

    /**
     * One uninterrupted `-profile test` run, shared by the specs in this JVM (each from-scratch
     * run costs ~40 s): its launch directory. Specs copy it before changing anything in it.
     */
    static synchronized Path reference() {
        if (referenceDir == null) {
            def dir = tempDir('reference')
            referenceResult = run(dir, ['-profile', 'test'])
            assert referenceResult.exitCode == 0: referenceResult.output
            referenceDir = dir
        }
        return referenceDir
    }

    static Result referenceResult() {
        reference()
        return referenceResult
    }

    static Path tempDir(String name) {
        return Files.createTempDirectory("khgps-${name}-")
    }

    /**
     * h5py reads every dataset of every file under a's points/ and b's: "<files> identical True"
     * when all are equal bit for bit (NaN equal to NaN: a point with no fit window).
     */
    static String compareDatasets(Path a, Path b) {
        return python(a, """
import h5py, numpy as np, glob
a, b = '${a}', '${b}'
files = sorted(glob.glob(a + '/points/**/*.h5', recursive=True))
def equal(x, y):
    try:
        return np.array_equal(x, y, equal_nan=True)
    except TypeError:
        return np.array_equal(x, y)
same = all(equal(h5py.File(f, 'r')[d][()], h5py.File(f.replace(a, b), 'r')[d][()])
           for f in files for d in h5py.File(f, 'r') if isinstance(h5py.File(f, 'r')[d], h5py.Dataset))
print(len(files), 'identical', same)
""")
    }

    /** A Python snippet run with Debian's python3 and h5py (installed by .ci/run). */
    static String python(Path dir, String code) {
        def pb = new ProcessBuilder('/usr/bin/python3', '-c', code).directory(dir.toFile()).redirectErrorStream(true)
        def process = pb.start()
        def out = process.inputStream.getText('UTF-8')
        if (process.waitFor() != 0) {
            throw new IllegalStateException("python failed:\n${out}")
        }
        return out
    }
}
