package io.backflush.sim.cli;

import io.backflush.core.cleaning.Roast;
import io.backflush.core.machine.Machine;
import io.backflush.core.machine.WaterChemistry;
import io.backflush.sim.usage.CleaningAdvice;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "advise", mixinStandardHelpOptions = true,
        description = "How often to water-backflush, detergent-backflush and descale for your water and use, "
                + "from simulated months, with what each choice costs.",
        footer = {"", "Examples:",
                "  backflush advise --hardness 175 --alkalinity 125 --shots-per-day 10",
                "  backflush advise --machine e61-hx --hardness 300 --alkalinity 200 --shots-per-day 100 --roast dark",
                "  backflush advise --hardness 50 --alkalinity 40 --shots-per-day 4 --json"})
final class AdviseCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--machine", defaultValue = "single-boiler", paramLabel = "M",
            description = "A preset or a machine YAML file (default ${DEFAULT-VALUE}).")
    String machine;

    @Mixin
    WaterOptions water;

    @Option(names = "--shots-per-day", required = true, paramLabel = "N", description = "Shots a day (0-500).")
    double shotsPerDay;

    @Option(names = "--roast", defaultValue = "medium", paramLabel = "R",
            description = "light, medium or dark (default ${DEFAULT-VALUE}).")
    String roast;

    @Option(names = "--threads", paramLabel = "T", description = "Worker threads (default: all cores).")
    Integer threads;

    @Option(names = "--json", description = "Print one JSON object instead of the advice.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (!(shotsPerDay >= 0 && shotsPerDay <= 500)) {
            throw new UserInputException("--shots-per-day must be between 0 and 500, got " + shotsPerDay);
        }
        int workers = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (workers < 1 || workers > 256) {
            throw new UserInputException("--threads must be between 1 and 256, got " + workers);
        }
        WaterChemistry w = water.water();
        Roast r = RunSetup.roast(roast);
        Machine m = Inputs.machine(machine);
        if (w == null) {
            w = m.water(); // the machine file's water:, if any (the flags win)
        }
        if (w == null) {
            throw new UserInputException("advise needs the water: give --hardness and --alkalinity (mg/L as CaCO3; "
                    + "a water report or test strips give them), or a machine file with a water: section");
        }
        ProgressBar bar = ProgressBar.forTerminal(spec.commandLine().getErr(),
                m.name() + ": " + CleaningAdvice.DETERGENT_EVERY_DAYS.size() + " schedules x "
                        + CleaningAdvice.DAYS + " days", CleaningAdvice.DETERGENT_EVERY_DAYS.size());
        CleaningAdvice.Advice a = CleaningAdvice.advise(m, w, shotsPerDay, r, workers, bar::update);
        bar.finish();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(RunCommand.jsonMapper().writeValueAsString(a));
            return 0;
        }
        print(out, m.name(), shotsPerDay, r, a);
        return 0;
    }

    static void print(PrintWriter out, String machine, double shotsPerDay, Roast roast, CleaningAdvice.Advice a) {
        WaterChemistry w = a.water();
        out.printf(Locale.ROOT, "%s, %s shots a day, %s roast%nwater: hardness %s, alkalinity %s mg/L as CaCO3%s:"
                        + " up to %.1f mg of scale per litre heated to 93 °C%n%n", machine, trim(shotsPerDay),
                roast.label(), trim(w.hardnessMgPerL()), trim(w.alkalinityMgPerL()),
                w.softeningFraction() > 0 ? ", softened by " + trim(w.softeningFraction()) : "", a.scaleMgPerLitre());
        CleaningAdvice.Candidate c = a.advised();
        if (a.detergentEveryDays() > 1) {
            out.println("water backflush      every day (water-5x10, on the days without detergent)");
        }
        out.printf(Locale.ROOT, "detergent backflush  every %s (detergent-5x10-rinse-5, 3 g)%n", days(a.detergentEveryDays()));
        out.printf(Locale.ROOT, "  cost a month:      %.1f L of water, %.0f g of detergent, %.0f min; mean cup penalty %.3f%n",
                c.waterPerMonthL(), c.detergentPerMonthG(), c.minutesPerMonth(), c.meanCupPenalty());
        out.printf(Locale.ROOT, "descale              every %s, about %.0f L through the boiler (descale-manufacturer)%n",
                days(a.descaleEveryDays()), a.descaleEveryLitres());
        out.printf(Locale.ROOT, "  cost each time:    %.0f g of citric acid, %.1f L of water, %.0f min; %.1f a year%n",
                a.acidPerDescaleG(), a.waterPerDescaleL(), a.minutesPerDescale(), 365.0 / a.descaleEveryDays());
        out.printf(Locale.ROOT, "  why:               %s%n", why(a));
        out.println();
        out.printf(Locale.ROOT, "%-12s %9s %8s %8s %6s%n", "detergent", "cup pen.", "water L", "deterg g", "min");
        for (CleaningAdvice.Candidate k : a.candidates()) {
            out.printf(Locale.ROOT, "%-12s %9.3f %8.1f %8.0f %6.0f%s%n", "every " + days(k.detergentEveryDays()),
                    k.meanCupPenalty(), k.waterPerMonthL(), k.detergentPerMonthG(), k.minutesPerMonth(),
                    k.detergentEveryDays() == a.detergentEveryDays() ? "  <- advised" : "");
        }
        out.println();
        out.printf(Locale.ROOT, "A month of each schedule (random days, seed 1). Advised: the longest detergent interval "
                + "whose%nmean cup penalty stays at or below %.1f (1 is what a taster notices). Backflushing and "
                + "descaling%nare different jobs: detergent moves coffee oils from the group and valve; citric acid "
                + "dissolves%nscale from the element, boiler, gicleur and valve.%n", CleaningAdvice.PENALTY_TARGET);
    }

    private static String why(CleaningAdvice.Advice a) {
        int percent = (int) Math.round(CleaningAdvice.EFFECT_TOLERANCE * 100);
        return switch (a.descaleLimitedBy()) {
            case "element" -> "by then the element's scale cuts its heat transfer by " + percent + " % (slower heat-up)";
            case "gicleur" -> "by then scale narrows the gicleur by " + percent + " % of its area (slower fill)";
            case "exhaust" -> "by then scale narrows the valve's exhaust by " + percent + " % (weaker whoosh)";
            case "seat" -> "by then scale on the valve seat makes it drip";
            default -> "the scale would take longer than that to matter: twice a year as a precaution";
        };
    }

    private static String days(int d) {
        return d == 1 ? "day" : d + " days";
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
