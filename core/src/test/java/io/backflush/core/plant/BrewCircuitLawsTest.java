package io.backflush.core.plant;

import io.backflush.core.hydraulics.BasketParameters;
import io.backflush.core.hydraulics.OrificeParameters;
import io.backflush.core.machine.Machine;
import io.backflush.core.machine.Presets;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

/**
 * The circuit's flow laws against numbers worked here from the documented laws and the preset's
 * parameters, not from the code's constants: the exhaust's air flow (the orifice law with the
 * upstream density, capped at the choked flow), the basket and a fouled screen as resistances in
 * series (Δp = R·Q²), a dry eroding puck at its base resistance, and no flow at all through the
 * exhaust, the seat or the basket while the group is at or below atmospheric pressure.
 */
class BrewCircuitLawsTest {
    /** Standard atmosphere, bar. */
    private static final double P_ATM_BAR = 1.01325;
    /** Dry air's gas constant (287.05 J/(kg·K)) times the reference temperature of the trapped air (90 °C = 363.15 K). */
    private static final double RT = 287.05 * 363.15;

    private static BrewCircuit circuit(BasketParameters basket) {
        return new BrewCircuit(Machine.of(Presets.singleBoiler()), basket);
    }

    /**
     * The single boiler's exhaust is a 1.5 mm bore with Cd 0.65: Cd·A = 0.65·π·(1.5e-3)²/4 m². As ml
     * of air at 1 atm (and the reference temperature) per second, with pressures in bar:
     * incompressible Q = Cd·A·1e6·sqrt(2·R·T·P_up·Δp)/P_atm, choked Q = Cd·A·1e6·0.6847·sqrt(R·T)·P_up/P_atm;
     * the smaller of the two (the choked cap takes over from about 0.3 bar).
     */
    @Test
    void theExhaustsAirFlowIsTheOrificeLawCappedAtTheChokedFlow() {
        BrewCircuit c = circuit(BasketParameters.blind());
        double cdA = 0.65 * Math.PI * 1.5e-3 * 1.5e-3 / 4.0;
        for (double p : new double[] {0.05, 0.1, 0.2, 1.0, 5.0, 9.0}) {
            double up = p + P_ATM_BAR;
            double incompressible = cdA * 1e6 * Math.sqrt(2.0 * RT * up * p) / P_ATM_BAR;
            double choked = cdA * 1e6 * 0.6847 * Math.sqrt(RT) * up / P_ATM_BAR;
            double expected = Math.min(incompressible, choked);
            assertThat(c.exhaustAirFlowAtmMlPerS(p)).as("air at %s bar", p).isCloseTo(expected, withinPercentage(0.05));
        }
        // about 0.3 bar is where the cap takes over: below it the incompressible law, above it the cap
        assertThat(Math.sqrt(2.0 * RT * 1.1 * 0.1) < 0.6847 * Math.sqrt(RT) * 1.1).isTrue();
        assertThat(Math.sqrt(2.0 * RT * 6.0 * 5.0) > 0.6847 * Math.sqrt(RT) * 6.0).isTrue();
    }

    /** The water through the exhaust: Q = Cd·A·sqrt(2·Δp/ρ), ρ = 963 kg/m³, in ml/s with Δp in bar. */
    @Test
    void theExhaustsWaterFlowIsTheOrificeLaw() {
        BrewCircuit c = circuit(BasketParameters.blind());
        double cdA = 0.65 * Math.PI * 1.5e-3 * 1.5e-3 / 4.0;
        for (double p : new double[] {0.1, 1.0, 9.0}) {
            double expected = cdA * Math.sqrt(2.0 * p * 1e5 / 963.0) * 1e6;
            assertThat(c.exhaustWaterFlowMlPerS(p)).as("water at %s bar", p).isCloseTo(expected, withinPercentage(0.05));
        }
        assertThat(new OrificeParameters(1.5, 0.65).effectiveAreaM2()).isCloseTo(cdA, withinPercentage(1e-9));
    }

