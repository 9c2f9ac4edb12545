package io.backflush.core.plant;

import io.backflush.core.hydraulics.BasketParameters;
import io.backflush.core.hydraulics.PuckParameters;
import io.backflush.core.machine.Machine;
import io.backflush.core.machine.Presets;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A puck that wets, swells and erodes ({@link PuckParameters}, docs/model.md §2.9a): nothing reaches
 * the cup until it has absorbed its water, its resistance rises as it swells and then falls as water
 * passes, so a pressure-held shot speeds up and a flow-held shot needs less pressure.
 */
class ErodingPuckTest {
    private static final Machine ROTARY = Machine.of(Presets.rotaryCommercial());
    private static final Machine SINGLE_BOILER = Machine.of(Presets.singleBoiler());

    /** Cup flow (from the cup's count) over each second of a shot on a constant-pressure rotary pump. */
    private static double[] cupFlowEachSecond(BasketParameters puck, int seconds) {
        Plant plant = new Plant(ROTARY, puck);
        plant.actuators().pumpDuty(1.0).solenoidEnergised(true).heaterDuty(0.0);
        double[] flow = new double[seconds];
        for (int s = 0; s < seconds; s++) {
            double before = plant.state(StateLayout.TO_CUP_ML);
            for (int i = 0; i < 1000; i++) {
                plant.step(0.001);
            }
            flow[s] = plant.state(StateLayout.TO_CUP_ML) - before;
        }
        return flow;
    }

    @Test
    void nothingReachesTheCupUntilThePuckHasAbsorbedItsWaterWhileItSwells() {
        Plant plant = new Plant(SINGLE_BOILER, BasketParameters.ErodingPuck.typical());
        plant.actuators().pumpDuty(1.0).solenoidEnergised(true);
        double capacity = PuckParameters.DEFAULT_ABSORPTION_ML;
        double firstDropAt = Double.NaN;
        double resistanceAtFirstDrop = Double.NaN;
        for (int i = 0; i < 20_000; i++) {
            plant.step(0.001);
            double cup = plant.state(StateLayout.TO_CUP_ML);
            if (plant.state(StateLayout.PUCK_WATER_ML) < capacity - 1e-9) {
                assertThat(cup).as("cup while the puck absorbs, at %.3f s", plant.timeSeconds()).isZero();
                assertThat(plant.cupFlowMlPerS()).isZero();
            } else if (Double.isNaN(firstDropAt) && cup > 0) {
                firstDropAt = plant.timeSeconds();
                resistanceAtFirstDrop = plant.circuit().basketResistanceBarS2PerMl2();
            }
        }
        assertThat(plant.state(StateLayout.PUCK_WATER_ML)).isCloseTo(capacity, within(1e-12));
        // the chamber fills, then 8 ml go into the puck: first drops a few seconds in
        assertThat(firstDropAt).as("first drops, s").isBetween(3.0, 12.0);
        // swollen by the sourced 40-60 %
        assertThat(resistanceAtFirstDrop / 2.25).as("swelling").isBetween(1.4, 1.6);
        assertThat(plant.state(StateLayout.TO_CUP_ML)).as("the cup fills after").isGreaterThan(10.0);
        WaterBalance water = plant.waterBalance(0.0);
        assertThat(Math.abs(water.balanceErrorMl())).isLessThan(1e-6);
    }

    @Test
    void atConstantPressureTheFlowRisesAsThePuckErodesAndAConstantPuckStaysPut() {
        double[] eroding = cupFlowEachSecond(BasketParameters.ErodingPuck.typical(), 40);
        double[] constant = cupFlowEachSecond(BasketParameters.Puck.typical(), 40);
        // the rotary pump holds ~9.1 bar at its bypass: R = p/Q² falls, Q rises
        assertThat(eroding[39]).as("flow in the 40th s against the 12th, ml/s")
                .isGreaterThan(1.25 * eroding[11]);
        for (int s = 12; s < 40; s++) {
            assertThat(eroding[s]).as("flow rising at %d s", s).isGreaterThan(eroding[s - 1]);
        }
        assertThat(constant[39]).as("a constant-resistance puck").isCloseTo(constant[11], within(0.01));
    }

