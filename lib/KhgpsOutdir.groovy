import java.nio.file.FileAlreadyExistsException
import java.nio.file.FileSystems
import java.nio.file.FileVisitResult
import java.nio.file.Files
import java.nio.file.LinkOption
import java.nio.file.Path
import java.nio.file.Paths
import java.nio.file.SimpleFileVisitor
import java.nio.file.attribute.BasicFileAttributes

/**
 * The results folder belongs to one run at a time (a lock file, taken before any task), is used only
 * if it is new, empty or holds a study of this pipeline, and after a run that ends "done" holds the
 * current study: files an earlier run published that this one did not (other chunks, realizations,
 * seeds, points) are removed; files this pipeline never published are never removed.
 */
class KhgpsOutdir {

    /** The lock file in the results folder (khgps-provenance verify reports it as RUNNING). */
    static final String LOCK = '.khgps.lock'

    /**
     * The pipeline's journal in the results folder: the study a run is writing (seed, point ids) and
     * every file it published, appended as tasks finish, so that a run that never finished (killed,
     * failed) still says which files are the pipeline's. Removed at the end of a run that ends "done",
     * when study.json lists them all. ProvenanceCommand.JOURNAL is the same name.
     */
    static final String JOURNAL = '.khgps-published'

    /** What the pipeline writes at the top of the results folder besides the published files. */
    static final Set<String> OWN = (['study.json', 'ro-crate-metadata.json', LOCK, JOURNAL, 'pipeline_info', 'points', 'plots', 'workflow'] as Set).asImmutable()

    /** A results folder's lock: taken (the file and what this run wrote into it) or refused (why). */
    static class Lock {
        final Path path
        final String text
        /** Why the run must stop (naming the run that holds the folder); null when this run holds the lock. */
        final String refusal

        Lock(Path path, String text, String refusal) {
            this.path = path
            this.text = text
            this.refusal = refusal
        }
    }

    static Path outdir(workflow, Map params) {
        def dir = Paths.get(params.outdir.toString())
        return dir.isAbsolute() ? dir : workflow.launchDir.resolve(dir)
    }

    static String host() {
        try {
            return InetAddress.localHost.hostName
        } catch (IOException e) {
            return System.getenv('HOSTNAME') ?: 'unknown'
        }
    }

