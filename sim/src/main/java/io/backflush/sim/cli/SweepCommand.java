package io.backflush.sim.cli;

import io.backflush.core.param.ParameterFileException;
import io.backflush.sim.show.ShowFiles;
import io.backflush.sim.sweep.Pareto;
import io.backflush.sim.sweep.Sweep;
import io.backflush.sim.sweep.SweepFiles;
import io.backflush.sim.sweep.SweepPoint;
import io.backflush.sim.sweep.SweepResult;
import io.backflush.sim.sweep.SweepRunner;
import io.backflush.sim.sweep.SweepTables;
import io.backflush.sim.usage.Figure;
import io.backflush.sim.usage.Spread;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "sweep", mixinStandardHelpOptions = true, description = "Runs a sweep file: a base machine, strategy "
        + "and usage, and axes to vary (a grid, or random or Latin-hypercube samples), every point for every seed; "
        + "writes every point's figures with their spread, the Pareto front of cup quality against water, detergent "
        + "and cleaning time, charts and a page (docs/sweeps.md).")
final class SweepCommand implements Callable<Integer> {
    /** Points a sweep may have without --yes, unless the file or --max-points says otherwise. */
    static final int DEFAULT_MAX_POINTS = 1000;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The sweep file (YAML; docs/sweeps.md).")
    Path file;

    @Option(names = "--out", paramLabel = "DIR", description = "Where to write points.csv, points.json, front.csv, "
            + "index.html and charts/ (default: NAME-sweep, NAME the sweep's name).")
    Path out;

    @Option(names = "--threads", paramLabel = "T", description = "Worker threads (default: all cores); the result "
            + "does not depend on it.")
    Integer threads;

    @Option(names = "--max-points", paramLabel = "N", description = "Refuse a sweep of more than N points unless "
            + "--yes is given (default: the file's maxPoints, else " + DEFAULT_MAX_POINTS + ").")
    Integer maxPoints;

    @Option(names = "--yes", description = "Run a sweep larger than --max-points.")
    boolean yes;

    @Option(names = "--json", description = "Print the result (points.json) on standard output instead of the summary.")
    boolean json;

    @Override
    public Integer call() throws InterruptedException {
        int workers = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (workers < 1 || workers > 256) {
            throw new UserInputException("--threads must be between 1 and 256, got " + workers);
        }
        if (maxPoints != null && maxPoints < 1) {
            throw new UserInputException("--max-points must be at least 1, got " + maxPoints);
        }
        Sweep sweep;
        try {
            sweep = SweepFiles.load(file);
        } catch (ParameterFileException e) {
            throw new UserInputException(e.getMessage());
        }
        int limit = maxPoints != null ? maxPoints : sweep.maxPoints() != null ? sweep.maxPoints() : DEFAULT_MAX_POINTS;
        int points = sweep.points().size();
        if (points > limit && !yes) {
            throw new UserInputException(String.format(Locale.ROOT, "%s: %d points × %d seeds = %d machine lives of %d "
                            + "days; that is more than the limit of %d points: add --yes to run it (or --max-points N)",
                    file, points, sweep.seeds().size(), (long) points * sweep.seeds().size(), sweep.usage().days(), limit));
        }
        Path dir = out != null ? out : Path.of(sweep.name() + "-sweep");
        OutputPaths.checkDirectory("--out", dir);
        int total = points * sweep.seeds().size();
        ProgressBar bar = ProgressBar.forTerminal(spec.commandLine().getErr(), String.format(Locale.ROOT,
                "%s: %d point%s x %d seed%s", sweep.name(), points, points == 1 ? "" : "s", sweep.seeds().size(),
                sweep.seeds().size() == 1 ? "" : "s"), total);
        SweepResult result;
        try {
            result = SweepRunner.run(sweep, workers, bar::update);
        } finally {
            bar.finish();
        }
        ShowOutputs.writeFiles("--out", dir, ShowFiles.sweep(result, dir));
        PrintWriter o = spec.commandLine().getOut();
        if (json) {
            o.print(new String(SweepTables.json(result), StandardCharsets.UTF_8));
        } else {
            summary(o, result, dir);
        }
        return 0;
    }

    static void summary(PrintWriter o, SweepResult r, Path dir) {
        List<SweepPoint> front = r.points().stream().filter(SweepPoint::pareto).toList();
        o.print(CompareCommand.wrap(String.format(Locale.ROOT, "sweep %s on %s: %d points × %d seed%s (%s over %s), "
                        + "%d on the Pareto front", r.sweep(), r.machine(), r.points().size(), r.seeds().size(),
                r.seeds().size() == 1 ? "" : "s", r.design(), String.join(", ", r.axes()), front.size()), 100));
        o.print(CompareCommand.wrap("front: no other point is as good or better on cup penalty, water, detergent and "
                + "cleaning time at once" + (r.seeds().size() > 1 ? "; ± 95 % interval over the seeds" : ""), 100));
        o.println();
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%6s", "point"));
        for (String axis : r.axes()) {
            head.append(String.format(Locale.ROOT, "  %s", axis));
        }
        o.println(head + "  |  cup penalty        water ml   detergent g  clean min");
        int shown = 0;
        for (SweepPoint p : front) {
            if (shown++ == 20) {
                o.printf(Locale.ROOT, "... and %d more (front.csv)%n", front.size() - 20);
                break;
            }
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%6d", p.index()));
            for (String axis : r.axes()) {
                row.append(String.format(Locale.ROOT, "  %" + axis.length() + "s", p.parameters().get(axis)));
            }
            row.append("  |  ").append(cell(p.figure(Figure.MEAN_CUP_PENALTY), "%.4f", 18));
            for (Figure f : Pareto.OBJECTIVES.subList(1, 4)) {
                row.append(' ').append(cell(p.figure(f), "%.0f", 11));
            }
            o.println(row.toString().stripTrailing());
        }
        o.println();
        o.println("wrote " + dir + "/: points.csv, points.json, front.csv, index.html, charts/");
    }

    private static String cell(Spread s, String pattern, int width) {
        String text = String.format(Locale.ROOT, pattern, s.mean())
                + (s.halfWidth() == null ? "" : " ±" + String.format(Locale.ROOT, pattern, s.halfWidth()));
        return String.format(Locale.ROOT, "%-" + width + "s", text);
    }
}
