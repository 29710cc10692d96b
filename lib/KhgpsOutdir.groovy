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
 * The results folder belongs to one run at a time (a lock file, taken before any task) and, after
 * a run that ends "done", holds exactly the current study: files an earlier run published that
 * this one did not (other chunks, realizations, seeds, points) are removed.
 */
class KhgpsOutdir {

    /** The lock file in the results folder (khgps-provenance verify reports it as RUNNING). */
    static final String LOCK = '.khgps.lock'

    /** What the pipeline writes at the top of the results folder besides the published files. */
    static final Set<String> OWN = (['study.json', 'ro-crate-metadata.json', LOCK, 'pipeline_info', 'points', 'plots', 'workflow'] as Set).asImmutable()

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

    /**
     * After a run that ends "done": removes from points/, plots/ and workflow/ every file this run did not
     * publish (an earlier run's chunks, realizations, seeds or points), and empty folders left in
     * points/. Symbolic links are removed, never followed; nothing outside points/ and plots/ is
     * touched (workflow/: the sources KhgpsRoCrate copies): other unknown entries at the top of the folder are only named.
     *
     * @param published paths relative to the results folder, as study.json records them
     */
    static List<String> removeStale(workflow, Map params, Set<String> published, log) {
        def dir = outdir(workflow, params)
        if (!Files.isDirectory(dir) || published.isEmpty()) {
            return []
        }
        dir = dir.toRealPath()
        List<String> removed = []
        List<String> failed = []
        ['points', 'plots', 'workflow'].each { sub ->
            def root = dir.resolve(sub)
            if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
                return
            }
            Files.walkFileTree(root, new SimpleFileVisitor<Path>() {
                @Override
                FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    def rel = dir.relativize(file).toString().replace('\\', '/')
                    if (!published.contains(rel)) {
                        try {
                            Files.delete(file)
                            removed << rel
                        } catch (IOException e) {
                            failed << "${rel} (${e})".toString()
                        }
                    }
                    return FileVisitResult.CONTINUE
                }

                @Override
                FileVisitResult visitFileFailed(Path file, IOException e) {
                    failed << "${dir.relativize(file)} (${e})".toString()
                    return FileVisitResult.CONTINUE
                }

                @Override
                FileVisitResult postVisitDirectory(Path d, IOException e) {
                    try {
                        if (d != root && Files.list(d).withCloseable { !it.findAny().isPresent() }) {
                            Files.delete(d)
                        }
                    } catch (IOException ignored) {
                        // an empty folder left behind: verify does not count folders
                    }
                    return FileVisitResult.CONTINUE
                }
            })
        }
        removed.sort()
        if (removed) {
            log.info "khgps-nf: removed ${removed.size()} file(s) of earlier runs that are not part of this study from " +
                "${dir}: ${removed.take(5).join(', ')}${removed.size() > 5 ? ', ...' : ''}"
        }
        if (failed) {
            log.warn "khgps-nf: could not remove ${failed.size()} file(s) of earlier runs from ${dir}, which verify will " +
                "report: ${failed.take(5).join(', ')}"
        }
        def tops = published.collect { it.split('/')[0] } as Set
        def others = Files.list(dir).withCloseable { s -> s.map { it.fileName.toString() }.toList() }
            .findAll { !(it in OWN) && !(it in tops) }.sort()
        if (others) {
            log.warn "khgps-nf: ${dir} also holds ${others.join(', ')}, not written by this pipeline: left alone, " +
                "but khgps-provenance verify will report them (move them elsewhere)"
        }
        return removed
    }
}
