package io.backflush.core.hydraulics;

import io.backflush.core.hydraulics.InletCharacteristic.InletSample;
import io.backflush.core.machine.Machine;
import io.backflush.core.machine.MachineParameters;
import io.backflush.core.machine.Presets;
import io.backflush.core.support.Seeds;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.quicktheories.generators.SourceDSL.doubles;

/** The fixed stepper's table against the exact (bisection) supply solution. */
class InletCharacteristicTest {
    private static final double TOLERANCE_ML_PER_S = 0.02;

    static Stream<String> presets() {
        return Presets.all().keySet().stream();
    }

    private static Machine machine(String name) {
        MachineParameters p = Presets.find(name).orElseThrow();
        return Machine.of(p);
    }

    @ParameterizedTest
    @MethodSource("presets")
    void tableMatchesExactNetFlowOnAFineGrid(String name) {
        Machine m = machine(name);
        InletCharacteristic inlet = m.inlet();
        InletSample s = new InletSample();
        double top = m.reliefPressureBar() + 2.0;
        // 0.0007 bar is incommensurate with the 0.005 bar table, so points fall between nodes.
        for (double p = 0.0; p <= top; p += 0.0007) {
            for (boolean running : new boolean[] {true, false}) {
                inlet.sample(p, running, true, s);
                assertThat(s.netFlowMlPerS)
                        .as("%s net flow at %.4f bar, pump %s", name, p, running ? "running" : "stopped")
                        .isCloseTo(inlet.exactNetFlowMlPerS(p, running), within(TOLERANCE_ML_PER_S));
                assertThat(s.pumpFlowMlPerS)
                        .as("%s pump flow at %.4f bar", name, p)
                        .isCloseTo(inlet.exactPumpFlowMlPerS(p, running), within(TOLERANCE_ML_PER_S));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("presets")
    void tableMatchesExactNetFlowAtRandomPressures(String name) {
        Machine m = machine(name);
        InletCharacteristic inlet = m.inlet();
        InletSample s = new InletSample();
        Seeds.theory("inlet-table-" + name, 1000).forAll(doubles().between(0.0, m.reliefPressureBar() + 2.0)).checkAssert(p -> {
            inlet.sample(p, true, true, s);
            assertThat(s.netFlowMlPerS).isCloseTo(inlet.exactNetFlowMlPerS(p, true), within(TOLERANCE_ML_PER_S));
        });
    }

    @ParameterizedTest
    @MethodSource("presets")
    void aStoppedPumpBelowItsReliefHoldsTheNodeAtTheGroupPressureExactly(String name) {
        // no flow anywhere: the pump outlet sits at the group's pressure (a bisection that stops
        // within 1e-12 of it used to report -2e-13 bar at 0 bar, a negative gauge pressure)
        Machine m = machine(name);
        ReliefValveParameters opv = m.parameters().overPressureValve();
        double below = opv == null ? m.reliefPressureBar() : opv.crackingPressureBar();
        InletSample s = new InletSample();
        for (double p : new double[] {0.0, 0.0025, 0.5 * below, below - 0.01}) {
            assertThat(m.inlet().solveNode(p, false)).as("%s at %.4f bar", name, p).isEqualTo(p);
            m.inlet().sample(p, false, true, s);
            assertThat(s.nodeBar).as("%s table at %.4f bar", name, p).isCloseTo(p, within(1e-12)).isNotNegative();
            assertThat(s.netFlowMlPerS).isZero();
        }
    }

    @ParameterizedTest
    @MethodSource("presets")
    void netFlowVanishesAtTheReliefPressure(String name) {
        Machine m = machine(name);
        assertThat(m.inlet().exactNetFlowMlPerS(m.reliefPressureBar(), true)).isCloseTo(0.0, within(1e-6));
        assertThat(m.inlet().exactNetFlowMlPerS(0.0, true)).isPositive();
    }
}
