package org.khgps.cli;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The project's own classes (org.khgps.*) on the test class path: its modules' jars or class folders, not the tests'. */
final class ProjectClasses {

    private ProjectClasses() {
    }

    static List<Class<?>> all() throws IOException, URISyntaxException, ClassNotFoundException {
        List<String> names = new ArrayList<>();
        for (URL url : Collections.list(ProjectClasses.class.getClassLoader().getResources("org/khgps"))) {
            URI uri = url.toURI();
            if (uri.getScheme().equals("jar") && uri.toString().contains("-tests.jar!")) {
                continue; // a module's test-jar: test helpers, not the project's classes
            }
            if (uri.getScheme().equals("jar")) {
                try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                    collect(jar.getPath("/"), jar.getPath("/org/khgps"), names);
                }
            } else if (!uri.getPath().contains("/test-classes/")) {
                Path dir = Path.of(uri);
                collect(dir.getParent().getParent(), dir, names);
            }
        }
        List<Class<?>> out = new ArrayList<>();
        for (String name : names) {
            out.add(Class.forName(name, false, ProjectClasses.class.getClassLoader()));
        }
        return out;
    }

    private static void collect(Path root, Path dir, List<String> names) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.map(f -> root.relativize(f).toString()).filter(f -> f.endsWith(".class") && !f.contains("package-info"))
                    .forEach(f -> names.add(f.substring(0, f.length() - ".class".length()).replace('/', '.')));
        }
    }
}
