package io.backflush.spark;

import io.backflush.core.param.ParameterFileException;
import io.backflush.sim.show.ShowFiles;
import io.backflush.sim.sweep.Sweep;
import io.backflush.sim.sweep.SweepFiles;
import io.backflush.sim.sweep.SweepPoint;
import io.backflush.sim.sweep.SweepResult;
import io.backflush.sim.sweep.SweepRunner;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A sweep file on Apache Spark: each point is one task ({@link SweepRunner#point}: every seed of
 * that point), so the result is the one {@code backflush sweep} computes locally, bit for bit.
 * The driver reads and checks the sweep file (bad input stops here, before any task), sends its
 * text to the executors with each task, collects the points, marks the Pareto front and writes
 * the same files as {@code backflush sweep} on the driver's file system.
 *
 * <pre>
 * spark-submit --class io.backflush.spark.SparkSweep --master spark://host:7077 \
 *     backflush-spark.jar sweep.yaml --out results/ [--yes] [--max-points N]
 * </pre>
 */
public final class SparkSweep {
    /** Exit code for bad input, as the command line's. */
    public static final int EXIT_USAGE = 2;
    /** Points a sweep may have without --yes, as the command line's default. */
    public static final int DEFAULT_MAX_POINTS = 1000;

    private SparkSweep() {
    }

    /**
     * Runs the sweep file on {@code spark}, one task per point.
     *
     * @param file the sweep file; machine and strategy files it names must be at the same path on the executors
     */
    public static SweepResult run(JavaSparkContext spark, Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        String source = file.toString();
        String base = file.toAbsolutePath().getParent().toString();
        Sweep sweep = SweepFiles.parse(source, text, Path.of(base));
        return run(spark, sweep, new PointTask(source, text, base));
    }

    static SweepResult run(JavaSparkContext spark, Sweep sweep, PointTask task) {
        List<Integer> indices = new ArrayList<>();
        for (int i = 0; i < sweep.points().size(); i++) {
            indices.add(i);
        }
        List<SweepPoint> points = new ArrayList<>(spark.parallelize(indices, Math.max(1, indices.size()))
                .map(task).collect());
        points.sort(Comparator.comparingInt(SweepPoint::index));
        return SweepRunner.result(sweep, points);
    }

    /** One point on an executor: the sweep re-read from its text (once per executor JVM), then its seeds run. */
    static final class PointTask implements Function<Integer, SweepPoint> {
        private static final long serialVersionUID = 1L;
        private static final ConcurrentHashMap<String, Sweep> SWEEPS = new ConcurrentHashMap<>();
        private final String source;
        private final String text;
        private final String base;

        PointTask(String source, String text, String base) {
            this.source = source;
            this.text = text;
            this.base = base; // null: built-in names only
        }

        @Override
        public SweepPoint call(Integer index) {
            Sweep sweep = SWEEPS.computeIfAbsent(source + "\u0000" + base + "\u0000" + text,
                    k -> SweepFiles.parse(source, text, base == null ? null : Path.of(base)));
            return SweepRunner.point(sweep, index);
        }
    }

    /** {@code FILE --out DIR [--master M] [--yes] [--max-points N]}; exit 2 on bad input, before Spark starts. */
    public static void main(String[] args) {
        System.exit(execute(System.out, System.err, args));
    }

    static int execute(PrintStream out, PrintStream err, String... args) {
        Path file = null;
        Path dir = null;
        String master = null;
        boolean yes = false;
        Integer maxPoints = null;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--out" -> dir = Path.of(value(args, ++i, "--out"));
                    case "--master" -> master = value(args, ++i, "--master");
                    case "--yes" -> yes = true;
                    case "--max-points" -> maxPoints = Integer.parseInt(value(args, ++i, "--max-points"));
                    default -> {
                        if (args[i].startsWith("--") || file != null) {
                            throw new IllegalArgumentException("unknown argument '" + args[i]
                                    + "' (usage: FILE --out DIR [--master M] [--yes] [--max-points N])");
                        }
                        file = Path.of(args[i]);
                    }
                }
            }
            if (file == null || dir == null) {
                throw new IllegalArgumentException("usage: FILE --out DIR [--master M] [--yes] [--max-points N]");
            }
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException(file + ": no such file");
            }
            String text = Files.readString(file, StandardCharsets.UTF_8);
            String base = file.toAbsolutePath().getParent().toString();
            Sweep sweep = SweepFiles.parse(file.toString(), text, Path.of(base));
            int limit = maxPoints != null ? maxPoints : sweep.maxPoints() != null ? sweep.maxPoints() : DEFAULT_MAX_POINTS;
            if (sweep.points().size() > limit && !yes) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "%s: %d points, more than the limit of %d:"
                        + " add --yes to run it (or --max-points N)", file, sweep.points().size(), limit));
            }
            checkWritable(dir);
            SparkConf conf = new SparkConf().setAppName("backflush sweep " + sweep.name());
            if (master != null) {
                conf.setMaster(master);
            }
            SweepResult result;
            try (JavaSparkContext spark = new JavaSparkContext(conf)) {
                result = run(spark, sweep, new PointTask(file.toString(), text, base));
            }
            ShowFiles.write(ShowFiles.sweep(result, dir));
            out.printf(Locale.ROOT, "sweep %s: %d points × %d seeds on Spark, %d on the Pareto front; wrote %s/%n",
                    result.sweep(), result.points().size(), result.seeds().size(), result.front().size(), dir);
            return 0;
        } catch (ParameterFileException | IllegalArgumentException e) {
            err.println("backflush-spark: " + e.getMessage());
            return EXIT_USAGE;
        } catch (IOException e) {
            err.println("backflush-spark: " + e);
            return EXIT_USAGE;
        }
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args[i];
    }

    /** The output directory: creatable and writable now, before any task runs (a probe file, removed). */
    private static void checkWritable(Path dir) throws IOException {
        Path p = dir.toAbsolutePath();
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        if (p == null || !Files.isDirectory(p)) {
            throw new IllegalArgumentException("--out " + dir + ": " + (p == null ? "no existing directory above it"
                    : p + " is a file, not a directory"));
        }
        Path probe = p.resolve(".backflush-probe-" + ProcessHandle.current().pid());
        try {
            Files.write(probe, new byte[0]);
        } catch (IOException e) {
            throw new IllegalArgumentException("--out " + dir + ": cannot write in " + p);
        } finally {
            Files.deleteIfExists(probe);
        }
    }
}
