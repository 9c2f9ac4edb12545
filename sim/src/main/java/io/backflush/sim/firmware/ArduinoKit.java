package io.backflush.sim.firmware;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The Arduino host kit's sources ({@code clients/arduino}: {@code include/}, {@code src/}) and the C
 * client it builds on ({@code clients/c/backflush_hil.h}).
 *
 * @param dir the kit folder
 */
public record ArduinoKit(Path dir) {
    /** The kit named by {@code explicit}, else by $BACKFLUSH_KIT, else found above the jar or the working folder. */
    public static ArduinoKit locate(Path explicit) {
        if (explicit != null) {
            return check(explicit.toAbsolutePath().normalize(), "--kit " + explicit);
        }
        String env = System.getenv("BACKFLUSH_KIT");
        if (env != null && !env.isBlank()) {
            return check(Path.of(env).toAbsolutePath().normalize(), "BACKFLUSH_KIT=" + env);
        }
        List<Path> starts = new ArrayList<>();
        try {
            starts.add(Path.of(ArduinoKit.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            // no code source: only the working folder
        }
        starts.add(Path.of("").toAbsolutePath());
        for (Path start : starts) {
            for (Path d = start; d != null; d = d.getParent()) {
                Path candidate = d.resolve("clients").resolve("arduino");
                if (Files.isRegularFile(candidate.resolve("include").resolve("Arduino.h"))) {
                    return check(candidate, candidate.toString());
                }
            }
        }
        throw new FirmwareInputException("cannot find the Arduino host kit (clients/arduino) above " + starts.get(starts.size() - 1)
                + "; give it with --kit DIR or BACKFLUSH_KIT");
    }

    private static ArduinoKit check(Path dir, String where) {
        ArduinoKit kit = new ArduinoKit(dir);
        for (Path need : List.of(kit.includeDir().resolve("Arduino.h"), kit.srcDir().resolve("runtime.cpp"),
                kit.clientDir().resolve("backflush_hil.h"))) {
            if (!Files.isRegularFile(need)) {
                throw new FirmwareInputException(where + ": not the Arduino host kit (no " + need + ")");
            }
        }
        return kit;
    }

    public Path includeDir() {
        return dir.resolve("include");
    }

    public Path srcDir() {
        return dir.resolve("src");
    }

    /** The C client's folder (the kit includes backflush_hil.h from there). */
    public Path clientDir() {
        return dir.resolveSibling("c");
    }

    /** The kit's C++ sources, sorted. */
    public List<Path> sources() throws IOException {
        try (Stream<Path> s = Files.list(srcDir())) {
            return s.filter(p -> p.getFileName().toString().endsWith(".cpp")).sorted().toList();
        }
    }

    /** Every file a kit build depends on, sorted. */
    public List<Path> files() throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path d : List.of(includeDir(), srcDir())) {
            try (Stream<Path> s = Files.walk(d, 4)) {
                s.filter(Files::isRegularFile).forEach(out::add);
            }
        }
        out.add(clientDir().resolve("backflush_hil.h"));
        out.sort(null);
        return out;
    }
}
