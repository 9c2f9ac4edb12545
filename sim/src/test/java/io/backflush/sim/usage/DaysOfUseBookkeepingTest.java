package io.backflush.sim.usage;

import io.backflush.core.cleaning.CleaningParameters;
import io.backflush.core.cleaning.Roast;
import io.backflush.core.hydraulics.BasketParameters;
import io.backflush.core.machine.Machine;
import io.backflush.core.machine.Presets;
import io.backflush.core.plant.Plant;
import io.backflush.core.plant.StateLayout;
import io.backflush.sim.program.BackflushProgram;
import io.backflush.sim.program.Phase;
import io.backflush.sim.program.PhaseKind;
import io.backflush.sim.program.Programs;
import io.backflush.sim.run.TickObserver;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Fourteen days of use, and what each strategy's schedule says they hold: which days clean and
 * with how many backflush cycles, the minutes and the detergent, worked out by hand from the
 * strategy definitions ({@link Strategies}; a task runs at the end of every {@code everyDays}-th
 * day, a due task that replaces shorter-period ones runs instead of them). Watched from outside
 * ({@link TickObserver}: a cleaning step is one with the blind basket in) and compared with what
 * {@link LifeResult} reports, including the water, which must be the sum of the runs' water.
 */
class DaysOfUseBookkeepingTest {
    static final Machine MACHINE = Machine.of(Presets.singleBoiler());
    static final int DAYS = 14;
    static final BackflushProgram WATER = Programs.find("water-5x10").orElseThrow();
    static final BackflushProgram DETERGENT = Programs.find("detergent-5x10-rinse-5").orElseThrow();
    /** Two detergent phases, each dosed: 2 × (2 + 1) cycles of 10 s / 10 s. */
    static final BackflushProgram TWICE = new BackflushProgram("twice", List.of(
            new Phase(PhaseKind.DETERGENT, 2, 10, 10), new Phase(PhaseKind.RINSE, 1, 10, 10),
            new Phase(PhaseKind.DETERGENT, 2, 10, 10), new Phase(PhaseKind.RINSE, 1, 10, 10)));

    /**
     * What a strategy's schedule says about 14 days, by hand.
     *
     * @param cyclesPerDay  backflush cycles run at the end of days 1..14
     * @param seconds       cleaning time, s
     * @param grams         detergent dosed, g
     * @param runs          the programs run, with how many times (for the water), or empty where
     *                      the program is adaptive
     */
    record Expected(Strategy strategy, int[] cyclesPerDay, double seconds, double grams, List<Runs> runs) {
        @Override
        public String toString() {
            return strategy.name();
        }
    }

    record Runs(BackflushProgram program, int times) {
    }

    static Strategy named(String name) {
        return Strategies.find(name).orElseThrow();
    }

    static Stream<Expected> schedules() {
        return Stream.of(
                new Expected(named("none"), new int[14], 0, 0, List.of()),
                // 5 × (10 + 10) s every day
                new Expected(named("water-daily"), new int[] {5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5},
                        14 * 100, 0, List.of(new Runs(WATER, 14))),
                // days 7 and 14: 5 + 5 cycles of 20 s and 3 g instead of the water clean
                new Expected(named("water-daily-detergent-weekly"), new int[] {5, 5, 5, 5, 5, 5, 10, 5, 5, 5, 5, 5, 5, 10},
                        12 * 100 + 2 * 200, 2 * 3.0, List.of(new Runs(WATER, 12), new Runs(DETERGENT, 2))),
                new Expected(named("detergent-daily"), new int[] {10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10},
                        14 * 200, 14 * 3.0, List.of(new Runs(DETERGENT, 14))),
                // weekly only: 6 detergent + 5 rinse cycles of 20 s
                new Expected(named("clive-5x10"), new int[] {0, 0, 0, 0, 0, 0, 11, 0, 0, 0, 0, 0, 0, 11},
                        2 * 220, 2 * 3.0, List.of(new Runs(named("clive-5x10").tasks().get(0).program(), 2))),
                // 5 × (5 + 10) s daily; weekly 5 + 5 cycles of 15 s instead
                new Expected(named("clevercoffee-5x5-10"), new int[] {5, 5, 5, 5, 5, 5, 10, 5, 5, 5, 5, 5, 5, 10},
                        12 * 75 + 2 * 150, 2 * 3.0, List.of(new Runs(named("clevercoffee-5x5-10").tasks().get(0).program(), 12),
                        new Runs(named("clevercoffee-5x5-10").tasks().get(1).program(), 2))),
                // weekly only: 5 + 5 cycles of 30 s
                new Expected(named("decent-forward-flush"), new int[] {0, 0, 0, 0, 0, 0, 10, 0, 0, 0, 0, 0, 0, 10},
                        2 * 300, 2 * 3.0, List.of(new Runs(named("decent-forward-flush").tasks().get(0).program(), 2))),
                // every 2nd day water; every 7th detergent, replacing: day 14 runs the detergent clean only
                new Expected(new Strategy("alternate", "test", List.of(new CleaningTask(2, WATER, 0, false, false),
                        new CleaningTask(7, DETERGENT, 3.0, false, true))),
                        new int[] {0, 5, 0, 5, 0, 5, 10, 5, 0, 5, 0, 5, 0, 10},
                        6 * 100 + 2 * 200, 2 * 3.0, List.of(new Runs(WATER, 6), new Runs(DETERGENT, 2))),
                // daily water and, not replacing it, every 3rd day a program dosed in each of its two
                // detergent phases: days 3, 6, 9, 12 run 5 + 6 cycles
                new Expected(new Strategy("both", "test", List.of(new CleaningTask(1, WATER, 0, false, false),
                        new CleaningTask(3, TWICE, 3.0, false, false))),
                        new int[] {5, 5, 11, 5, 5, 11, 5, 5, 11, 5, 5, 11, 5, 5},
                        14 * 100 + 4 * 120, 4 * 2 * 3.0, List.of(new Runs(WATER, 14), new Runs(TWICE, 4))));
    }

