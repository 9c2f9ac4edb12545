package io.backflush.core.hydraulics;

import io.backflush.core.hydraulics.InletCharacteristic.InletSample;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The supply side's table and its exact solution, on supplies built directly (not only the
 * presets): a vibratory pump with and without an OPV, a rotary pump, an OPV set above what the pump
 * can reach, and a nearly unrestricted inlet path.
 */
class InletCharacteristicTableTest {
    private static final double STEP = InletCharacteristic.STEP_BAR;

    record Supply(String name, PumpModel pump, ReliefValveParameters opv, double pathCoefficient) {
        InletCharacteristic inlet() {
            return new InletCharacteristic(pump, opv, pathCoefficient);
        }

        /** The documented span of the table: 5 bar above the pump's zero flow or the OPV's cracking. */
        double tableTopBar() {
            double top = pump.zeroFlowPressureBar();
            return opv == null ? top + 5 : Math.max(top, opv.crackingPressureBar()) + 5;
        }

        /** Supply minus path flow at node pressure x: positive below the root, negative above. */
        double nodeImbalance(double x, double groupBar, boolean running) {
            double supply = (running ? pump.flowMlPerS(x) : 0.0) - (opv == null ? 0.0 : opv.flowMlPerS(x));
            return supply - Fluids.smoothSqrtFlow(pathCoefficient, x - groupBar);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Supply> supplies() {
        PumpModel ulka = PumpModel.of(VibratoryPumpParameters.ulkaE5(), null);
        PumpModel rotary = PumpModel.of(new RotaryPumpParameters(28.0, 9.0, 200.0), null);
        double port = new OrificeParameters(1.5, 0.65).waterCoefficient();
        double gicleur = Fluids.seriesCoefficient(port, new OrificeParameters(0.6, 0.7).waterCoefficient());
        return Stream.of(
                new Supply("ulka, OPV 9 bar, 0.6 mm gicleur", ulka, new ReliefValveParameters(9.0, 40.0), gicleur),
                new Supply("ulka, no OPV, port only", ulka, null, port),
                new Supply("rotary, no OPV, 0.6 mm gicleur", rotary, null, gicleur),
                new Supply("rotary, OPV 20 bar above its 9.14 bar zero flow", rotary, new ReliefValveParameters(20.0, 40.0), port),
                new Supply("ulka, OPV 9 bar, nearly open path", ulka, new ReliefValveParameters(9.0, 40.0), 1.0e4));
    }

    @ParameterizedTest
    @MethodSource("supplies")
    void atEveryNodeOfTheTableTheSampleIsTheExactSolution(Supply supply) {
        InletCharacteristic inlet = supply.inlet();
        InletSample s = new InletSample();
        double top = supply.tableTopBar();
        for (int i = 0; i * STEP <= top; i++) {
            double p = i * STEP;
            for (boolean running : new boolean[] {true, false}) {
                inlet.sample(p, running, true, s);
                String where = String.format("%.4f bar, pump %s", p, running ? "running" : "stopped");
                assertThat(s.netFlowMlPerS).as("net flow at %s", where)
                        .isCloseTo(inlet.exactNetFlowMlPerS(p, running), within(1e-9));
                assertThat(s.pumpFlowMlPerS).as("pump flow at %s", where)
                        .isCloseTo(inlet.exactPumpFlowMlPerS(p, running), within(1e-9));
                assertThat(s.nodeBar).as("node pressure at %s", where)
                        .isCloseTo(inlet.solveNode(p, running), within(1e-9));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("supplies")
    void betweenNodesNodePressureIsInterpolatedAndTheSlopeIsTheInterpolantsOwn(Supply supply) {
        InletCharacteristic inlet = supply.inlet();
        InletSample s = new InletSample();
        InletSample next = new InletSample();
        double top = supply.tableTopBar();
        double eps = 1e-7;
        for (double p = 0.0003; p < top; p += 0.0131) {
            if (Math.floor((p + eps) / STEP) != Math.floor(p / STEP)) {
                continue; // keep both samples inside one cell
            }
            for (boolean running : new boolean[] {true, false}) {
                inlet.sample(p, running, true, s);
                inlet.sample(p + eps, running, true, next);
                String where = String.format("%.4f bar, pump %s", p, running ? "running" : "stopped");
                // the node pressure bends only at the OPV's cracking point; a cell's chord is within 0.01 bar
                assertThat(s.nodeBar).as("node pressure at %s", where).isCloseTo(inlet.solveNode(p, running), within(0.01));
                double secant = (next.netFlowMlPerS - s.netFlowMlPerS) / eps;
                assertThat(s.netFlowSlopeMlPerSBar).as("slope at %s", where)
                        .isCloseTo(secant, within(1e-4 * Math.abs(secant) + 1e-4));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("supplies")
    void belowZeroAndAboveTheTableTheSampleIsExtendedNotBroken(Supply supply) {
        InletCharacteristic inlet = supply.inlet();
        InletSample s = new InletSample();
        inlet.sample(0.0, true, true, s);
        double atZero = s.netFlowMlPerS;
        for (double p : new double[] {-STEP / 2, -1.5 * STEP, -0.5, -1.0}) {
            inlet.sample(p, true, true, s);
            assertThat(s.netFlowMlPerS).as("running at %s bar", p).isFinite().isGreaterThanOrEqualTo(atZero - 1e-9);
        }
        // every node up to 2 bar past the top, then far beyond: finite, and never more flow into
        // the group as its pressure rises (to the bisection's round-off, 1e-12 bar of node pressure)
        double previous = Double.POSITIVE_INFINITY;
        int nodes = (int) Math.ceil((supply.tableTopBar() + 2) / STEP);
        for (int i = 0; i <= nodes; i++) {
            inlet.sample(i * STEP, false, true, s);
            assertThat(s.netFlowMlPerS).as("stopped at %s bar", i * STEP).isFinite().isLessThanOrEqualTo(previous + 1e-6);
            previous = s.netFlowMlPerS;
        }
        // (far out, the linear extension also stretches the table's round-off: 1e-4 ml/s)
        for (double p : new double[] {supply.tableTopBar() + 10, 100}) {
            inlet.sample(p, false, true, s);
            assertThat(s.netFlowMlPerS).as("stopped at %s bar", p).isFinite().isLessThanOrEqualTo(previous + 1e-4);
            previous = s.netFlowMlPerS;
        }
        if (supply.opv() != null) {
            assertThat(previous).as("back-flow through the OPV far above the table").isNegative();
        }
    }

    @ParameterizedTest
    @MethodSource("supplies")
    void withTheInletShutNothingEntersAndARunningPumpSitsAtItsDeadHead(Supply supply) {
        InletCharacteristic inlet = supply.inlet();
        double dead = inlet.deadheadPressureBar();
        if (supply.opv() == null) {
            // nothing relieves it: the pump stalls
            assertThat(dead).isCloseTo(supply.pump().zeroFlowPressureBar(), within(1e-9));
        } else {
            // the pump's flow all goes back through the OPV
            assertThat(supply.pump().flowMlPerS(dead)).isCloseTo(supply.opv().flowMlPerS(dead), within(1e-6));
        }
        InletSample s = new InletSample();
        for (double p : new double[] {0.0, 3.0, dead + 1}) {
            inlet.sample(p, true, false, s);
            assertThat(s.netFlowMlPerS).isZero();
            assertThat(s.netFlowSlopeMlPerSBar).isZero();
            assertThat(s.nodeBar).isCloseTo(dead, within(1e-12));
            assertThat(s.pumpFlowMlPerS).isCloseTo(supply.pump().flowMlPerS(dead), within(1e-12));
            inlet.sample(p, false, false, s);
            assertThat(s.netFlowMlPerS).isZero();
            assertThat(s.pumpFlowMlPerS).isZero();
            assertThat(s.nodeBar).isZero();
        }
        assertThat(inlet.pump()).isSameAs(supply.pump());
        assertThat(inlet.pathCoefficient()).isEqualTo(supply.pathCoefficient());
    }

    @ParameterizedTest
    @MethodSource("supplies")
    void theExactNodePressureBalancesSupplyAgainstThePath(Supply supply) {
        InletCharacteristic inlet = supply.inlet();
        for (double p = -1.0; p < supply.tableTopBar() + 10; p += 0.173) {
            for (boolean running : new boolean[] {true, false}) {
                double x = inlet.solveNode(p, running);
                assertThat(supply.nodeImbalance(x - 1e-9, p, running))
                        .as("imbalance just below the node %s bar, group %.3f, pump %s", x, p, running).isPositive();
                assertThat(supply.nodeImbalance(x + 1e-9, p, running))
                        .as("imbalance just above the node %s bar, group %.3f, pump %s", x, p, running).isNegative();
            }
            assertThat(inlet.exactPumpFlowMlPerS(p, false)).isZero();
        }
    }
}
