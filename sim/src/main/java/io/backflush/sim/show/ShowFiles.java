package io.backflush.sim.show;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code --plot}, {@code --audio} and {@code --html} write, rendered in memory first and then
 * written so that a failure leaves nothing half-written: each file goes to a temporary file in its
 * own directory and is moved into place atomically once every file has been written, and if any
 * step fails, the temporary files and any file already moved into place by the same call are removed.
 */
public final class ShowFiles {
    /** The full-length sound written beside the report page. */
    public static final String REPORT_WAV = "backflush.wav";
    public static final String REPORT_PAGE = "index.html";
    public static final String CHARTS_DIR = "charts";
    /** The report embeds at most this much of the run's sound (at a lower sample rate), s. */
    public static final double EXCERPT_MAX_SECONDS = 40.0;
    /** Longest run rendered to a full-length sound file, s (44.1 kHz 16-bit: 53 MB). */
    public static final double MAX_AUDIO_SECONDS = 600.0;

    private ShowFiles() {
    }

    /** Every chart of the run as {@code STEM.png} and {@code STEM.svg} in {@code dir}. */
    public static Map<Path, byte[]> plots(ShownRun run, Path dir) {
        Map<Path, byte[]> files = new LinkedHashMap<>();
        chartFiles(RunCharts.all(run), dir, files, new LinkedHashMap<>());
        return files;
    }

    /** The run's sound, whole, as WAV (16-bit PCM mono, 44.1 kHz). */
    public static byte[] audio(ShownRun run) {
        return RunSound.wav(RunSound.render(run), RunSound.SAMPLE_RATE);
    }

