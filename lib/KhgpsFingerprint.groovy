import java.nio.file.Path
import java.security.MessageDigest
import java.util.zip.ZipEntry
import java.util.zip.ZipFile

/**
 * The code fingerprint of each stage, part of its tasks' cache keys (docs/provenance.md says what
 * is hashed and why). A computing stage's fingerprint covers the code its command runs: the class
 * files it reaches from its command class, following every class named in their constant pools
 * transitively through the jar (the project's classes and the third-party ones alike, and a service
 * interface's providers listed in META-INF/services), plus the native libraries in the jar (loaded
 * by name at run time, so no constant pool names them). Not the jar's other resources, not the
 * version file: a new chart library, plotly.js or version reruns no minimize. The report's
 * fingerprint is every entry of the jar: it takes seconds, and its page carries resources (plotly.js,
 * the tool version). Rebuilding unchanged sources changes nothing: the jar is built reproducibly.
 */
class KhgpsFingerprint {

    /** The stage commands, by class in the tools' jar. */
    static final Map<String, String> STAGE_CLASSES = [
        sample     : 'org/khgps/cli/SampleCommand',
        minimize   : 'org/khgps/cli/MinimizeCommand',
        diagonalize: 'org/khgps/cli/DiagonalizeCommand',
        histogram  : 'org/khgps/cli/HistogramCommand',
        fit        : 'org/khgps/cli/FitCommand',
        theory     : 'org/khgps/cli/TheoryCommand',
        report     : 'org/khgps/cli/ReportCommand',
    ].asImmutable()

    /** The stage whose fingerprint is the whole jar. */
    static final String WHOLE_JAR = 'report'

    /** Every command starts from Main, which names every command: followed, but not into the other commands. */
    static final String MAIN = 'org/khgps/cli/Main'
    static final String COMMAND = /org\/khgps\/cli\/[A-Za-z]+Command/

    private static final String NATIVE = /.*\.(so(\.\d+)*|dylib|jnilib|dll)$/

    /** Stage -> the first 16 hex digits of its fingerprint's SHA-256. */
    static Map<String, String> stages(Path jar) {
        new ZipFile(jar.toFile()).withCloseable { zip ->
            def classes = new Classes(zip)
            def natives = zip.entries().toList().findAll { !it.directory && it.name ==~ NATIVE }.sort { it.name }
            return STAGE_CLASSES.collectEntries { stage, command ->
                def md = MessageDigest.getInstance('SHA-256')
                if (stage == WHOLE_JAR) {
                    zip.entries().toList().findAll { !it.directory }.sort { it.name }.each { e ->
                        md.update("${e.name}:${e.crc}\n".getBytes('UTF-8'))
                    }
                } else {
                    classes.reach(command).each { c ->
                        md.update("${c}\n".getBytes('UTF-8'))
                        md.update(classes.bytes(c))
                    }
                    natives.each { e -> md.update("${e.name}:${e.crc}\n".getBytes('UTF-8')) }
                }
                [(stage): md.digest().encodeHex().toString().take(16)]
            }
        }
    }

    /** The classes (internal names) the command of {@code stage} reaches, sorted. */
    static SortedSet<String> reach(Path jar, String stage) {
        new ZipFile(jar.toFile()).withCloseable { zip -> new Classes(zip).reach(STAGE_CLASSES[stage]) }
    }

    /** The jar's class files and the class names each one's constant pool holds. */
    @groovy.transform.CompileStatic
    private static class Classes {
        final ZipFile zip
        final Map<String, ZipEntry> entries = [:]
        final Map<String, List<String>> services = [:]
        final Map<String, Set<String>> named = [:]
        final Map<String, byte[]> read = [:]
        final Set<String> commands

        Classes(ZipFile zip) {
            this.zip = zip
            for (ZipEntry e : Collections.list(zip.entries())) {
                if (e.name.endsWith('.class') && !e.name.startsWith('META-INF/')) {
                    entries[e.name.substring(0, e.name.length() - '.class'.length())] = e
                } else if (e.name.startsWith('META-INF/services/') && !e.directory) {
                    services[e.name.substring('META-INF/services/'.length()).replace('.', '/')] =
                        zip.getInputStream(e).getText('UTF-8').readLines()
                            .collect { String line -> line.replaceFirst(/#.*/, '').trim() }
                            .findAll { String line -> !line.isEmpty() }.collect { String line -> line.replace('.', '/') }
                }
            }
            commands = entries.keySet().findAll { String c -> c ==~ COMMAND } as Set<String>
        }

        byte[] bytes(String c) {
            byte[] b = read[c]
            if (b == null) {
                b = zip.getInputStream(entries[c]).bytes
                read[c] = b
            }
            return b
        }

        SortedSet<String> reach(String command) {
            SortedSet<String> seen = new TreeSet<>()
            Deque<String> todo = new ArrayDeque<>([command, MAIN])
            while (!todo.isEmpty()) {
                String c = todo.pop()
                if ((c == command || !commands.contains(c)) && seen.add(c)) {
                    for (String n : names(c)) {
                        if (entries.containsKey(n)) {
                            todo.push(n)
                        }
                        for (String provider : services.getOrDefault(n, [])) {
                            if (entries.containsKey(provider)) {
                                todo.push(provider)
                            }
                        }
                    }
                }
            }
            return seen
        }

        /**
         * Every class name in the constant pool of class {@code c}: class entries, descriptors and
         * signatures (Lname;), and strings that name a class (Class.forName("a.b.C")), in the jar
         * or not (a JDK interface may have providers in the jar).
         */
        Set<String> names(String c) {
            Set<String> out = named[c]
            if (out == null) {
                out = new HashSet<>()
                for (String s : utf8(bytes(c))) {
                    if (s.indexOf('/') < 0 && s.indexOf('.') < 0) {
                        continue
                    }
                    java.util.regex.Matcher m = NAME.matcher(s)
                    while (m.find()) {
                        String name = m.group().replace('.', '/')
                        out.add(name)
                        if (name.startsWith('L')) {
                            out.add(name.substring(1)) // a descriptor's Lorg/x/Y
                        }
                    }
                }
                named[c] = out
            }
            return out
        }

        private static final java.util.regex.Pattern NAME = ~/[\w$]+(?:[\/.][\w$]+)+/

        /** The UTF-8 entries of a class file's constant pool (JVMS 4.4). */
        static List<String> utf8(byte[] classFile) {
            def input = new DataInputStream(new ByteArrayInputStream(classFile))
            if (input.readInt() != (0xCAFEBABE as int)) {
                throw new IllegalArgumentException('not a class file')
            }
            input.skipBytes(4) // minor and major version
            int count = input.readUnsignedShort()
            List<String> out = []
            for (int i = 1; i < count; i++) {
                int tag = input.readUnsignedByte()
                switch (tag) {
                    case 1: out << input.readUTF(); break
                    case [7, 8, 16, 19, 20]: input.skipBytes(2); break
                    case 15: input.skipBytes(3); break
                    case [3, 4, 9, 10, 11, 12, 17, 18]: input.skipBytes(4); break
                    case [5, 6]: input.skipBytes(8); i++; break // a long or a double takes two entries
                    default: throw new IllegalArgumentException("constant pool tag ${tag} unknown")
                }
            }
            return out
        }
    }
}