    @Test
    void aConstantFlowControllerSeesThePressureFall() {
        // a flow-profiling controller: proportional-integral on the pump's duty for 2 ml/s in the cup
        Plant plant = new Plant(SINGLE_BOILER, BasketParameters.ErodingPuck.typical());
        plant.actuators().pumpDuty(1.0).solenoidEnergised(true);
        double duty = 1.0;
        double integral = 0.0;
        double[] pressureEachSecond = new double[40];
        double sum = 0.0;
        double lastCup = 0.0;
        for (int i = 1; i <= 40_000; i++) {
            plant.step(0.001);
            sum += plant.groupPressureBar();
            if (i % 100 == 0 && plant.state(StateLayout.TO_CUP_ML) > 0.0) {
                double flow = (plant.state(StateLayout.TO_CUP_ML) - lastCup) / 0.1;
                double error = 2.0 - flow;
                integral += error * 0.1;
                duty = Math.max(0.0, Math.min(1.0, 0.5 + 0.1 * error + 0.1 * integral));
                plant.actuators().pumpDuty(duty);
            }
            if (i % 100 == 0) {
                lastCup = plant.state(StateLayout.TO_CUP_ML);
            }
            if (i % 1000 == 0) {
                pressureEachSecond[i / 1000 - 1] = sum / 1000.0;
                sum = 0.0;
            }
        }
        double late = (plant.state(StateLayout.TO_CUP_ML));
        assertThat(late).as("the controller held about 2 ml/s").isBetween(40.0, 80.0);
        // R falls 2x over the shot: at a held flow p = R·Q² falls with it
        assertThat(pressureEachSecond[39]).as("pressure in the 40th s against the 15th")
                .isLessThan(0.8 * pressureEachSecond[14]);
    }

    @Test
    void theFixedStepperAgreesWithTheReferenceOnAPuckShot() {
        Plant fixed = new Plant(SINGLE_BOILER, BasketParameters.ErodingPuck.typical());
        Plant reference = FixedStepperAgreementTest.referencePlant(SINGLE_BOILER, BasketParameters.ErodingPuck.typical());
        for (Plant plant : java.util.List.of(fixed, reference)) {
            plant.actuators().pumpDuty(1.0).solenoidEnergised(true).heaterDuty(0.3);
        }
        for (int second = 1; second <= 30; second++) {
            FixedStepperAgreementTest.advanceOneSecond(fixed, reference);
            String at = "at " + second + " s";
            assertThat(fixed.state(StateLayout.PUCK_WATER_ML)).as("puck water " + at)
                    .isCloseTo(reference.state(StateLayout.PUCK_WATER_ML), within(0.05));
            assertThat(fixed.state(StateLayout.TO_CUP_ML)).as("cup " + at)
                    .isCloseTo(reference.state(StateLayout.TO_CUP_ML), within(0.05 + 0.01 * reference.state(StateLayout.TO_CUP_ML)));
            assertThat(fixed.groupPressureBar()).as("pressure " + at).isCloseTo(reference.groupPressureBar(), within(0.05));
        }
        assertThat(Math.abs(reference.waterBalance(0.0).balanceErrorMl())).isLessThan(1e-6);
        assertThat(Math.abs(fixed.waterBalance(0.0).balanceErrorMl())).isLessThan(1e-6);
    }

    @Test
    void changingTheBasketEmptiesThePuckWithItsWater() {
        Plant plant = new Plant(SINGLE_BOILER, BasketParameters.ErodingPuck.typical());
        plant.actuators().pumpDuty(1.0).solenoidEnergised(true);
        for (int i = 0; i < 25_000; i++) {
            plant.step(0.001);
        }
        plant.actuators().pumpDuty(0.0).solenoidEnergised(false);
        for (int i = 0; i < 5_000; i++) {
            plant.step(0.001);
        }
        double before = plant.state(StateLayout.TO_DRIP_TRAY_ML);
        plant.changeBasket(BasketParameters.blind());
        assertThat(plant.state(StateLayout.PUCK_WATER_ML)).isZero();
        assertThat(plant.state(StateLayout.PUCK_THROUGH_ML)).isZero();
        assertThat(plant.state(StateLayout.TO_DRIP_TRAY_ML) - before).as("the puck's water went with it")
                .isGreaterThanOrEqualTo(PuckParameters.DEFAULT_ABSORPTION_ML);
        assertThat(Math.abs(plant.waterBalance(0.0).balanceErrorMl())).isLessThan(1e-6);
    }
}