    /** Cleaning as seen from outside: cycles per day, time and water drawn with the blind basket in. */
    static final class Watcher implements TickObserver {
        final int[] cyclesPerDay = new int[DAYS];
        double seconds;
        double drawnMl;
        private double lastDrawnMl;
        private boolean pumpWasOn;

        @Override
        public void afterStep(double start, Plant plant) {
            double drawn = plant.state(StateLayout.FROM_TANK_ML);
            boolean pumpOn = plant.actuators().pumpDuty() > 0;
            if (plant.basket() instanceof BasketParameters.Blind) {
                if (pumpOn && !pumpWasOn) {
                    cyclesPerDay[(int) Math.floor(start / 86_400.0)]++;
                }
                seconds += plant.timeSeconds() - start;
                drawnMl += drawn - lastDrawnMl;
            }
            pumpWasOn = pumpOn;
            lastDrawnMl = drawn;
        }
    }

    /**
     * 1 ms steps: what is checked here is the schedule's bookkeeping and the physics of a day's
     * start, not the adaptive policy's error, which {@code StepPolicyAgreementTest} bounds (with
     * {@code StepPolicy.fast()} a last-bit change in the stepper moved one schedule's water by 0.6 %).
     */
    static final StepPolicy POLICY = StepPolicy.fine();

    static LifeResult live(Strategy strategy, double shotsPerDay, TickObserver watcher) {
        return new MachineLife(MACHINE, Usage.home(DAYS, shotsPerDay, Roast.MEDIUM), strategy, 1L, POLICY,
                CleaningParameters.defaults(), watcher).run();
    }

    /** The water one run of {@code program} draws on a clean machine: one day, no shots, that task only. */
    static double waterOfOneRun(BackflushProgram program) {
        Strategy once = new Strategy("once", "", List.of(new CleaningTask(1, program, 3.0, false, false)));
        return new MachineLife(MACHINE, Usage.home(1, 0, Roast.MEDIUM), once, 1L, POLICY, CleaningParameters.defaults())
                .run().waterUsedMl();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schedules")
    void fourteenDaysCleanAsTheScheduleSays(Expected expected) {
        Watcher watcher = new Watcher();
        LifeResult r = live(expected.strategy(), 3, watcher);
        assertThat(r.shots()).isEqualTo(3 * DAYS);
        assertThat(watcher.cyclesPerDay).as("cycles at the end of days 1..14: %s", Arrays.toString(watcher.cyclesPerDay))
                .containsExactly(expected.cyclesPerDay());
        assertThat(watcher.seconds).as("seconds with the blind basket in").isCloseTo(expected.seconds(), within(1e-6));
        assertThat(r.cleaningMinutes()).isCloseTo(expected.seconds() / 60.0, within(1e-9));
        assertThat(r.detergentUsedG()).isCloseTo(expected.grams(), within(1e-12));
        // the water reported is what the pump drew while cleaning, no more, no less
        assertThat(r.waterUsedMl()).isCloseTo(watcher.drawnMl, within(1e-6));

        // and it is the sum of the runs': within 1.5 %, because a run starts from what the day before
        // left (the chamber drained overnight to its retained water, a few ml, where the reference
        // run starts dry) and, with shots, from what they fouled (the exhaust and screen change how
        // much each whoosh leaves behind); the bookkeeping itself is exact (the drawn water above)
        double perSchedule = expected.runs().stream().mapToDouble(x -> x.times() * waterOfOneRun(x.program())).sum();
        LifeResult clean = live(expected.strategy(), 0, null);
        assertThat(clean.waterUsedMl()).as("no shots").isCloseTo(perSchedule, within(0.015 * Math.max(1.0, perSchedule)));
        assertThat(r.waterUsedMl()).as("3 shots a day").isCloseTo(perSchedule, within(0.015 * perSchedule));
    }

    @org.junit.jupiter.api.Test
    void untilClearRunsItsWeeklyCleanAdaptivelyWithinTheCapsOfItsPhases() {
        Watcher watcher = new Watcher();
        LifeResult r = live(named("until-clear"), 3, watcher);
        int[] cycles = watcher.cyclesPerDay;
        for (int day = 1; day <= DAYS; day++) {
            if (day % 7 == 0) {
                // at least one detergent and one rinse cycle, at most 10 of each (20 s each)
                assertThat(cycles[day - 1]).as("day %d", day).isBetween(2, 20);
            } else {
                assertThat(cycles[day - 1]).as("day %d: the water clean", day).isEqualTo(5);
            }
        }
        double seconds = 12 * 100 + 20.0 * (cycles[6] + cycles[13]);
        assertThat(watcher.seconds).isCloseTo(seconds, within(1e-6));
        assertThat(r.cleaningMinutes()).isCloseTo(seconds / 60.0, within(1e-9));
        assertThat(r.detergentUsedG()).isEqualTo(6.0);
        assertThat(r.waterUsedMl()).isCloseTo(watcher.drawnMl, within(1e-6));
    }
}