    /**
     * The report: {@code dir/index.html} (self-contained: charts and a sound excerpt embedded),
     * the whole run's sound as {@code dir/backflush.wav} (runs up to {@value #MAX_AUDIO_SECONDS} s) and
     * the charts in {@code dir/charts}.
     */
    public static Map<Path, byte[]> report(ShownRun run, Path dir) {
        Map<Path, byte[]> files = new LinkedHashMap<>();
        Map<String, byte[]> pngs = new LinkedHashMap<>();
        chartFiles(RunCharts.all(run), dir.resolve(CHARTS_DIR), files, pngs);
        double[] excerpt = excerpt(run);
        byte[] wav = RunSound.wav(RunSound.render(run, RunSound.EXCERPT_SAMPLE_RATE, excerpt[0], excerpt[1]),
                RunSound.EXCERPT_SAMPLE_RATE);
        boolean full = run.result().simulatedSeconds() <= MAX_AUDIO_SECONDS;
        if (full) {
            files.put(dir.resolve(REPORT_WAV), audio(run));
        }
        String page = ReportPage.html(run, pngs, wav, excerpt[0], excerpt[1], full ? REPORT_WAV : null);
        files.put(dir.resolve(REPORT_PAGE), page.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return files;
    }

    /** The embedded excerpt: the first two cycles (the dry start and a typical cycle), at most 40 s. */
    static double[] excerpt(ShownRun run) {
        double end = run.result().simulatedSeconds();
        if (run.cycles().size() >= 2) {
            end = run.cycleEndSeconds(1);
        }
        return new double[] {0.0, Math.min(end, EXCERPT_MAX_SECONDS)};
    }

    /** The comparison's charts as {@code STEM.png} and {@code STEM.svg} in {@code dir}. */
    public static Map<Path, byte[]> comparePlots(io.backflush.sim.usage.ComparisonResult c, Path dir) {
        Map<Path, byte[]> files = new LinkedHashMap<>();
        chartFiles(CompareCharts.all(c), dir, files, new LinkedHashMap<>());
        return files;
    }

    /** The comparison's page, {@code dir/index.html} (charts embedded), and its charts in {@code dir/charts}. */
    public static Map<Path, byte[]> compareReport(io.backflush.sim.usage.ComparisonResult c, Path dir) {
        Map<Path, byte[]> files = new LinkedHashMap<>();
        Map<String, byte[]> pngs = new LinkedHashMap<>();
        chartFiles(CompareCharts.all(c), dir.resolve(CHARTS_DIR), files, pngs);
        files.put(dir.resolve(REPORT_PAGE), ComparePage.html(c, pngs).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return files;
    }

    /**
     * A sweep's outputs in {@code dir}: {@code points.csv}, {@code points.json}, {@code front.csv}
     * (the front's rows only), {@code index.html} (charts embedded) and {@code charts/}.
     */
    public static Map<Path, byte[]> sweep(io.backflush.sim.sweep.SweepResult r, Path dir) {
        Map<Path, byte[]> files = new LinkedHashMap<>();
        files.put(dir.resolve("points.csv"), io.backflush.sim.sweep.SweepTables.csv(r));
        files.put(dir.resolve("front.csv"), io.backflush.sim.sweep.SweepTables.csv(new io.backflush.sim.sweep.SweepResult(
                r.sweep(), r.machine(), r.strategy(), r.design(), r.days(), r.seeds(), r.axes(), r.front(),
                r.points().stream().filter(io.backflush.sim.sweep.SweepPoint::pareto).toList())));
        files.put(dir.resolve("points.json"), io.backflush.sim.sweep.SweepTables.json(r));
        Map<String, byte[]> pngs = new LinkedHashMap<>();
        chartFiles(SweepCharts.all(r), dir.resolve(CHARTS_DIR), files, pngs);
        files.put(dir.resolve(REPORT_PAGE), SweepPage.html(r, pngs).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return files;
    }

    /** Each chart as {@code dir/STEM.png} and {@code dir/STEM.svg} into {@code files}; its PNG also into {@code pngs}. */
    private static void chartFiles(List<RunCharts.Named> charts, Path dir, Map<Path, byte[]> files,
                                   Map<String, byte[]> pngs) {
        for (RunCharts.Named chart : charts) {
            byte[] png = Charts.png(chart.chart());
            pngs.put(chart.stem(), png);
            files.put(dir.resolve(chart.stem() + ".png"), png);
            files.put(dir.resolve(chart.stem() + ".svg"), Charts.svg(chart.chart()));
        }
    }

    /**
     * Writes the files (creating their directories), all or none: on failure the temporary files,
     * the files already moved into place and the directories this call created are removed.
     */
    public static void write(Map<Path, byte[]> files) throws IOException {
        List<Path[]> pending = new ArrayList<>();
        List<Path> written = new ArrayList<>();
        List<Path> createdDirs = new ArrayList<>();
        try {
            for (Map.Entry<Path, byte[]> e : files.entrySet()) {
                Path target = e.getKey().toAbsolutePath();
                createDirectories(target.getParent(), createdDirs);
                // a plain new file (not createTempFile's owner-only one), so the result has the usual permissions
                Path temporary = target.resolveSibling("." + target.getFileName() + "."
                        + Long.toHexString(System.nanoTime()) + ".part");
                pending.add(new Path[] {temporary, target});
                Files.write(temporary, e.getValue(), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            }
            for (Path[] move : pending) {
                Files.move(move[0], move[1], StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                written.add(move[1]);
            }
        } catch (IOException | RuntimeException e) {
            for (Path[] move : pending) {
                deleteQuietly(move[0]);
            }
            for (Path p : written) {
                deleteQuietly(p);
            }
            for (int i = createdDirs.size() - 1; i >= 0; i--) {
                deleteQuietly(createdDirs.get(i));
            }
            throw e;
        }
    }

    /** Creates {@code dir} and its missing parents, recording (outermost first) the ones it created. */
    private static void createDirectories(Path dir, List<Path> created) throws IOException {
        List<Path> missing = new ArrayList<>();
        for (Path p = dir; p != null && !Files.isDirectory(p); p = p.getParent()) {
            missing.add(0, p);
        }
        for (Path p : missing) {
            Files.createDirectory(p);
            created.add(p);
        }
    }

    /** Removes a file or an empty directory; a failure to clean up must not hide the error being reported. */
    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a directory that is not empty (someone else's files) stays
        }
    }

    /** Human-readable size, for the command's summary line. */
    public static String size(long bytes) {
        if (bytes >= 1 << 20) {
            return String.format(Locale.ROOT, "%.1f MB", bytes / 1048576.0);
        }
        return String.format(Locale.ROOT, "%.0f kB", bytes / 1024.0);
    }
}
