import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.ConcurrentSkipListMap

/**
 * What one run carries from its start (KhgpsPipeline.initialise) to its end (KhgpsPipeline.complete):
 * made once in main.nf and passed explicitly to the workflow and the completion handler, so no
 * class in lib/ keeps state between runs (or between the tests that load it).
 */
class KhgpsRun {

    /** The study points of this run (KhgpsParams.points), for the workflow and study.json. */
    final List<Map> points

    /** The results folder's lock this run holds (KhgpsOutdir.lock). */
    final KhgpsOutdir.Lock lock

    /** published path (relative to outdir) -> the task's output file it is a copy of, filled as tasks finish */
    final Map<String, Path> published = new ConcurrentSkipListMap<>()

    /** point id -> why it failed ("stage: message"; several stages joined by "; "), for study.json and the log */
    final Map<String, String> failed = new ConcurrentSkipListMap<>()

    /** point id -> why its RS theory failed: its theory columns are nan, its simulation stays ok */
    final Map<String, String> theoryFailed = new ConcurrentSkipListMap<>()

    /** The results folder (absolute), whose journal (KhgpsOutdir.JOURNAL) records each published file; null in tests */
    final Path outdir

    KhgpsRun(List<Map> points, KhgpsOutdir.Lock lock, Path outdir = null) {
        this.points = points.asImmutable()
        this.lock = lock
        this.outdir = outdir
    }

    /**
     * Records where conf/modules.config publishes {@code file}, an output of {@code process} for the
     * study point {@code meta} (null for the report), and journals it: the config is the one place the
     * layout is declared. {@code folder}: the file's folder in the task's work folder ('plots/').
     */
    void published(Map config, String process, Map params, Map meta, Path file, String folder = '') {
        String relative = KhgpsOutdir.publishedAs(config, process, params, meta, folder + file.fileName.toString())
        if (relative == null) {
            return
        }
        published[relative] = file
        if (outdir != null) {
            KhgpsOutdir.journal(outdir, relative)
        }
    }
}
