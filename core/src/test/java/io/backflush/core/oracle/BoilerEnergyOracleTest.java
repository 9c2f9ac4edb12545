package io.backflush.core.oracle;

import io.backflush.core.hydraulics.BasketParameters;
import io.backflush.core.machine.Machine;
import io.backflush.core.machine.MachineParameters;
import io.backflush.core.machine.Presets;
import io.backflush.core.plant.InitialConditions;
import io.backflush.core.plant.Plant;
import io.backflush.core.plant.WaterBalance;
import io.backflush.core.thermal.BoilerParameters;
import io.backflush.core.thermal.EnvironmentParameters;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Independent oracle: the boiler's temperature from an energy balance done by hand
 * (docs/model.md §2.10). Water drawn into the group leaves at the boiler's temperature and is
 * replaced by tank water; for each small draw dV into a well-mixed boiler of V_b ml,
 * V_b·ρc·dT = −dV·ρc·(T − T_tank), which integrates to T − T_tank = (T₀ − T_tank)·e^(−V/V_b)
 * (for a small draw, the familiar m_b·c·ΔT = m_drawn·c·(T_b − T_tank)). With the heater and the
 * losses on and nothing drawn: C_b·dT/dt = P − UA·(T − T_amb), solved exactly.
 */
class BoilerEnergyOracleTest {
    /** ρ·c of water, J/(ml·K) (963 kg/m³ × 4210 J/(kg·K), docs/model.md §5). */
    private static final double WATER_HEAT_J_PER_ML_K = 963.0e-6 * 4210.0;

    @Test
    void drawingTankWaterCoolsTheBoilerAsTheEnergyBalanceSays() {
        // no heater, no losses; tank and room at different temperatures so that neither can stand in for the other
        MachineParameters p = Variants.withBoiler(Presets.singleBoiler(), new BoilerParameters(300.0, 1000.0, 0.0),
                new EnvironmentParameters(25.0, 15.0));
        // a puck: the OPV relieves, so the pump draws more than goes through the boiler into the group
        Plant plant = new Plant(Machine.of(p), BasketParameters.Puck.typical(), new InitialConditions(0.0, 93.0, 88.0));
        plant.actuators().pumpDuty(1).solenoidEnergised(true).heaterDuty(0);
        for (int i = 0; i < 30_000; i++) {
            plant.step(0.001);
        }
        WaterBalance w = plant.waterBalance(0.0);
        double drawnIntoGroupMl = w.fromTankMl() - w.returnedToTankMl();
        assertThat(drawnIntoGroupMl).as("water through the boiler").isBetween(50.0, 120.0);
        assertThat(w.returnedToTankMl()).as("the OPV relieved some of the pump's flow").isGreaterThan(30.0);
        double expected = 15.0 + (93.0 - 15.0) * Math.exp(-drawnIntoGroupMl / 300.0);
        assertThat(plant.boilerTemperatureC()).as("after drawing %.1f ml", drawnIntoGroupMl)
                .isCloseTo(expected, within(0.002)); // measured 1.7e-4 K (explicit Euler at 1 ms)
        // the small-draw form, for the first 3 ml (where e^(−V/V_b) ≈ 1 − V/V_b to 0.5 %)
        Plant small = new Plant(Machine.of(p), BasketParameters.Puck.typical(), new InitialConditions(0.0, 93.0, 88.0));
        small.actuators().pumpDuty(1).solenoidEnergised(true).heaterDuty(0);
        while (small.waterBalance(0.0).fromTankMl() - small.waterBalance(0.0).returnedToTankMl() < 3.0) {
            small.step(0.001);
        }
        WaterBalance s = small.waterBalance(0.0);
        double v = s.fromTankMl() - s.returnedToTankMl();
        double linear = (93.0 - 15.0) * v / 300.0;
        assertThat(93.0 - small.boilerTemperatureC()).as("m_b·c·ΔT = m_drawn·c·(T_b − T_tank) for %.2f ml", v)
                .isCloseTo(linear, within(0.01 * linear));
    }

    @Test
    void theHeaterAndTheLossesMoveTheBoilerAsTheirBalanceSays() {
        MachineParameters p = Variants.withBoiler(Presets.singleBoiler(), new BoilerParameters(300.0, 1000.0, 0.6),
                new EnvironmentParameters(25.0, 15.0));
        double capacity = 300.0 * WATER_HEAT_J_PER_ML_K;
        for (double duty : new double[] {0.0, 0.5, 1.0}) {
            Plant plant = new Plant(Machine.of(p), BasketParameters.blind(), new InitialConditions(0.0, 80.0, 80.0));
            plant.actuators().pumpDuty(0).solenoidEnergised(false).heaterDuty(duty);
            for (int i = 0; i < 20_000; i++) {
                plant.step(0.001);
            }
            // C·dT/dt = P·u − UA·(T − T_amb): T → T_amb + P·u/UA with time constant C/UA
            double steady = 25.0 + 1000.0 * duty / 0.6;
            double expected = steady + (80.0 - steady) * Math.exp(-0.6 * 20.0 / capacity);
            assertThat(plant.boilerTemperatureC()).as("heater duty %.1f for 20 s", duty)
                    .isCloseTo(expected, within(1.0e-4)); // measured 1.3e-7 K
        }
    }
}
