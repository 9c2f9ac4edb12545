package io.backflush.sim.firmware;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Compiles a sketch against the host kit with the system's g++ and caches the result: the kit's
 * objects under {@code CACHE/kit-HASH/} (a hash of the kit's files, the flags and the compiler's
 * version), the sketch's binary under {@code CACHE/sketch-HASH/} (that and the sketch's files), so
 * an unchanged sketch starts at once. Builds go to a temporary folder moved into place when done,
 * so an interrupted build leaves nothing half-made. A failed compile throws a
 * {@link FirmwareInputException} with the compiler's first error line.
 */
public final class SketchBuilder {
    /** Compile flags (kit and sketch): -Og -g, optimised for a debugger (gdb can step the sketch). */
    public static final List<String> CXX_FLAGS = List.of("-std=gnu++17", "-Og", "-g", "-fno-omit-frame-pointer");
    private static final List<String> C_FLAGS = List.of("-std=gnu11", "-Og", "-g", "-fno-omit-frame-pointer");
    private static final List<String> LINK_FLAGS = List.of("-rdynamic", "-pthread", "-lm");
    private static final Pattern ERROR_LINE = Pattern.compile(".*(: (fatal )?error:|undefined reference to|multiple definition of).*");
    private static final long COMPILE_TIMEOUT_S = 300;

    private final ArduinoKit kit;
    private final Path cacheDir;
    private final String compiler;

    public SketchBuilder(ArduinoKit kit, Path cacheDir, String compiler) {
        this.kit = kit;
        this.cacheDir = cacheDir;
        this.compiler = compiler;
    }

    /** The default cache: $BACKFLUSH_CACHE, else $XDG_CACHE_HOME/backflush, else ~/.cache/backflush; then firmware/. */
    public static Path defaultCacheDir() {
        String own = System.getenv("BACKFLUSH_CACHE");
        if (own != null && !own.isBlank()) {
            return Path.of(own, "firmware");
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("backflush").resolve("firmware");
    }

    /** The first of g++, c++ found on PATH, or null. */
    public static String findCompiler() {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String exe : List.of("g++", "c++")) {
            for (String d : path.split(File.pathSeparator)) {
                if (!d.isEmpty() && Files.isExecutable(Path.of(d, exe))) {
                    return exe;
                }
            }
        }
        return null;
    }

    /** What a build did: the binary, and whether it came from the cache. */
    public record Build(Path binary, boolean cached) {
    }

