package io.backflush.core.oracle;

import io.backflush.core.hydraulics.BasketParameters;
import io.backflush.core.hydraulics.ReliefValveParameters;
import io.backflush.core.hydraulics.RotaryPumpParameters;
import io.backflush.core.machine.Machine;
import io.backflush.core.machine.MachineParameters;
import io.backflush.core.machine.Presets;
import io.backflush.core.plant.InitialConditions;
import io.backflush.core.plant.Plant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Independent oracle: the blind-basket plateau is the dead-head pressure, where the pump's flow
 * equals what the OPV (or the rotary pump's bypass) relieves. Solved here by hand — the pump
 * curve read from its CSV with this test's own parser and interpolation, the OPV line, and a
 * bisection — and compared with the plateau a {@link Plant} reaches, without calling the model's
 * pump curve, inlet characteristic or relief valve code.
 */
class DeadHeadOracleTest {
    /**
     * The plant's plateau vs the hand solution, bar. Measured agreement is within 1e-5 bar with a
     * relief valve; the margin is for the orifice smoothing and the inlet table's interpolation.
     */
    private static final double TOLERANCE_BAR = 0.001;
    /**
     * Without a relief the pump's flow tends to zero at the stall and the inlet table (0.0025 bar
     * steps, interpolated) lets the pressure creep up to one step past it (0.0003 bar after 30 s).
     */
    private static final double STALL_TOLERANCE_BAR = 0.0025;

    /** The Ulka E5 curve as (bar, ml/s) points, read from the shipped CSV by this test. */
    static double[][] ulkaE5Points() throws IOException {
        List<double[]> points = new ArrayList<>();
        try (InputStream in = DeadHeadOracleTest.class.getResourceAsStream(
                "/io/backflush/core/hydraulics/ulka-e5-pump-curve.csv")) {
            assertThat(in).as("pump curve resource").isNotNull();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            boolean header = true;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                if (header) {
                    assertThat(line).isEqualTo("pressure_barg,flow_ml_per_min");
                    header = false;
                    continue;
                }
                String[] cells = line.split(",");
                points.add(new double[] {Double.parseDouble(cells[0]), Double.parseDouble(cells[1]) / 60.0});
            }
        }
        assertThat(points).hasSize(53);
        return points.toArray(new double[0][]);
    }

    /**
     * Flow of the curve at {@code bar} as docs/model.md §2.1 defines it: linear between points, the
     * first segment extended down to 0 bar, the last extended down to zero flow, never negative.
     */
    static double curveFlow(double[][] pts, double bar) {
        int n = pts.length;
        int i = 0;
        if (bar >= pts[n - 1][0]) {
            i = n - 2;
        } else {
            while (i < n - 2 && bar > pts[i + 1][0]) {
                i++;
            }
        }
        double x = Math.max(bar, 0.0);
        double q = pts[i][1] + (pts[i + 1][1] - pts[i][1]) * (x - pts[i][0]) / (pts[i + 1][0] - pts[i][0]);
        return Math.max(q, 0.0);
    }

    /** Root of f on [lo, hi] by bisection, f(lo) > 0 > f(hi). */
    static double bisect(java.util.function.DoubleUnaryOperator f, double lo, double hi) {
        assertThat(f.applyAsDouble(lo)).isPositive();
        assertThat(f.applyAsDouble(hi)).isNegative();
        for (int it = 0; it < 100; it++) {
            double mid = 0.5 * (lo + hi);
            if (f.applyAsDouble(mid) > 0) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }

    /** Group pressure after 30 s of pump and solenoid on against a blind basket. */
    static Plant deadHeaded(MachineParameters parameters) {
        Plant plant = new Plant(Machine.of(parameters), BasketParameters.blind());
        // the heater holds the hot steady state, and two minutes let the water that filled the chamber
        // at the boiler's temperature cool to the metal's (its time constant is about 40 s): water
        // still shrinking draws a trickle that holds a stalled pump thousandths of a bar below its stall
        double ambient = parameters.environment().ambientC();
        double group = InitialConditions.steadyGroupC(parameters, InitialConditions.HOT_BOILER_C);
        double holdW = parameters.boiler().lossConductanceWPerK() * (InitialConditions.HOT_BOILER_C - ambient)
                + parameters.groupHead().boilerCouplingWPerK() * (InitialConditions.HOT_BOILER_C - group);
        plant.actuators().pumpDuty(1).solenoidEnergised(true).heaterDuty(holdW / parameters.boiler().heaterPowerW());
        for (int i = 0; i < 120_000; i++) {
            plant.step(0.001);
        }
        return plant;
    }

    @ParameterizedTest(name = "Ulka E5 on an OPV at {0} bar, {1} ml/s/bar")
    @CsvSource({"9, 40", "10, 40", "9, 20", "8, 80", "12, 40"})
    void aVibratoryPumpDeadHeadedOnItsOpvSettlesWhereTheCurveMeetsTheOpvLine(double crackBar, double gain)
            throws IOException {
        double[][] curve = ulkaE5Points();
        double expected = bisect(x -> curveFlow(curve, x) - gain * Math.max(0.0, x - crackBar), 0.0, 14.9);
        Plant plant = deadHeaded(Presets.singleBoiler().withOverPressureValve(new ReliefValveParameters(crackBar, gain)));
        assertThat(plant.groupPressureBar()).as("plateau vs hand dead-head %.4f bar", expected)
                .isCloseTo(expected, within(TOLERANCE_BAR));
        // nothing flows into the blind basket, and the pump's flow all goes back through the OPV
        assertThat(plant.groupInflowMlPerS()).isCloseTo(0.0, within(0.01));
        assertThat(plant.pumpFlowMlPerS()).as("pump flow at the dead-head, read off the curve")
                .isCloseTo(curveFlow(curve, expected), within(0.02));
        assertThat(plant.reliefFlowMlPerS()).isCloseTo(gain * (expected - crackBar), within(0.02));
    }

    @Test
    void thePresetsPlateausAreTheirHandDeadHeads() throws IOException {
        double[][] curve = ulkaE5Points();
        for (MachineParameters p : List.of(Presets.singleBoiler(), Presets.e61Hx())) {
            ReliefValveParameters opv = p.overPressureValve();
            double expected = bisect(x -> curveFlow(curve, x)
                    - opv.gainMlPerSBar() * Math.max(0.0, x - opv.crackingPressureBar()), 0.0, 14.9);
            assertThat(deadHeaded(p).groupPressureBar()).as(p.name()).isCloseTo(expected, within(TOLERANCE_BAR));
        }
    }

    @Test
    void withoutAnOpvTheVibratoryPumpStallsWhereItsLastSegmentReachesZero() throws IOException {
        double[][] curve = ulkaE5Points();
        double[] a = curve[curve.length - 2];
        double[] b = curve[curve.length - 1];
        double stall = b[0] - b[1] * (b[0] - a[0]) / (b[1] - a[1]);
        Plant plant = deadHeaded(Presets.singleBoiler().withOverPressureValve(null));
        // the inlet table resolves the stall to one of its 0.0025 bar steps
        assertThat(plant.groupPressureBar()).as("stall %.4f bar", stall).isCloseTo(stall, within(STALL_TOLERANCE_BAR));
    }

    @ParameterizedTest(name = "rotary pump {0} ml/s, bypass at {1} bar, {2} ml/s/bar")
    @CsvSource({"28, 9, 200", "28, 9, 100", "28, 9, 400", "20, 8.5, 200"})
    void aRotaryPumpDeadHeadedSettlesAtItsBypassSettingPlusFlowOverGain(double flow, double bypassBar, double gain) {
        double expected = bypassBar + flow / gain;
        MachineParameters p = Variants.withPump(Presets.rotaryCommercial(),
                new RotaryPumpParameters(flow, bypassBar, gain), null);
        Plant plant = deadHeaded(p);
        assertThat(plant.groupPressureBar()).as("plateau vs p_b + Q_n/g_b = %.4f bar", expected)
                .isCloseTo(expected, within(TOLERANCE_BAR));
    }
}
