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
        // no heater, no losses, the group decoupled and an element too small to store heat: the draw
        // alone; tank and room at different temperatures so that neither can stand in for the other
        MachineParameters p = Variants.withBoilerAlone(Presets.singleBoiler(),
                new BoilerParameters(300.0, 1000.0, 0.0, 0.1, 100.0), new EnvironmentParameters(25.0, 15.0));
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

    /**
     * Heater, element and boiler as the two-node network the model says they are, solved by hand:
     * C_e·dT_e/dt = P·u − G·(T_e − T_b), C_b·dT_b/dt = G·(T_e − T_b) − UA·(T_b − T_a), a linear
     * system x' = A·x + b whose solution is x(t) = x∞ + Σ c_i·v_i·e^(λ_i·t) with the eigenpairs of A.
     */
    @Test
    void theHeaterTheElementAndTheLossesMoveTheBoilerAsTheirBalanceSays() {
        double ce = 40.0;
        double g = 10.0;
        double ua = 0.6;
        MachineParameters p = Variants.withBoilerAlone(Presets.singleBoiler(),
                new BoilerParameters(300.0, 1000.0, ua, ce, g), new EnvironmentParameters(25.0, 15.0));
        double cb = 300.0 * WATER_HEAT_J_PER_ML_K;
        for (double duty : new double[] {0.0, 0.5, 1.0}) {
            Plant plant = new Plant(Machine.of(p), BasketParameters.blind(), new InitialConditions(0.0, 80.0, 80.0));
            plant.actuators().pumpDuty(0).solenoidEnergised(false).heaterDuty(duty);
            for (int i = 0; i < 20_000; i++) {
                plant.step(0.001);
            }
            double power = 1000.0 * duty;
            // A = [[-g/ce, g/ce], [g/cb, -(g+ua)/cb]]; steady state: T_b = T_a + P/UA, T_e = T_b + P/g
            double a11 = -g / ce;
            double a12 = g / ce;
            double a21 = g / cb;
            double a22 = -(g + ua) / cb;
            double tbInf = 25.0 + power / ua;
            double teInf = tbInf + power / g;
            double tr = a11 + a22;
            double det = a11 * a22 - a12 * a21;
            double root = Math.sqrt(tr * tr / 4 - det);
            double l1 = tr / 2 + root;
            double l2 = tr / 2 - root;
            // eigenvectors (a12, λ − a11); start minus steady state = c1·v1 + c2·v2
            double v1x = a12;
            double v1y = l1 - a11;
            double v2x = a12;
            double v2y = l2 - a11;
            // a hot plant's element starts as it is while the boiler is held: above the water by the
            // holding power (here the loss UA·(80 − 25); the group is decoupled) over its conductance
            double elementStart = 80.0 + ua * (80.0 - 25.0) / g;
            assertThat(new Plant(Machine.of(p), BasketParameters.blind(), new InitialConditions(0.0, 80.0, 80.0))
                    .elementTemperatureC()).isCloseTo(elementStart, within(1e-12));
            double dx = elementStart - teInf;
            double dy = 80.0 - tbInf;
            double d = v1x * v2y - v2x * v1y;
            double c1 = (dx * v2y - v2x * dy) / d;
            double c2 = (v1x * dy - dx * v1y) / d;
            double t = 20.0;
            double expectedBoiler = tbInf + c1 * v1y * Math.exp(l1 * t) + c2 * v2y * Math.exp(l2 * t);
            double expectedElement = teInf + c1 * v1x * Math.exp(l1 * t) + c2 * v2x * Math.exp(l2 * t);
            assertThat(plant.boilerTemperatureC()).as("boiler, heater duty %.1f for 20 s", duty)
                    .isCloseTo(expectedBoiler, within(2.0e-3));
            assertThat(plant.elementTemperatureC()).as("element, heater duty %.1f for 20 s", duty)
                    .isCloseTo(expectedElement, within(2.0e-2));
        }
    }
}
