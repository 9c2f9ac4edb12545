package io.backflush.sim.usage;

import io.backflush.sim.program.BackflushProgram;
import io.backflush.sim.program.Phase;
import io.backflush.sim.program.PhaseKind;
import io.backflush.sim.program.Programs;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The named strategies, drawn from the published procedures in espresso-model-data.md (the
 * "Published backflush programs" and "Cleaning practice" tables).
 */
public final class Strategies {
    private Strategies() {
    }

    private static final Map<String, Strategy> STRATEGIES = new LinkedHashMap<>();

    private static final BackflushProgram WATER = Programs.find("water-5x10").orElseThrow();
    private static final BackflushProgram DETERGENT = Programs.find("detergent-5x10-rinse-5").orElseThrow();
    private static final BackflushProgram DESCALE = Programs.find("descale-manufacturer").orElseThrow();
    /** Citric acid per descale, g in the tank's 2 L of solution (25 g/L): estimate (no dose in the reference data). */
    static final double ACID_G = 50.0;

    static {
        add(new Strategy("none", "never cleaned", List.of()));
        add(new Strategy("water-daily", "water backflush 5 x 10 s / 10 s at the end of every day (seeds: daily for home use)",
                List.of(new CleaningTask(1, WATER, 0, false, false))));
        add(new Strategy("water-daily-detergent-weekly",
                "water backflush daily; 3 g detergent 5 x 10/10 s then 5 rinses weekly (seeds; chriscoffee)",
                List.of(new CleaningTask(1, WATER, 0, false, false),
                        new CleaningTask(7, DETERGENT, 3.0, false, true))));
        add(new Strategy("detergent-daily", "cafe: 3 g detergent 5 x 10/10 s then 5 rinses every day (seeds; Mulmar)",
                List.of(new CleaningTask(1, DETERGENT, 3.0, false, false))));
        add(new Strategy("clive-5x10",
                "Clive Coffee: weekly 3 g detergent, 6 x 10 s on / 10 s release, then 5 rinses; no daily water",
                List.of(new CleaningTask(7, program("clive-5x10", 6, 10, 10, 5, 10, 10), 3.0, false, false))));
        add(new Strategy("clevercoffee-5x5-10",
                "CleverCoffee firmware timing: 5 x 5 s on / 10 s off; water daily, 3 g detergent weekly",
                List.of(new CleaningTask(1, waterOnly("clevercoffee-water", 5, 5, 10), 0, false, false),
                        new CleaningTask(7, program("clevercoffee-detergent", 5, 5, 10, 5, 5, 10), 3.0, false, true))));
        add(new Strategy("decent-forward-flush",
                "Decent Forward Flush x5: weekly 3 g, 5 x 15 s on / 15 s release, repeated without detergent",
                List.of(new CleaningTask(7, program("decent-forward-flush", 5, 15, 15, 5, 15, 15), 3.0, false, false))));
        add(new Strategy("until-clear",
                "water daily; weekly 3 g detergent cycles until the discharge runs clear, rinses until below taste",
                List.of(new CleaningTask(1, WATER, 0, false, false),
                        new CleaningTask(7, program("until-clear", 10, 10, 10, 10, 10, 10), 3.0, true, true))));
        add(new Strategy("water-daily-flush-after-shot",
                "water daily, and after every shot the portafilter out and 2 s of pump through the open group "
                        + "(the guides' habit)",
                List.of(new CleaningTask(1, WATER, 0, false, false)), 2.0, 0));
        add(new Strategy("water-daily-scrub-weekly",
                "water daily; the shower screen taken off and scrubbed weekly instead of a detergent clean",
                List.of(new CleaningTask(1, WATER, 0, false, false)), 0.0, 7));
        add(new Strategy("cafe-descale-monthly",
                "cafe: 3 g detergent daily; descale-manufacturer with 50 g citric acid every 30 days (seeds: "
                        + "descale every 1-3 months)",
                List.of(new CleaningTask(1, DETERGENT, 3.0, false, false),
                        new CleaningTask(30, DESCALE, 0.0, false, false, 0.0, ACID_G))));
        add(new Strategy("cafe-descale-200l",
                "cafe: 3 g detergent daily; descale-manufacturer with 50 g citric acid every 200 L through the "
                        + "boiler (a buyer's guide: every 200 L)",
                List.of(new CleaningTask(1, DETERGENT, 3.0, false, false),
                        new CleaningTask(0, DESCALE, 0.0, false, false, 200.0, ACID_G))));
        add(new Strategy("home-descale-quarterly",
                "home: water daily, 3 g detergent weekly, descale-manufacturer with 50 g citric acid every 90 days",
                List.of(new CleaningTask(1, WATER, 0, false, false),
                        new CleaningTask(7, DETERGENT, 3.0, false, true),
                        new CleaningTask(90, DESCALE, 0.0, false, false, 0.0, ACID_G))));
    }

    private static BackflushProgram program(String name, int detergentCycles, double on, double release,
                                            int rinseCycles, double rinseOn, double rinseRelease) {
        return new BackflushProgram(name, List.of(new Phase(PhaseKind.DETERGENT, detergentCycles, on, release),
                new Phase(PhaseKind.RINSE, rinseCycles, rinseOn, rinseRelease)));
    }

    private static BackflushProgram waterOnly(String name, int cycles, double on, double release) {
        return new BackflushProgram(name, List.of(new Phase(PhaseKind.WATER, cycles, on, release)));
    }

    private static void add(Strategy strategy) {
        STRATEGIES.put(strategy.name(), strategy);
    }

    public static Optional<Strategy> find(String name) {
        return Optional.ofNullable(STRATEGIES.get(name));
    }

    public static Map<String, Strategy> all() {
        return Collections.unmodifiableMap(STRATEGIES);
    }
}
