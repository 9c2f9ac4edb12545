package io.backflush.sim.property;

import io.backflush.core.hydraulics.BasketParameters;
import io.backflush.core.hydraulics.GroupChamberParameters;
import io.backflush.core.hydraulics.OrificeParameters;
import io.backflush.core.hydraulics.ReliefValveParameters;
import io.backflush.core.hydraulics.ThreeWayValveParameters;
import io.backflush.core.hydraulics.VibratoryPumpParameters;
import io.backflush.core.machine.Machine;
import io.backflush.core.machine.MachineParameters;
import io.backflush.core.machine.Presets;
import io.backflush.sim.program.BackflushProgram;
import io.backflush.sim.program.Phase;
import io.backflush.sim.program.PhaseKind;
import io.backflush.sim.run.TickObserver;
import io.backflush.sim.support.Scenarios;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The case {@link BackflushPropertiesTest#pressureStaysBetweenZeroAndReliefAndEveryReleaseFromAboveOneBarWhooshesOnce}
 * found with seed 11378778182817 (at its 1001st example; replay it with 4000 examples), shrunk: a
 * chamber at the record's stiffest (0.01 ml/bar) and full of water, a vibratory pump at duty 0.4
 * (pulse skipping), the valve energised. Each time the pump stops stroking, the group pressure
 * jumps 0.7 bar above the pump outlet and 0.69 bar above the machine's relief pressure, with water
 * flowing <em>into</em> the group from the lower pressure.
 *
 * <p>Root cause (docs/testing.md, "Property-test hunt"): both steppers keep the pump–boiler line
 * at the pump outlet's quasi-steady pressure and take its change of charge, C_L·Δp_node, from the
 * group (or give it to the group) instead of through the outlet node's balance with the OPV. When
 * a stroke ends the node falls ~0.09 bar and the line's 0.009 ml goes into a chamber that takes
 * 0.01 ml per bar. Disabled until the line's compliance is part of the node balance (a physics
 * change that moves the golden traces): enable it with that change.
 */
class StiffChamberPulseSkippingRegressionTest {

    static Scenarios.Scenario shrunkScenario() {
        MachineParameters b = Presets.all().get("single-boiler");
        MachineParameters m = new MachineParameters(b.name(), b.description(),
                new VibratoryPumpParameters(VibratoryPumpParameters.ulkaE5().curve(), 50.0, 60.0),
                new ReliefValveParameters(8.148228170373766, 40.0),
                new OrificeParameters(0.5837953914065075, 0.6081597340073915),
                new OrificeParameters(1.2283801638634562, 0.6054355746806054),
                new ThreeWayValveParameters(new OrificeParameters(1.944611995136809, 0.6154413171249206), 0.0),
                new GroupChamberParameters(26.331508092365915, 0.01, 0.4299488710097811),
                b.boiler(), b.groupHead(), b.sensors(), b.environment());
        BackflushProgram program = new BackflushProgram("generated", List.of(
                new Phase(PhaseKind.WATER, 3, 2.484, 1.003), new Phase(PhaseKind.WATER, 2, 2.31, 2.758)));
        return new Scenarios.Scenario(m, program, 0.39941858568756217, BasketParameters.blind(), 1.0,
                new Scenarios.Fouling(0.0, 88.45697893060422, 3.7240873364606686), Scenarios.Faults.HEALTHY);
    }

    @Test
    void waterEntersTheGroupOnlyFromAboveAndThePressureStaysUnderTheRelief() {
        Scenarios.Scenario scenario = shrunkScenario();
        Machine machine = Machine.of(scenario.parameters());
        double[] worst = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
        TickObserver watch = (start, plant) -> {
            worst[0] = Math.max(worst[0], Math.max(plant.groupPressureBar(), plant.pumpPressureBar()));
            if (plant.valveEnergised() && plant.groupInflowMlPerS() > 0.0) {
                worst[1] = Math.max(worst[1], plant.groupPressureBar() - plant.pumpPressureBar());
            }
        };
        scenario.run(0.001, List.of(watch));

        assertThat(worst[0]).as("highest pressure, bar").isLessThanOrEqualTo(machine.reliefPressureBar() + 0.5);
        assertThat(worst[1]).as("group above the pump outlet while water flows into it, bar").isLessThan(0.01);
    }
}
