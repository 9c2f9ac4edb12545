package io.backflush.core.plant;

import io.backflush.core.hydraulics.BasketParameters;
import io.backflush.core.hydraulics.Fluids;
import io.backflush.core.machine.Machine;
import io.backflush.core.machine.Presets;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class BrewCircuitTest {
    private final BrewCircuit circuit = new BrewCircuit(Machine.of(Presets.singleBoiler()), BasketParameters.blind());

    @Test
    void pressureSatisfiesTheGasLawInAStretchingChamber() {
        double v0 = circuit.chamberVolumeMl();
        double c = circuit.complianceMlPerBar();
        for (double water : new double[] {0, 10, 30, 44, 45, 46}) {
            for (double air : new double[] {0.5, 5, 20, 45}) {
                double p = circuit.pressureBar(water, air);
                if (p > 0) {
                    double residual = (p + Fluids.ATMOSPHERE_BAR) * (v0 + c * p - water) - air * Fluids.ATMOSPHERE_BAR;
                    assertThat(residual).as("water %s air %s", water, air).isCloseTo(0, within(1e-9));
                }
            }
        }
        // a dry chamber at atmospheric pressure, and compressing its air tenfold (Boyle)
        assertThat(circuit.pressureBar(0, v0)).isCloseTo(0, within(1e-12));
        double p = circuit.pressureBar(40, v0);
        assertThat((p + Fluids.ATMOSPHERE_BAR) * (v0 + c * p - 40)).isCloseTo(v0 * Fluids.ATMOSPHERE_BAR, within(1e-9));
        // with no air, only the walls' compliance holds the water
        assertThat(circuit.pressureBar(v0 + 2.0, 0)).isCloseTo(2.0 / c, within(1e-9));
        assertThat(circuit.pressureBar(10, 5)).isZero(); // less air than room: not below atmospheric
    }

    @Test
    void pressureSensitivitiesMatchFiniteDifferences() {
        double water = 40;
        double air = 8;
        double p = circuit.pressureBar(water, air);
        double den = circuit.pressureDenominator(p, water);
        double h = 1e-6;
        double dW = (circuit.pressureBar(water + h, air) - circuit.pressureBar(water - h, air)) / (2 * h);
        double dN = (circuit.pressureBar(water, air + h) - circuit.pressureBar(water, air - h)) / (2 * h);
        assertThat((p + Fluids.ATMOSPHERE_BAR) / den).isCloseTo(dW, within(1e-5));
        assertThat(Fluids.ATMOSPHERE_BAR / den).isCloseTo(dN, within(1e-5));
    }

    @Test
    void airFlowIsChokedAtHighPressureAndItsSlopeIsRight() {
        for (double p : new double[] {0.01, 0.3, 0.9, 2, 9}) {
            double h = 1e-7;
            double fd = (circuit.exhaustAirFlowAtmMlPerS(p + h) - circuit.exhaustAirFlowAtmMlPerS(p - h)) / (2 * h);
            assertThat(circuit.exhaustAirFlowSlope(p)).as("at %s bar", p).isCloseTo(fd, within(Math.abs(fd) * 1e-4));
        }
        // choked flow is proportional to the upstream absolute pressure
        double q9 = circuit.exhaustAirFlowAtmMlPerS(9);
        double q5 = circuit.exhaustAirFlowAtmMlPerS(5);
        assertThat(q9 / q5).isCloseTo((9 + Fluids.ATMOSPHERE_BAR) / (5 + Fluids.ATMOSPHERE_BAR), within(1e-9));
        assertThat(circuit.exhaustAirFlowAtmMlPerS(0)).isZero();
        assertThat(circuit.exhaustWaterFlowMlPerS(-1)).isZero();
    }

    /**
     * {@code flowsAt} takes each orifice's flow and slope with one shared root: they are, bit for
     * bit, what the single-flow methods give (the basket, the exhaust, the fouled seat), and the
     * path's inflow is what the line's net flow takes out.
     */
    @Test
    void flowsAtGivesEachOrificesOwnFlowAndSlopeBitForBit() {
        BrewCircuit puck = new BrewCircuit(Machine.of(Presets.singleBoiler()), BasketParameters.Puck.typical());
        puck.applyFouling(0.8, 0.0, 0.05);
        Flows out = new Flows();
        for (double group : new double[] {-0.2, 0.0, 3e-4, 0.004, 0.7, 8.9, 11.0}) {
            for (boolean exhaustOpen : new boolean[] {true, false}) {
                double line = group + 0.37;
                puck.flowsAt(group, 30.0, line, 1.0, true, exhaustOpen, false, out);
                assertThat(out.cupFlowMlPerS).as("cup at %s", group).isEqualTo(puck.cupFlowMlPerS(group));
                assertThat(out.cupFlowSlope).as("cup slope at %s", group).isEqualTo(puck.cupFlowSlope(group));
                double water = exhaustOpen ? puck.exhaustWaterFlowMlPerS(group) : puck.seatLeakFlowMlPerS(group);
                double waterSlope = exhaustOpen ? puck.exhaustWaterFlowSlope(group) : puck.seatLeakFlowSlope(group);
                assertThat(out.exhaustWaterMlPerS).as("exhaust open %s at %s", exhaustOpen, group).isEqualTo(water);
                assertThat(out.exhaustWaterSlope).as("its slope").isEqualTo(waterSlope);
                double net = puck.lineNetMlPerS(line, group, 1.0, true);
                assertThat(net).as("line net at %s", group)
                        .isEqualTo(out.pumpFlowMlPerS - out.lineReliefMlPerS - out.inflowMlPerS);
            }
        }
    }
}
