package io.backflush.sim.firmware;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * An Arduino sketch on disk: a folder holding {@code NAME.ino} (the main file), maybe more
 * {@code .ino} files (appended to the main one in alphabetical order), and {@code .cpp}/{@code .c}
 * files compiled beside it, also under {@code src/} (the Arduino sketch specification's layout).
 *
 * @param name       the main file's name without {@code .ino}
 * @param folder     the sketch folder (on the include path)
 * @param inoFiles   the main {@code .ino} first, then the others
 * @param cppSources further C++ sources
 * @param cSources   C sources
 * @param allFiles   every file whose change changes the build (sources and headers)
 */
public record Sketch(String name, Path folder, List<Path> inoFiles, List<Path> cppSources, List<Path> cSources,
                     List<Path> allFiles) {
    private static final int MAX_FILES = 2000;

    /** A sketch from a {@code .ino} file or a folder; errors say what is missing. */
    public static Sketch locate(Path path) throws IOException {
        Path p = path.toAbsolutePath().normalize();
        Path folder;
        Path main;
        if (Files.isDirectory(p)) {
            folder = p;
            main = p.resolve(p.getFileName() + ".ino");
            if (!Files.isRegularFile(main)) {
                List<Path> inos = list(folder, ".ino", false);
                if (inos.size() != 1) {
                    throw new FirmwareInputException(path + ": a sketch folder holds " + p.getFileName() + ".ino"
                            + (inos.isEmpty() ? " (no .ino file found)" : " (found " + inos.size() + " .ino files, none named so)"));
                }
                main = inos.get(0);
            }
        } else if (Files.isRegularFile(p) && p.getFileName().toString().endsWith(".ino")) {
            main = p;
            folder = p.getParent();
        } else if (!Files.exists(p)) {
            throw new FirmwareInputException(path + ": no such file or folder");
        } else {
            throw new FirmwareInputException(path + ": expected a .ino file or a sketch folder");
        }
        List<Path> inos = new ArrayList<>();
        inos.add(main);
        for (Path other : list(folder, ".ino", false)) {
            if (!other.equals(main)) {
                inos.add(other);
            }
        }
        List<Path> cpp = new ArrayList<>(list(folder, ".cpp", true));
        List<Path> c = new ArrayList<>(list(folder, ".c", true));
        List<Path> all;
        try (Stream<Path> files = walk(folder)) {
            all = files.filter(f -> {
                String n = f.getFileName().toString();
                return n.endsWith(".ino") || n.endsWith(".cpp") || n.endsWith(".c") || n.endsWith(".h") || n.endsWith(".hpp");
            }).sorted().toList();
        }
        if (all.size() > MAX_FILES) {
            throw new FirmwareInputException(folder + ": over " + MAX_FILES + " source files: is this the sketch folder?");
        }
        String name = main.getFileName().toString();
        return new Sketch(name.substring(0, name.length() - 4), folder, List.copyOf(inos), List.copyOf(cpp),
                List.copyOf(c), all);
    }

    /** Files ending in {@code ext} in the folder (and, with {@code src}, under its src/). */
    private static List<Path> list(Path folder, String ext, boolean src) throws IOException {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(folder)) {
            s.filter(f -> Files.isRegularFile(f) && f.getFileName().toString().endsWith(ext)).forEach(out::add);
        }
        Path srcDir = folder.resolve("src");
        if (src && Files.isDirectory(srcDir)) {
            try (Stream<Path> s = walk(srcDir)) {
                s.filter(f -> f.getFileName().toString().endsWith(ext)).forEach(out::add);
            }
        }
        out.sort(Comparator.comparing(Path::toString));
        return out;
    }

    private static Stream<Path> walk(Path dir) throws IOException {
        return Files.walk(dir, 8).filter(Files::isRegularFile).filter(f -> {
            for (Path part : dir.relativize(f)) {
                if (part.toString().startsWith(".")) {
                    return false; // .git, editor folders
                }
            }
            return true;
        });
    }
}