    public Build build(Sketch sketch) throws IOException, InterruptedException {
        String versionOutput = run(List.of(compiler, "--version"), null);
        String version = versionOutput == null ? "?" : versionOutput.lines().findFirst().orElse("?");
        MessageDigest kitHash = sha256();
        update(kitHash, version);
        update(kitHash, String.join(" ", CXX_FLAGS));
        for (Path f : kit.files()) {
            update(kitHash, kit.dir().getParent().relativize(f).toString());
            kitHash.update(Files.readAllBytes(f));
        }
        String kitKey = hex(kitHash.digest());
        Path kitObjects = kitObjects(kitKey);

        List<InoPreprocessor.Source> inos = new ArrayList<>();
        for (Path f : sketch.inoFiles()) {
            inos.add(new InoPreprocessor.Source(f, Files.readString(f, StandardCharsets.UTF_8)));
        }
        String unit = InoPreprocessor.translate(inos);
        MessageDigest h = sha256();
        update(h, kitKey);
        update(h, unit);
        update(h, String.join(" ", C_FLAGS) + String.join(" ", LINK_FLAGS));
        for (Path f : sketch.allFiles()) {
            update(h, sketch.folder().relativize(f).toString());
            h.update(Files.readAllBytes(f));
        }
        Path dir = cacheDir.resolve("sketch-" + hex(h.digest()));
        Path binary = dir.resolve(sketch.name());
        if (Files.isExecutable(binary)) {
            return new Build(binary, true);
        }
        Path tmp = Files.createDirectories(cacheDir).resolve("tmp-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
        Files.createDirectories(tmp);
        try {
            Path tu = tmp.resolve(sketch.name() + ".ino.cpp");
            Files.writeString(tu, unit, StandardCharsets.UTF_8);
            List<String> includes = List.of("-I", kit.includeDir().toString(), "-I", kit.clientDir().toString(), "-I",
                    sketch.folder().toString());
            List<String> objects = new ArrayList<>();
            int k = 0;
            for (Path c : sketch.cSources()) {
                Path o = tmp.resolve("c" + (k++) + ".o");
                List<String> cmd = new ArrayList<>(List.of(compiler, "-x", "c"));
                cmd.addAll(C_FLAGS);
                cmd.addAll(includes);
                cmd.addAll(List.of("-c", c.toString(), "-o", o.toString()));
                compile(cmd, tmp.resolve("build.log"), sketch);
                objects.add(o.toString());
            }
            List<String> cmd = new ArrayList<>(List.of(compiler));
            cmd.addAll(CXX_FLAGS);
            cmd.addAll(includes);
            cmd.add(tu.toString());
            for (Path cpp : sketch.cppSources()) {
                cmd.add(cpp.toString());
            }
            cmd.addAll(objects);
            for (Path o : listObjects(kitObjects)) {
                cmd.add(o.toString());
            }
            cmd.addAll(List.of("-o", tmp.resolve(sketch.name()).toString()));
            cmd.addAll(LINK_FLAGS);
            compile(cmd, tmp.resolve("build.log"), sketch);
            moveIntoPlace(tmp, dir);
        } finally {
            deleteTree(tmp);
        }
        return new Build(binary, false);
    }

    private Path kitObjects(String key) throws IOException, InterruptedException {
        Path dir = cacheDir.resolve("kit-" + key);
        if (Files.isRegularFile(dir.resolve("done"))) {
            return dir;
        }
        Path tmp = Files.createDirectories(cacheDir).resolve("tmp-kit-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
        Files.createDirectories(tmp);
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors())));
        try {
            List<Future<String>> jobs = new ArrayList<>();
            for (Path src : kit.sources()) {
                String name = src.getFileName().toString().replace(".cpp", ".o");
                List<String> cmd = new ArrayList<>(List.of(compiler));
                cmd.addAll(CXX_FLAGS);
                cmd.addAll(List.of("-I", kit.includeDir().toString(), "-I", kit.clientDir().toString(), "-c", src.toString(),
                        "-o", tmp.resolve(name).toString()));
                Path log = tmp.resolve(name + ".log");
                jobs.add(pool.submit(() -> run(cmd, log) == null ? Files.readString(log) : null));
            }
            for (Future<String> job : jobs) {
                String failed;
                try {
                    failed = job.get();
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
                }
                if (failed != null) {
                    throw new FirmwareInputException("the host kit does not compile with " + compiler + ": " + firstError(failed));
                }
            }
            Files.writeString(tmp.resolve("done"), "");
            moveIntoPlace(tmp, dir);
        } finally {
            pool.shutdownNow();
            deleteTree(tmp);
        }
        return dir;
    }

    private static List<Path> listObjects(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".o")).sorted().toList();
        }
    }

    private void compile(List<String> cmd, Path log, Sketch sketch) throws IOException, InterruptedException {
        if (run(cmd, log) == null) {
            String text = Files.readString(log, StandardCharsets.UTF_8);
            Path kept = cacheDir.resolve(sketch.name() + "-build.log");
            Files.writeString(kept, text, StandardCharsets.UTF_8);
            throw new FirmwareInputException(sketch.name() + " does not compile: " + firstError(text)
                    + " (compiler output: " + kept + ")");
        }
    }

    /** The compiler's first error line (or its first line). */
    static String firstError(String output) {
        String first = null;
        for (String line : output.split("\n")) {
            if (ERROR_LINE.matcher(line).matches()) {
                return line.strip();
            }
            if (first == null && !line.isBlank()) {
                first = line.strip();
            }
        }
        return first == null ? "(no output)" : first;
    }

    /** Runs a command; returns its output, or null when it failed (the output then is in {@code log}). */
    private static String run(List<String> cmd, Path log) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new FirmwareInputException("cannot run " + cmd.get(0) + ": " + e.getMessage());
        }
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(COMPILE_TIMEOUT_S, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new FirmwareInputException(cmd.get(0) + " took over " + COMPILE_TIMEOUT_S + " s");
        }
        if (p.exitValue() != 0) {
            if (log != null) {
                Files.writeString(log, out, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                        java.nio.file.StandardOpenOption.APPEND);
            }
            return null;
        }
        return out;
    }

    private static void moveIntoPlace(Path tmp, Path dir) throws IOException {
        try {
            Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
            // another build of the same sources finished first: use it
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, dir);
        }
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // best effort
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void update(MessageDigest d, String s) {
        d.update(s.getBytes(StandardCharsets.UTF_8));
        d.update((byte) 0);
    }

    private static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest, 0, 10);
    }
}