    /**
     * Takes the results folder's lock; if another run holds it, the refusal says why the run must stop
     * (naming that run). A lock left by a run on this host whose process is gone (a
     * killed head) is taken over with a warning. No Nextflow types here: tested on its own.
     */
    static Lock lock(workflow, Map params, log) {
        def dir = outdir(workflow, params)
        Files.createDirectories(dir)
        def lock = dir.resolve(LOCK)
        def me = ProcessHandle.current()
        def text = [run_name  : workflow.runName,
                    session   : workflow.sessionId,
                    launch_dir: workflow.launchDir,
                    host      : host(),
                    pid       : me.pid(),
                    pid_start : me.info().startInstant().map { it.toString() }.orElse('unknown'),
                    since     : java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)]
            .collect { k, v -> "${k}=${v}" }.join('\n') + '\n'
        for (int attempt = 0; attempt < 2; attempt++) {
            if (create(lock, text)) {
                return new Lock(lock, text, null)
            }
            String other
            try {
                other = lock.text
            } catch (IOException e) {
                continue  // released meanwhile: try again
            }
            def holder = parse(other)
            if (!stale(holder)) {
                return refused("Another run holds the results folder ${dir}: run ${holder.run_name ?: '?'} launched in "
                    + "${holder.launch_dir ?: '?'} on ${holder.host ?: '?'}, pid ${holder.pid ?: '?'}, since ${holder.since ?: '?'}. "
                    + "Two runs into one --outdir would replace each other's files: wait for it to finish, or choose "
                    + "another --outdir. If that run is no longer running (on another host, or its lock is damaged), "
                    + "remove ${lock}")
            }
            log.warn "khgps-nf: taking over the results folder's lock ${lock}: its run ${holder.run_name} (launched in " +
                "${holder.launch_dir}, pid ${holder.pid} on this host) is no longer running"
            // remove it only if no other run has taken it over meanwhile
            try {
                if (lock.text == other) {
                    Files.delete(lock)
                }
            } catch (IOException ignored) {
                // gone already
            }
        }
        return refused("Cannot take the results folder's lock ${lock}: another run is taking it at the same moment")
    }

    private static Lock refused(Object why) {
        return new Lock(null, null, why.toString())
    }

    /** Creates the lock atomically with its whole content: a hard link to a finished temp file. */
    private static boolean create(Path lock, String text) {
        def tmp = lock.resolveSibling("${LOCK}.${ProcessHandle.current().pid()}.tmp")
        try {
            tmp.text = text
            Files.createLink(lock, tmp)
            return true
        } catch (FileAlreadyExistsException e) {
            return false
        } catch (UnsupportedOperationException | IOException e) {
            // no hard links here: an exclusive create (the content follows at once)
            try {
                Files.write(lock, text.getBytes('UTF-8'), java.nio.file.StandardOpenOption.CREATE_NEW,
                    java.nio.file.StandardOpenOption.WRITE)
                return true
            } catch (FileAlreadyExistsException ignored) {
                return false
            }
        } finally {
            Files.deleteIfExists(tmp)
        }
    }

    static Map<String, String> parse(String text) {
        text.readLines().findAll { it.contains('=') }.collectEntries { line ->
            def eq = line.indexOf('=')
            [(line.substring(0, eq)): line.substring(eq + 1)]
        }
    }

    /** Whether the lock's run is known to be gone: same host, and its pid is dead or now another process. */
    static boolean stale(Map<String, String> holder) {
        if (!holder.pid?.isLong() || holder.host != host()) {
            return false
        }
        def process = ProcessHandle.of(holder.pid as long)
        if (!process.isPresent() || !process.get().alive) {
            return true
        }
        def start = process.get().info().startInstant().map { it.toString() }.orElse(null)
        return start != null && holder.pid_start != 'unknown' && start != holder.pid_start
    }

    /** Releases the lock if this run holds it (at the end of a run, done or failed) and nobody replaced it. */
    static void unlock(Lock lock) {
        if (lock?.path == null) {
            return
        }
        try {
            if (Files.exists(lock.path) && lock.path.text == lock.text) {
                Files.delete(lock.path)
            }
        } catch (IOException ignored) {
            // nothing more to do: the next run on this host takes a stale lock over
        }
    }

    /**
     * Where conf/modules.config publishes the task output {@code name} of {@code process}, relative to
     * the results folder, or null when it does not: the process's publishDir (enabled, path, pattern,
     * saveAs) evaluated as Nextflow does. So the layout study.json records is the one declared there.
     *
     * @param processConfig the configuration's process scope, with its withName:PROCESS blocks
     * @param meta          the task's study point (its meta map), or null
     */
    static String publishedAs(Map processConfig, String process, Map params, Map meta, String name) {
        def rule = processConfig?.get("withName:${process}".toString())?.publishDir
        if (!(rule instanceof Map) || rule.enabled == false || rule.path == null) {
            return null
        }
        if (rule.pattern && !FileSystems.default.getPathMatcher("glob:${rule.pattern}").matches(Paths.get(name))) {
            return null
        }
        def context = [params: params, meta: meta]
        def dir = Paths.get(evaluate(rule.path, context).toString())
        def saved = rule.saveAs ? evaluate(rule.saveAs, context, name) : name
        return Paths.get(params.outdir.toString()).relativize(dir).resolve(saved.toString()).normalize().toString()
    }

    /** A config value: a closure is called with params and meta in scope, as Nextflow calls it for a task. */
    private static Object evaluate(Object value, Map context, Object... args) {
        if (!(value instanceof Closure)) {
            return value
        }
        Closure c = ((Closure) value).rehydrate(context, value.owner, value.thisObject)
        c.resolveStrategy = Closure.DELEGATE_FIRST
        return c.call(*args)
    }

    /** SHA-256 (hex) of a file's bytes. */
    static String sha256(Path file) {
        def md = java.security.MessageDigest.getInstance('SHA-256')
        file.withInputStream { input ->
            byte[] buffer = new byte[1 << 16]
            int n
            while ((n = input.read(buffer)) > 0) {
                md.update(buffer, 0, n)
            }
        }
        return md.digest().encodeHex().toString()
    }

    /** Nextflow's run-log observers and the field holding the file each writes. */
    private static final Map<String, String> RUN_LOGS = ['nextflow.trace.TraceFileObserver': 'tracePath',
        'nextflow.trace.TimelineObserver': 'reportFile', 'nextflow.trace.ReportObserver': 'reportFile',
        'nextflow.trace.GraphObserver': 'file'].asImmutable()

    /**
     * A run stopped before any task (a bad parameter, a refused folder): detaches Nextflow's run-log
     * observers (trace, timeline, report, DAG: nextflow.config) so they write nothing more, removes the
     * files they opened at the start, then pipeline_info/ and the results folder if that left them empty.
     * Uses Nextflow's internals (Session.observers); if they change, the files stay, nothing else breaks.
     */
    static void discardRunLogs(session, Path dir) {
        if (session == null) {
            return
        }
        try {
            List observers = session.@observers as List
            def logs = observers.findAll { it.getClass().name in RUN_LOGS }
            observers.removeAll(logs)
            logs.each { o ->
                def file = o.@"${RUN_LOGS[o.getClass().name]}" as Path
                if (file != null) {
                    Files.deleteIfExists(file)
                }
            }
            [dir.resolve('pipeline_info'), dir].each { d ->
                if (Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS) && Files.list(d).withCloseable { !it.findAny().isPresent() }) {
                    Files.delete(d)
                }
            }
        } catch (Exception ignored) {
            // another Nextflow: its run logs stay behind, as before
        }
    }

    /**
     * The study a results folder holds: its point ids, seed and the files the pipeline published there
     * (study.json's, plus those the journal lists of runs that did not finish); null when it holds none.
     */
    static Map recorded(Path dir) {
        def json = dir.resolve('study.json')
        def journal = dir.resolve(JOURNAL)
        Map out = null
        if (Files.isRegularFile(json)) {
            def study = new groovy.json.JsonSlurper().parse(json.toFile()) as Map
            out = [ids  : (study.points ?: []).collect { it.id.toString() } as Set,
                   seed : (study.points ? study.points[0].seed : study.params?.seed)?.toString(),
                   files: ((study.files ?: [:]) as Map).keySet().collect { it.toString() } as Set]
        }
        if (Files.isRegularFile(journal)) {
            def lines = journal.readLines()
            def header = parse(lines.findAll { it.startsWith('seed=') || it.startsWith('points=') }.join('\n'))
            def files = lines.findAll { it && !it.startsWith('#') && !it.contains('=') } as Set
            if (out == null) {
                out = [ids: (header.points ?: '').tokenize(',') as Set, seed: header.seed, files: [] as Set]
            }
            out.files = out.files + files
        }
        return out
    }

    /**
     * Why this run must not write into the results folder, or null: a folder is used only if it is new,
     * empty (but for Nextflow's run logs in pipeline_info/) or holds a study of this pipeline; a study
     * with other points or another seed is replaced only with --replace_study. Checked before the
     * folder is created or locked.
     */
    static String refusal(Path dir, List<Map> points, Object seed, boolean replace) {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS) && !Files.exists(dir)) {
            return null
        }
        if (!Files.isDirectory(dir)) {
            return "--outdir ${dir} exists and is not a folder"
        }
        def entries = Files.list(dir).withCloseable { s -> s.map { it.fileName.toString() }.toList() }.sort(false)
        def before = recorded(dir)
        if (before == null) {
            def foreign = entries - ['pipeline_info', LOCK]
            if (!foreign) {
                return null
            }
            return "--outdir ${dir} is not empty and holds no study of this pipeline (no study.json): it holds " +
                "${foreign.take(5).join(', ')}${foreign.size() > 5 ? ", ... (${foreign.size()} entries)" : ''}. The pipeline " +
                "never deletes files it did not write, and would mix its results with them: choose a new or empty " +
                "--outdir, or move those files elsewhere"
        }
        def ids = points*.id.collect { it.toString() } as Set
        def dropped = (before.ids - ids).sort()
        def otherSeed = before.seed != null && before.seed != seed?.toString()
        if ((dropped || otherSeed) && !replace) {
            def what = [otherSeed ? "seed ${before.seed} (this run: ${seed})" : null,
                        dropped ? "${dropped.size()} point(s) this run does not have (${dropped.take(5).join(', ')}${dropped.size() > 5 ? ', ...' : ''})" : null]
                .findAll().join(' and ')
            return "--outdir ${dir} holds another study: ${what}. Running into it would replace that study's " +
                "${before.files.size()} published file(s). Give --replace_study to replace it (the files removed are " +
                "listed in the log and in pipeline_info/), or choose another --outdir"
        }
        return null
    }

    /**
     * Starts this run's journal: its study, and the files earlier unfinished runs published (still the
     * pipeline's to remove). Written whole through a temp file; appended to by {@link #journal(Path, String)}.
     */
    static void startJournal(Path dir, List<Map> points, Object seed) {
        def before = dir.resolve(JOURNAL)
        def carried = Files.isRegularFile(before) ? before.readLines().findAll { it && !it.startsWith('#') && !it.contains('=') } : []
        def text = "# khgps-nf: the study this folder is being written for and the files published into it; removed when a run ends done\n" +
            "seed=${seed}\npoints=${points*.id.join(',')}\n" + carried.collect { it + '\n' }.join('')
        def tmp = dir.resolve("${JOURNAL}.tmp")
        tmp.text = text
        Files.move(tmp, before, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE)
    }

    /** Appends one published path (relative to the results folder) to the journal. */
    static synchronized void journal(Path dir, String relative) {
        Files.write(dir.resolve(JOURNAL), "${relative}\n".getBytes('UTF-8'),
            java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND)
    }

    /**
     * Files of points that failed in this run that an earlier run published and this one did not: kept
     * (a failed point never loses what it had), with their SHA-256 for study.json.
     */
    static Map<String, String> kept(Path dir, Set<String> failedIds, Set<String> published) {
        def before = recorded(dir)
        if (before == null || !failedIds) {
            return [:]
        }
        return new TreeMap(before.files.findAll { rel ->
            def parts = rel.split('/')
            parts.length > 2 && parts[0] == 'points' && parts[1] in failedIds && !(rel in published) &&
                Files.isRegularFile(dir.resolve(rel), LinkOption.NOFOLLOW_LINKS)
        }.collectEntries { [(it): sha256(dir.resolve(it))] })
    }

    /**
     * Makes every published file a copy of this run's task output: one that is missing (deleted by hand,
     * a publish that failed on a full disk) or differs (Nextflow does not copy a cached task's output over
     * an existing file under -resume) is copied again, through a temp file and a rename, and checked.
     * Returns path -> SHA-256 of every published file; throws IOException naming the first file that
     * cannot be made a copy of its task output.
     */
    static Map<String, String> republish(Path dir, Map<String, Path> published, log) {
        Map<String, String> hashes = new TreeMap<>()
        List<String> copied = []
        published.each { rel, source ->
            String want = sha256(source)
            def target = dir.resolve(rel)
            if (!Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS) || sha256(target) != want) {
                def tmp = target.resolveSibling(".${target.fileName}.khgps-tmp")
                try {
                    Files.createDirectories(target.parent)
                    Files.copy(source, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING)
                    Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE)
                } catch (IOException e) {
                    throw new IOException("cannot publish ${rel} again from this run's task output ${source}: ${e.message ?: e}", e)
                } finally {
                    Files.deleteIfExists(tmp)
                }
                if (sha256(target) != want) {
                    throw new IOException("${rel} differs from this run's task output ${source} even after copying it again")
                }
                copied << rel
            }
            hashes[rel] = want
        }
        if (copied) {
            log.info "khgps-nf: published ${copied.size()} file(s) again whose copy in ${dir} was missing or was not this run's " +
                "(an earlier run's, kept by -resume): ${copied.take(5).join(', ')}${copied.size() > 5 ? ', ...' : ''}"
        }
        return hashes
    }

    /**
     * After a run that ends "done": removes every file the pipeline published into the folder earlier
     * (study.json's and the journal's) that this run did not publish and does not keep (a failed point's
     * earlier files), then folders under points/ left empty. Nothing the pipeline did not publish is
     * removed: other files are named in a warning and left alone (verify reports them). Symbolic links
     * are removed, never followed. The log names the first few removed, pipeline_info/ lists them all.
     *
     * @param published paths relative to the results folder, as study.json records them
     */
    static List<String> removeStale(workflow, Map params, Set<String> published, Set<String> kept, log) {
        def dir = outdir(workflow, params)
        def before = Files.isDirectory(dir) ? recorded(dir) : null
        if (before == null || published.isEmpty()) {
            return []
        }
        dir = dir.toRealPath()
        List<String> removed = []
        List<String> failed = []
        (before.files - published - kept).sort().each { rel ->
            def file = dir.resolve(rel).normalize()
            if (!file.startsWith(dir) || !Files.exists(file, LinkOption.NOFOLLOW_LINKS) || Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
                return
            }
            try {
                Files.delete(file)
                removed << rel
                // folders under points/ this left empty
                for (def d = file.parent; d != dir && d.startsWith(dir.resolve('points')) && d != dir.resolve('points'); d = d.parent) {
                    if (Files.list(d).withCloseable { it.findAny().isPresent() }) {
                        break
                    }
                    Files.delete(d)
                }
            } catch (IOException e) {
                failed << "${rel} (${e})".toString()
            }
        }
        if (removed) {
            def stamp = java.time.LocalDateTime.now().format(java.time.format.DateTimeFormatter.ofPattern('yyyy-MM-dd_HH-mm-ss'))
            def list = dir.resolve("pipeline_info/removed_${stamp}.txt")
            try {
                Files.createDirectories(list.parent)
                list.text = removed.join('\n') + '\n'
            } catch (IOException ignored) {
                // the log below still names them
            }
            log.info "khgps-nf: removed ${removed.size()} file(s) of earlier runs that are not part of this study from " +
                "${dir}: ${removed.take(5).join(', ')}${removed.size() > 5 ? ', ...' : ''} (all of them: ${dir.relativize(list)})"
        }
        if (failed) {
            log.warn "khgps-nf: could not remove ${failed.size()} file(s) of earlier runs from ${dir}, which verify will " +
                "report: ${failed.take(5).join(', ')}"
        }
        List<String> foreign = []
        Files.walkFileTree(dir, new SimpleFileVisitor<Path>() {
            @Override
            FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                return d.fileName?.toString() == 'pipeline_info' && d.parent == dir ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE
            }

            @Override
            FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                def rel = dir.relativize(file).toString().replace('\\', '/')
                if (!(rel in published) && !(rel in kept) && !(rel in ['study.json', 'ro-crate-metadata.json', LOCK, JOURNAL])) {
                    foreign << rel
                }
                return FileVisitResult.CONTINUE
            }

            @Override
            FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE
            }
        })
        if (foreign) {
            log.warn "khgps-nf: ${dir} also holds ${foreign.size()} file(s) this pipeline did not publish: " +
                "${foreign.sort().take(5).join(', ')}${foreign.size() > 5 ? ', ...' : ''}. Left alone, but khgps-provenance " +
                "verify reports them: move them elsewhere"
        }
        return removed
    }
}