    /** Nothing flows out of a group at or below atmospheric pressure, and the slopes say so. */
    @Test
    void nothingFlowsOutOfAGroupAtOrBelowAtmosphericPressure() {
        BrewCircuit c = circuit(BasketParameters.Puck.typical());
        c.applyFouling(1.0, 0.0, 0.3);
        assertThat(c.cupFlowMlPerS(4.0)).isPositive();
        assertThat(c.seatLeakFlowMlPerS(4.0)).isPositive();
        for (double p : new double[] {-0.5, -1e-4, 0.0}) {
            assertThat(c.exhaustWaterFlowMlPerS(p)).as("exhaust water at %s bar", p).isZero();
            assertThat(c.exhaustWaterFlowSlope(p)).as("its slope at %s bar", p).isZero();
            assertThat(c.exhaustAirFlowAtmMlPerS(p)).as("exhaust air at %s bar", p).isZero();
            assertThat(c.exhaustAirFlowSlope(p)).as("its slope at %s bar", p).isZero();
            assertThat(c.cupFlowMlPerS(p)).as("cup at %s bar", p).isZero();
            assertThat(c.cupFlowSlope(p)).as("its slope at %s bar", p).isZero();
            assertThat(c.seatLeakFlowMlPerS(p)).as("seat leak at %s bar", p).isZero();
            assertThat(c.seatLeakFlowSlope(p)).as("its slope at %s bar", p).isZero();
        }
        // above it, each slope is its flow's derivative
        for (double p : new double[] {0.05, 1.0, 8.0}) {
            double h = 1e-6;
            assertThat(c.cupFlowSlope(p)).isCloseTo((c.cupFlowMlPerS(p + h) - c.cupFlowMlPerS(p - h)) / (2 * h),
                    withinPercentage(1e-3));
            assertThat(c.seatLeakFlowSlope(p)).isCloseTo(
                    (c.seatLeakFlowMlPerS(p + h) - c.seatLeakFlowMlPerS(p - h)) / (2 * h), withinPercentage(1e-3));
            assertThat(c.exhaustWaterFlowSlope(p)).isCloseTo(
                    (c.exhaustWaterFlowMlPerS(p + h) - c.exhaustWaterFlowMlPerS(p - h)) / (2 * h), withinPercentage(1e-3));
        }
        // a blind basket passes nothing at any pressure; a tight seat leaks nothing
        BrewCircuit blind = circuit(BasketParameters.blind());
        assertThat(blind.cupFlowMlPerS(9.0)).isZero();
        assertThat(blind.cupFlowSlope(9.0)).isZero();
        assertThat(blind.seatLeaks()).isFalse();
        assertThat(blind.seatLeakFlowMlPerS(9.0)).isZero();
        assertThat(blind.seatLeakFlowSlope(9.0)).isZero();
    }

    /**
     * The typical puck is 9 bar at 2 ml/s (R = 2.25 bar·s²/ml²); a fouled screen adds its resistance
     * in series: Q = sqrt(p/(R_puck + R_screen)), and the top of the puck sees p − R_screen·Q².
     */
    @Test
    void aFouledScreenAddsItsResistanceInSeriesWithThePuck() {
        BrewCircuit c = circuit(BasketParameters.Puck.typical());
        assertThat(c.cupFlowMlPerS(9.0)).isCloseTo(2.0, within(1e-4));
        c.applyFouling(1.0, 0.75, 0.0);
        assertThat(c.screenResistanceBarS2PerMl2()).isEqualTo(0.75);
        double q = Math.sqrt(9.0 / (2.25 + 0.75));
        assertThat(c.cupFlowMlPerS(9.0)).isCloseTo(q, within(1e-4));
        assertThat(c.puckPressureBar(9.0, q)).isCloseTo(9.0 - 0.75 * q * q, within(1e-12));
        assertThat(c.puckPressureBar(0.1, 2.0)).as("never below atmospheric").isZero();
        c.applyFouling(1.0, 0.0, 0.0);
        assertThat(c.cupFlowMlPerS(9.0)).isCloseTo(2.0, within(1e-4));
    }

    /** Through a plant: the puck's top is below the group by the fouled screen's drop at the cup flow. */
    @Test
    void aPlantReportsThePressureOnTopOfThePuck() {
        Plant plant = new Plant(Machine.of(Presets.singleBoiler()), BasketParameters.Puck.typical());
        plant.cleaning().setResidue(io.backflush.core.cleaning.Site.SCREEN, 200.0, 200.0);
        plant.actuators().pumpDuty(1.0).solenoidEnergised(true);
        for (int i = 0; i < 5000; i++) {
            plant.step(0.001);
        }
        double rs = plant.circuit().screenResistanceBarS2PerMl2();
        double q = plant.cupFlowMlPerS();
        assertThat(rs).isPositive();
        assertThat(q).isPositive();
        assertThat(plant.puckPressureBar()).isCloseTo(plant.groupPressureBar() - rs * q * q, within(1e-9))
                .isLessThan(plant.groupPressureBar());
    }

    /** A dry eroding puck starts at its base resistance: not yet swollen, not yet eroded. */
    @Test
    void aDryErodingPuckStartsAtItsBaseResistance() {
        BrewCircuit c = circuit(BasketParameters.ErodingPuck.typical());
        assertThat(c.basketResistanceBarS2PerMl2()).isEqualTo(2.25);
        assertThat(c.cupFlowMlPerS(9.0)).isCloseTo(2.0, within(1e-4));
        assertThat(circuit(BasketParameters.Puck.typical()).basketResistanceBarS2PerMl2()).isEqualTo(2.25);
    }

    /** The circuit is the machine's: its inlet, and an OPV on the line only where the machine has one (the rotary's bypass is in its pump). */
    @Test
    void theCircuitIsItsMachinesWithTheOpvWhereTheMachineHasOne() {
        Machine single = Machine.of(Presets.singleBoiler());
        BrewCircuit c = new BrewCircuit(single, BasketParameters.blind());
        assertThat(c.machine()).isSameAs(single);
        assertThat(c.inlet()).isSameAs(single.inlet());
        assertThat(c.lineHasRelief()).isTrue();
        assertThat(c.lineCrackingBar()).isEqualTo(9.0);
        BrewCircuit rotary = new BrewCircuit(Machine.of(Presets.rotaryCommercial()), BasketParameters.blind());
        assertThat(rotary.lineHasRelief()).isFalse();
        assertThat(rotary.lineCrackingBar()).isInfinite();
    }
}
