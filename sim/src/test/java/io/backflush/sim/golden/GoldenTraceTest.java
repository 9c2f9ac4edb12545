package io.backflush.sim.golden;

import io.backflush.core.cleaning.CleaningParameters;
import io.backflush.core.cleaning.Roast;
import io.backflush.core.hydraulics.BasketParameters;
import io.backflush.core.machine.Machine;
import io.backflush.core.machine.Presets;
import io.backflush.core.plant.Plant;
import io.backflush.sim.control.BoilerThermostat;
import io.backflush.sim.program.BackflushProgram;
import io.backflush.sim.program.Phase;
import io.backflush.sim.program.PhaseKind;
import io.backflush.sim.run.BackflushRun;
import io.backflush.sim.run.Simulation;
import io.backflush.sim.run.TickObserver;
import io.backflush.sim.run.TraceCsvWriter;
import io.backflush.sim.usage.MachineLife;
import io.backflush.sim.usage.StepPolicy;
import io.backflush.sim.usage.Strategies;
import io.backflush.sim.usage.Usage;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden traces (JSBSim's regression practice): short scripted scenarios whose run trace — the
 * columns of {@link TraceCsvWriter}, as {@code backflush run --csv} writes them — is compared
 * column by column with a file under {@code src/test/resources/golden/}. Any change of behaviour
 * beyond the per-column tolerances ({@link TraceComparison}) fails, naming the file, the column,
 * the row and its time. When a change is intended, regenerate the files (docs/testing.md):
 *
 * <pre>
 * mvn -B -pl sim -am test -Dtest=GoldenTraceTest -Dbackflush.golden.update=true -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * and say in the commit message why the traces changed.
 */
class GoldenTraceTest {
    static final String UPDATE_PROPERTY = "backflush.golden.update";
    static final String REGENERATE = "mvn -B -pl sim -am test -Dtest=GoldenTraceTest -D" + UPDATE_PROPERTY
            + "=true -Dsurefire.failIfNoSpecifiedTests=false";
    static final double DT_SECONDS = 0.001;

    /** Where the golden files live in the source tree (surefire runs in the module directory). */
    static Path goldenDirectory() {
        return Path.of(System.getProperty("basedir", "")).toAbsolutePath().resolve("src/test/resources/golden");
    }

    /** A scenario writes its trace through the observer it is given. */
    interface Scenario {
        void run(TickObserver trace);
    }

    static Stream<Arguments> scenarios() {
        return Stream.of(
                Arguments.of("water-cycle-single-boiler",
                        "single-boiler, one water cycle from dry: 10 s pump on, 2 s release",
                        waterCycle("single-boiler")),
                Arguments.of("water-cycle-e61-hx",
                        "e61-hx, one water cycle from dry: 10 s pump on, 2 s release", waterCycle("e61-hx")),
                Arguments.of("water-cycle-rotary-commercial",
                        "rotary-commercial, one water cycle from dry: 10 s pump on, 2 s release",
                        waterCycle("rotary-commercial")),
                Arguments.of("puck-shot-single-boiler",
                        "single-boiler, typical puck (2.25 bar·s²/ml²), 18 g medium: 8 s pump and solenoid on, "
                                + "2 s release, boiler thermostat 93 °C", (Scenario) GoldenTraceTest::puckShot),
                Arguments.of("fouled-detergent-cycle-single-boiler",
                        "single-boiler after 7 days x 10 medium shots never cleaned (as --fouled-days 7), 3 g, "
                                + "one detergent cycle: 10 s pump on, 2 s release",
                        (Scenario) GoldenTraceTest::fouledDetergentCycle));
    }

    private static Scenario waterCycle(String preset) {
        BackflushProgram program = new BackflushProgram("golden-water", List.of(new Phase(PhaseKind.WATER, 1, 10, 2)));
        return trace -> BackflushRun.run(Machine.of(Presets.find(preset).orElseThrow()), program, DT_SECONDS,
                List.of(trace));
    }

    private static void puckShot(TickObserver trace) {
        Plant plant = new Plant(Machine.of(Presets.singleBoiler()), BasketParameters.Puck.typical());
        plant.cleaning().brewing(18.0, Roast.MEDIUM);
        BoilerThermostat thermostat = new BoilerThermostat(BackflushRun.SETPOINT_C, 1.0);
        new Simulation(plant, (sensors, actuators) -> {
            boolean brewing = sensors.timeSeconds() < 8.0 - 1e-9;
            actuators.pumpDuty(brewing ? 1.0 : 0.0).solenoidEnergised(brewing)
                    .heaterDuty(thermostat.heaterDuty(sensors.boilerTemperatureC()));
        }, DT_SECONDS).observe(trace).runUntil(10.0);
    }

    private static void fouledDetergentCycle(TickObserver trace) {
        // the week of shots that fouls the group is stepped adaptively; with the change-only rule the
        // golden was made with, so that the trace (1 ms steps) does not move when the fast policy is
        // retuned: its start state (the ledger's running totals, the temperatures) would
        MachineLife life = new MachineLife(Machine.of(Presets.singleBoiler()), Usage.home(7, 10, Roast.MEDIUM),
                Strategies.find("none").orElseThrow(), 1L, StepPolicy.changeOnly(), CleaningParameters.defaults());
        life.run();
        BackflushProgram program = new BackflushProgram("golden-detergent",
                List.of(new Phase(PhaseKind.DETERGENT, 1, 10, 2)));
        BackflushRun.simulate(life.plant(), program, DT_SECONDS, 3.0, List.of(trace));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void theTraceMatchesItsGoldenFile(String name, String description, Scenario scenario, @TempDir Path dir)
            throws IOException {
        Path raw = dir.resolve(name + ".csv");
        try (TraceCsvWriter writer = new TraceCsvWriter(raw, 1)) {
            scenario.run(new Thinning(writer));
            writer.commit();
        }
        TraceTable actual = TraceTable.read(raw);
        Path golden = goldenDirectory().resolve(name + ".csv");
        if (Boolean.getBoolean(UPDATE_PROPERTY)) {
            actual.write(golden, List.of("golden trace: " + description,
                    "rows every " + Thinning.COARSE_TICKS + " ms, every " + Thinning.FINE_TICKS + " ms for "
                            + Thinning.FINE_SECONDS + " s after each pump or solenoid command change; dt 1 ms",
                    "regenerate (and say why in the commit): " + REGENERATE));
            System.out.println("golden trace regenerated: " + golden + " (" + actual.rows().size() + " rows, "
                    + Files.size(golden) + " bytes)");
            return;
        }
        assertThat(golden).as("golden file %s is missing; create it with %s", golden, REGENERATE).exists();
        TraceTable expected = TraceTable.read(golden);
        List<String> extra = actual.columns().stream()
                .filter(c -> !expected.columns().contains(c) && !TraceComparison.COLUMN_ALIASES.containsValue(c))
                .toList();
        if (!extra.isEmpty()) {
            System.out.println("golden/" + name + ".csv: trace columns not in the golden file (not compared): " + extra);
        }
        List<String> failures = TraceComparison.compare("golden/" + name + ".csv", expected, actual);
        assertThat(failures).as("%s differs from its golden trace; if the change is intended, regenerate with %s "
                + "and give the reason in the commit message", name, REGENERATE).isEmpty();
    }

    /**
     * Passes a subset of ticks on to the trace writer: every {@link #COARSE_TICKS}-th tick, and every
     * {@link #FINE_TICKS}-th for {@link #FINE_SECONDS} after a change of the pump or solenoid command,
     * where the pressures move fast (fill, quiet, whoosh). Tick 0 always passes, so the writer's
     * time origin is the run's start.
     */
    static final class Thinning implements TickObserver {
        static final int COARSE_TICKS = 100;
        static final int FINE_TICKS = 10;
        static final double FINE_SECONDS = 1.0;
        private final TickObserver next;
        private long tick;
        private double lastDuty = Double.NaN;
        private boolean lastSolenoid;
        private long fineUntilTick = -1;

        Thinning(TickObserver next) {
            this.next = next;
        }

        @Override
        public void afterStep(double stepStartSeconds, Plant plant) {
            double duty = plant.actuators().pumpDuty();
            boolean solenoid = plant.actuators().solenoidEnergised();
            if (duty != lastDuty || solenoid != lastSolenoid) {
                fineUntilTick = tick + Math.round(FINE_SECONDS / DT_SECONDS);
            }
            lastDuty = duty;
            lastSolenoid = solenoid;
            long t = tick++;
            if (t % COARSE_TICKS == 0 || (t <= fineUntilTick && t % FINE_TICKS == 0)) {
                next.afterStep(stepStartSeconds, plant);
            }
        }
    }
}
