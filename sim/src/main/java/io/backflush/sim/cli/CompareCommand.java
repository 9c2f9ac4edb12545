package io.backflush.sim.cli;

import io.backflush.core.cleaning.CleaningParameters;
import io.backflush.core.cleaning.Roast;
import io.backflush.core.machine.Machine;
import io.backflush.core.param.InvalidParameterException;
import io.backflush.sim.signal.Numbers;
import io.backflush.sim.usage.ComparisonResult;
import io.backflush.sim.usage.Figure;
import io.backflush.sim.usage.LifeResult;
import io.backflush.sim.usage.ScaleFigure;
import io.backflush.sim.usage.Spread;
import io.backflush.sim.usage.StepPolicy;
import io.backflush.sim.usage.Strategy;
import io.backflush.sim.usage.StrategyComparison;
import io.backflush.sim.usage.StrategySummary;
import io.backflush.sim.usage.Usage;
import io.backflush.sim.usage.Verdict;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;

@Command(name = "compare", mixinStandardHelpOptions = true, description = "Simulates days of use under each cleaning strategy and compares how "
        + "clean they keep the machine, for how much water, detergent and time.")
final class CompareCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--machine", required = true, paramLabel = "M", description = "A preset or a machine YAML file.")
    String machine;

    @Option(names = "--strategies", required = true, split = ",", paramLabel = "S", splitSynopsisLabel = ",",
            description = "Named strategies (see 'backflush strategies') or strategy YAML files.")
    List<String> strategies;

    @Option(names = "--days", defaultValue = "30", paramLabel = "D", description = "Days simulated (default ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--shots-per-day", defaultValue = "10", paramLabel = "N",
            description = "Shots a day, the mean when random (default ${DEFAULT-VALUE}).")
    double shotsPerDay;

    @Option(names = "--roast", defaultValue = "medium", paramLabel = "R", description = "light, medium or dark (default ${DEFAULT-VALUE}).")
    String roast;

    @Option(names = "--seeds", defaultValue = "1", paramLabel = "K", description = "Runs per strategy, seeds 1..K (default ${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--fixed-shots", description = "The same number of shots every day and typical pucks "
            + "(default: a Poisson count per day and varying pucks, drawn from the seed).")
    boolean fixedShots;

    @picocli.CommandLine.Mixin
    WaterOptions water;

    @Option(names = "--threads", paramLabel = "T", description = "Worker threads (default: all cores).")
    Integer threads;

    @Option(names = "--json", description = "Print one JSON object instead of the table.")
    boolean json;

    @Option(names = "--csv", paramLabel = "FILE", description = "Also write the table as CSV (means, then each figure's "
            + "standard deviation and 95 %% confidence interval), with NAME-seeds.csv (one row per strategy and seed) "
            + "and NAME-days.csv (one row per strategy, seed and day) beside it.")
    Path csv;

    @Option(names = "--plot", paramLabel = "DIR",
            description = "Write the comparison's charts (bars of the table; residue and cup quality over the days) "
                    + "as PNG and SVG into DIR.")
    Path plot;

    @Option(names = "--html", paramLabel = "DIR",
            description = "Write a self-contained HTML page of the comparison (index.html, charts/) into DIR.")
    Path html;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (days < 1 || days > 3650) {
            throw new UserInputException("--days must be between 1 and 3650, got " + days);
        }
        if (seeds < 1 || seeds > 1000) {
            throw new UserInputException("--seeds must be between 1 and 1000, got " + seeds);
        }
        if (!(shotsPerDay >= 0 && shotsPerDay <= 500)) {
            throw new UserInputException("--shots-per-day must be between 0 and 500, got " + shotsPerDay);
        }
        int workers = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (workers < 1 || workers > 256) {
            throw new UserInputException("--threads must be between 1 and 256, got " + workers);
        }
        if (csv != null) {
            OutputPaths.checkFile("--csv", csv);
            OutputPaths.checkFile("--csv", sibling(csv, "seeds"));
            OutputPaths.checkFile("--csv", sibling(csv, "days"));
        }
        if (plot != null) {
            ShowOutputs.checkDirectory("--plot", plot);
        }
        if (html != null) {
            ShowOutputs.checkDirectory("--html", html);
        }
        Roast r = RunSetup.roast(roast);
        io.backflush.core.machine.WaterChemistry w = water.water();
        Machine m = Inputs.machine(machine);
        if (w == null) {
            w = m.water(); // the machine file's water:, if any (the flags win)
        }
        List<Strategy> list = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String raw : strategies) {
            String name = raw.strip();
            if (name.isEmpty()) {
                throw new UserInputException("--strategies: an empty name in '" + String.join(",", strategies)
                        + "' (see 'backflush strategies')");
            }
            if (!seen.add(name)) {
                throw new UserInputException("--strategies: " + name + " is given twice");
            }
            list.add(Inputs.strategy(name));
        }
        Usage usage;
        try {
            usage = new Usage(days, shotsPerDay, !fixedShots, r, 18.0, 7.0, 19.0);
        } catch (InvalidParameterException e) {
            throw new UserInputException(e.getMessage());
        }
        List<Long> seedList = new ArrayList<>();
        for (long s = 1; s <= seeds; s++) {
            seedList.add(s);
        }
        int total = list.size() * seeds;
        ProgressBar bar = ProgressBar.forTerminal(spec.commandLine().getErr(),
                String.format(Locale.ROOT, "%s, %d days: %d strateg%s x %d seed%s", m.name(), days, list.size(),
                        list.size() == 1 ? "y" : "ies", seeds, seeds == 1 ? "" : "s"), total);
        ComparisonResult result = StrategyComparison.compare(m, usage, list, seedList, workers, StepPolicy.fast(),
                CleaningParameters.defaults(), w, io.backflush.core.scale.ScaleParameters.defaults(), bar::update);
        bar.finish();
        if (csv != null) {
            ShowOutputs.writeFiles("--csv", csv, java.util.Map.of(csv, csv(result), sibling(csv, "seeds"), seedsCsv(result),
                    sibling(csv, "days"), daysCsv(result)));
        }
        if (plot != null) {
            ShowOutputs.writeComparePlots(result, plot);
        }
        if (html != null) {
            ShowOutputs.writeCompareReport(result, html);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(RunCommand.jsonMapper().writeValueAsString(result));
        } else {
            printTable(out, result);
        }
        return 0;
    }

    static void printTable(PrintWriter out, ComparisonResult c) {
        boolean spread = c.seeds() > 1;
        out.printf(Locale.ROOT, "machine %s, %d days, %s shots a day, %s roast, %d seed%s (means over seeds%s)%n%n",
                c.machine(), c.days(), trim(c.shotsPerDay()), c.roast(), c.seeds(), c.seeds() == 1 ? "" : "s",
                spread ? "; under each, ± the half-width of its 95 % confidence interval" : "");
        int width = Math.max(8, c.strategies().stream().mapToInt(s -> s.name().length()).max().orElse(8));
        // 100 columns at most with the longest built-in name (28 characters)
        String format = "%-" + width + "s  %5s %5s %6s %7s %5s %6s %6s %5s %7s %4s%n";
        out.printf(Locale.ROOT, format, "strategy", "cup", "worst", "screen", "passage", "valve", "water", "deterg",
                "clean", "tainted", "drip");
        out.printf(Locale.ROOT, format, "", "pen.", "pen.", "mg", "mg", "mg", "ml", "g", "min", "shots", "days");
        String[] patterns = {"%.3f", "%.3f", "%.1f", "%.1f", "%.1f", "%.0f", "%.1f", "%.1f", "%.1f", "%.1f"};
        for (StrategySummary s : c.strategies()) {
            double[] means = {s.meanCupPenalty(), s.worstCupPenalty(), s.residueEndMg().get("screen"),
                s.residueEndMg().get("passage"), s.residueEndMg().get("valve"), s.waterUsedMl(), s.detergentUsedG(),
                s.cleaningMinutes(), s.taintedShots(), s.dripDays()};
            Object[] row = new Object[11];
            row[0] = s.name();
            for (int i = 0; i < means.length; i++) {
                row[i + 1] = f(means[i], patterns[i]);
            }
            out.printf(Locale.ROOT, format, row);
            if (spread) {
                Object[] plusMinus = new Object[11];
                plusMinus[0] = "  ± 95 %";
                Figure[] figures = Figure.values();
                for (int i = 0; i < figures.length; i++) {
                    Double half = s.spread(figures[i]).halfWidth();
                    plusMinus[i + 1] = half == null ? "" : f(half, patterns[i]);
                }
                out.printf(Locale.ROOT, format, plusMinus);
            }
        }
        out.println();
        for (Verdict v : c.verdicts()) {
            out.print(wrap(v.text() + ".", 100));
        }
        if (!c.verdicts().isEmpty()) {
            out.println();
        }
        out.println("cup penalty (pen.): 0 is clean, 1 is what a taster notices (residue in the brew path, detergent");
        out.println("in the shot); deterg: detergent used; clean: minutes spent cleaning; tainted: shots tainted by");
        out.println("detergent; drip: days with a dripping valve.");
        if (c.water() != null) {
            printScaleTable(out, c, width);
        }
    }

    /** The scale each strategy left: a second table, when a water was given. */
    static void printScaleTable(PrintWriter out, ComparisonResult c, int width) {
        out.printf(Locale.ROOT, "%nscale from water of hardness %s and alkalinity %s mg/L as CaCO3%s:%n%n",
                trim(c.water().hardnessMgPerL()), trim(c.water().alkalinityMgPerL()),
                c.water().softeningFraction() > 0 ? ", softened by " + trim(c.water().softeningFraction()) : "");
        String format = "%-" + width + "s  %7s %7s %7s %6s %7s %6s %7s %6s %5s%n";
        out.printf(Locale.ROOT, format, "strategy", "element", "boiler", "gicleur", "seat", "exhaust", "heated",
                "descale", "acid", "sour");
        out.printf(Locale.ROOT, format, "", "g", "g", "mg", "mg", "mg", "L", "min", "g", "shots");
        for (StrategySummary s : c.strategies()) {
            java.util.Map<String, Double> mg = s.scaleMg();
            out.printf(Locale.ROOT, format, s.name(), f(mg.get("element") / 1000, "%.2f"), f(mg.get("boiler") / 1000, "%.2f"),
                    f(mg.get("gicleur"), "%.3f"), f(mg.get("seat"), "%.3f"), f(mg.get("exhaust"), "%.3f"),
                    f(s.litresHeated(), "%.0f"), f(s.descaleMinutes(), "%.0f"), f(s.acidUsedG(), "%.0f"),
                    f(s.acidTaintedShots(), "%.1f"));
        }
        out.println();
        out.println("Backflushing and descaling are different jobs: detergent and water move coffee oils from the");
        out.println("group, screen and valve but leave scale; citric acid dissolves scale from the element, boiler,");
        out.println("gicleur and valve but leaves coffee oils. sour: shots tainted by acid left from a descale.");
    }

    /** Words wrapped to {@code width} columns, continuation lines indented by two spaces, each line ended. */
    static String wrap(String text, int width) {
        StringBuilder all = new StringBuilder();
        StringBuilder line = new StringBuilder();
        // "95 %" stays on one line
        for (String glued : text.replace(" %", "\u0000%").split(" ")) {
            String word = glued.replace('\u0000', ' ');
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                all.append(line).append(System.lineSeparator());
                line.setLength(0);
                line.append(' '); // with the separator below: a two-space indent
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(word);
        }
        return all.append(line).append(System.lineSeparator()).toString();
    }

    /** {@code compare.csv} -> {@code compare-seeds.csv}. */
    static Path sibling(Path csv, String what) {
        String name = csv.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? name.substring(dot) : ".csv";
        return csv.resolveSibling(stem + "-" + what + ext);
    }

    /**
     * The table as CSV, numbers in Java's shortest round-trip form: the means (as before), then
     * each figure's {@code _sd}, {@code _ci95_low} and {@code _ci95_high} (empty for one seed), then {@code seeds},
     * then the scale figures ({@link ScaleFigure}: means over the seeds; the scale per site empty without a water).
     */
    static byte[] csv(ComparisonResult c) {
        StringBuilder w = new StringBuilder("strategy");
        for (Figure f : Figure.values()) {
            w.append(',').append(f.column());
        }
        for (Figure f : Figure.values()) {
            w.append(',').append(f.column()).append("_sd,").append(f.column()).append("_ci95_low,")
                    .append(f.column()).append("_ci95_high");
        }
        w.append(",seeds");
        scaleColumns(w);
        for (StrategySummary s : c.strategies()) {
            w.append(s.name());
            for (double v : new double[] {s.meanCupPenalty(), s.worstCupPenalty(), s.residueEndMg().get("screen"),
                    s.residueEndMg().get("passage"), s.residueEndMg().get("valve"), s.waterUsedMl(), s.detergentUsedG(),
                    s.cleaningMinutes(), s.taintedShots(), s.dripDays()}) {
                w.append(',').append(Numbers.shortest(v));
            }
            for (Figure f : Figure.values()) {
                Spread sp = s.spread(f);
                w.append(',').append(cell(sp.sd())).append(',').append(cell(sp.ci95Low())).append(',')
                        .append(cell(sp.ci95High()));
            }
            w.append(',').append(s.perSeed().size());
            for (ScaleFigure f : ScaleFigure.values()) {
                w.append(',').append(cell(f.of(s)));
            }
            w.append('\n');
        }
        return w.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The scale figures' columns, each after a comma, then the end of the header line. */
    private static void scaleColumns(StringBuilder w) {
        for (ScaleFigure f : ScaleFigure.values()) {
            w.append(',').append(f.column());
        }
        w.append('\n');
    }

    /** One row per strategy and seed: every figure of that seed's life, then its scale figures. */
    static byte[] seedsCsv(ComparisonResult c) {
        StringBuilder w = new StringBuilder("strategy,seed,shots");
        for (Figure f : Figure.values()) {
            w.append(',').append(f.column());
        }
        scaleColumns(w);
        for (StrategySummary s : c.strategies()) {
            for (LifeResult r : s.perSeed()) {
                w.append(s.name()).append(',').append(r.seed()).append(',').append(r.shots());
                for (Figure f : Figure.values()) {
                    w.append(',').append(Numbers.shortest(f.of(r)));
                }
                for (ScaleFigure f : ScaleFigure.values()) {
                    w.append(',').append(cell(f.of(r.scale())));
                }
                w.append('\n');
            }
        }
        return w.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * One row per strategy, seed and day (1-based): residue at the day's end, its shots' mean
     * penalty and the scale at the day's end (all sites; empty without a water).
     */
    static byte[] daysCsv(ComparisonResult c) {
        StringBuilder w = new StringBuilder("strategy,seed,day,residue_mg,cup_penalty,scale_mg\n");
        for (StrategySummary s : c.strategies()) {
            for (LifeResult r : s.perSeed()) {
                List<Double> scale = r.scale().scalePerDayMg();
                for (int d = 0; d < r.residuePerDayMg().size(); d++) {
                    w.append(s.name()).append(',').append(r.seed()).append(',').append(d + 1).append(',')
                            .append(Numbers.shortest(r.residuePerDayMg().get(d))).append(',')
                            .append(Numbers.shortest(r.cupPenaltyPerDay().get(d))).append(',')
                            .append(d < scale.size() ? Numbers.shortest(scale.get(d)) : "")
                            .append('\n');
                }
            }
        }
        return w.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String cell(Double v) {
        return v == null ? "" : Numbers.shortest(v);
    }

    private static String f(double v, String pattern) {
        return String.format(Locale.ROOT, pattern, v);
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
