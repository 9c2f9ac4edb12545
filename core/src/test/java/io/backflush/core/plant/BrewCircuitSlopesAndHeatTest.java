package io.backflush.core.plant;

import io.backflush.core.cleaning.CleaningParameters;
import io.backflush.core.hydraulics.BasketParameters;
import io.backflush.core.machine.Machine;
import io.backflush.core.machine.Presets;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The circuit's slopes against central finite differences of the flows they are the slopes of (in
 * every branch: sealed and connected line, below and above the OPV's cracking pressure, pump on,
 * part-time and off), the solved-line shortcut against {@code flowsAt} itself, the heat capacities
 * from the preset's masses, and the fixed stepper's heat balance between the metal and the
 * chamber's water: closed forms and conservation, not the code's output.
 */
class BrewCircuitSlopesAndHeatTest {
    private static final Machine MACHINE = Machine.of(Presets.singleBoiler());
    /** Central-difference half-width, bar: small against every curvature below, large against rounding. */
    private static final double H = 1.0e-6;

    private static BrewCircuit circuit() {
        return new BrewCircuit(MACHINE, BasketParameters.Puck.typical());
    }

    /**
     * {@code lineNetSlope()} is −d(line net inflow)/d(line pressure) at the last call's pressure. The
     * line pressures sit off the pump table's 2.5 mbar grid (its curve is piecewise linear there)
     * and away from the OPV's 9 bar crack, so the difference quotient is the derivative to ~1e-6.
     */
    @Test
    void theLinesNetSlopeIsMinusTheDerivativeOfItsNetInflowInEveryBranch() {
        BrewCircuit c = circuit();
        for (double line : new double[] {2.0013, 6.3011, 9.6007, 11.2019}) {
            for (double group : new double[] {0.4, 8.0}) {
                for (boolean connected : new boolean[] {true, false}) {
                    for (double fraction : new double[] {0.0, 0.6, 1.0}) {
                        double up = c.lineNetMlPerS(line + H, group, fraction, connected);
                        double down = c.lineNetMlPerS(line - H, group, fraction, connected);
                        c.lineNetMlPerS(line, group, fraction, connected);
                        double expected = -(up - down) / (2 * H);
                        assertThat(c.lineNetSlope())
                                .as("line %s bar, group %s bar, connected %s, pump %s", line, group, connected, fraction)
                                .isCloseTo(expected, within(1e-5 * Math.max(1.0, Math.abs(expected))));
                    }
                }
            }
        }
        // the sealed line's slope includes the leak: 0.005 ml/s/bar more than the pump's and the OPV's alone
        c.lineNetMlPerS(6.3011, 0.4, 0.0, false);
        assertThat(c.lineNetSlope()).isCloseTo(0.005, within(1e-12));
    }

    /**
     * {@code inflowSlope} is ∂(inflow)/∂(group pressure) with the line held: the inflow falls as the
     * group rises, so the slope is negative, and it is the difference quotient of the inflow, on
     * both sides of the smoothing at zero drop and with the group above the line (flow back).
     */
    @Test
    void theInflowSlopeIsTheDerivativeOfTheInflowInTheGroupPressure() {
        BrewCircuit c = circuit();
        Flows at = new Flows();
        Flows up = new Flows();
        Flows down = new Flows();
        double line = 6.0;
        for (double group : new double[] {0.3, 5.2, 5.9995, 6.0004, 7.5}) {
            c.flowsAt(group + H, 30.0, line, 1.0, true, false, false, up);
            c.flowsAt(group - H, 30.0, line, 1.0, true, false, false, down);
            c.flowsAt(group, 30.0, line, 1.0, true, false, false, at);
            double expected = (up.inflowMlPerS - down.inflowMlPerS) / (2 * H);
            assertThat(expected).as("the inflow falls as the group rises at %s bar", group).isNegative();
            assertThat(at.inflowSlope).as("at %s bar", group).isCloseTo(expected, within(1e-5 * Math.abs(expected)));
        }
        c.flowsAt(5.2, 30.0, line, 1.0, false, false, false, at);
        assertThat(at.inflowMlPerS).isZero();
        assertThat(at.inflowSlope).isZero();
    }

    /**
     * Just after {@code lineNetMlPerS} at (line, group), the solved-line flows at a line pressure
     * dx away are the supply's flows carried along their slopes: {@code flowsAt}'s to second order
     * in dx (the pump curve and the open OPV are linear there, the path's curvature over 1e-4 bar
     * moves its flow by ~1e-8 ml/s), where a sign slip in a carry would be off by 2·slope·dx.
     */
    @Test
    void theSolvedLinesFlowsAreFlowsAtsCarriedToFirstOrder() {
        BrewCircuit c = circuit();
        double group = 8.9;
        double line = 9.6007;
        double dx = 1.0e-4;
        Flows exact = new Flows();
        Flows carried = new Flows();
        c.flowsAt(group, 30.0, line + dx, 1.0, true, false, false, exact);
        assertThat(exact.lineReliefMlPerS).as("the OPV is open").isPositive();
        c.lineNetMlPerS(line, group, 1.0, true);
        c.flowsAtSolvedLine(group, 30.0, line + dx, 1.0, false, false, carried);
        assertThat(carried.pumpFlowMlPerS).isCloseTo(exact.pumpFlowMlPerS, within(1e-9));
        assertThat(carried.lineReliefMlPerS).isCloseTo(exact.lineReliefMlPerS, within(1e-9));
        assertThat(carried.inflowMlPerS).isCloseTo(exact.inflowMlPerS, within(1e-7));
        assertThat(carried.pumpOutletBar).isEqualTo(line + dx);
        assertThat(carried.groupBar).isEqualTo(group);
        assertThat(carried.inletOpen).isTrue();
        // what dx moves them by, so the carries above are tested and not merely equal
        Flows before = new Flows();
        c.flowsAt(group, 30.0, line, 1.0, true, false, false, before);
        assertThat(Math.abs(exact.lineReliefMlPerS - before.lineReliefMlPerS)).isGreaterThan(1e-3);
        assertThat(Math.abs(exact.pumpFlowMlPerS - before.pumpFlowMlPerS)).isGreaterThan(1e-6);
    }

    /**
     * The shortcut applies only right after a connected solve at the same group pressure; after a
     * sealed one, or at another group pressure, it is {@code flowsAt} itself, bit for bit.
     */
    @Test
    void theSolvedLineIsFlowsAtItselfAfterASealedSolveOrAtAnotherGroupPressure() {
        BrewCircuit c = circuit();
        Flows exact = new Flows();
        Flows solved = new Flows();
        // connected at another line pressure first, so that stale parts would show
        c.lineNetMlPerS(4.0, 3.0, 1.0, true);
        c.lineNetMlPerS(6.5, 3.0, 1.0, false);
        c.flowsAt(3.0, 30.0, 6.5, 1.0, true, false, false, exact);
        c.flowsAtSolvedLine(3.0, 30.0, 6.5, 1.0, false, false, solved);
        assertSame(solved, exact);

        c.lineNetMlPerS(6.5, 3.0, 1.0, true);
        c.flowsAt(5.0, 30.0, 6.5, 1.0, true, true, false, exact);
        c.flowsAtSolvedLine(5.0, 30.0, 6.5, 1.0, true, false, solved);
        assertSame(solved, exact);
    }

    private static void assertSame(Flows actual, Flows expected) {
        assertThat(actual.groupBar).isEqualTo(expected.groupBar);
        assertThat(actual.pumpOutletBar).isEqualTo(expected.pumpOutletBar);
        assertThat(actual.pumpFlowMlPerS).isEqualTo(expected.pumpFlowMlPerS);
        assertThat(actual.lineReliefMlPerS).isEqualTo(expected.lineReliefMlPerS);
        assertThat(actual.inflowMlPerS).isEqualTo(expected.inflowMlPerS);
        assertThat(actual.inflowSlope).isEqualTo(expected.inflowSlope);
        assertThat(actual.exhaustWaterMlPerS).isEqualTo(expected.exhaustWaterMlPerS);
        assertThat(actual.cupFlowMlPerS).isEqualTo(expected.cupFlowMlPerS);
    }

    /**
     * The single boiler's heat capacities from its parameters: 300 ml of water at 963 kg/m³ and
     * 4210 J/(kg·K) is 1216.269 J/K; the group, 1.5 kg of brass at 380 J/(kg·K), 570 J/K; the metal
     * and the chamber's water exchange 5 W/K (the default coupling).
     */
    @Test
    void theHeatCapacitiesAreThePresetsMassesTimesTheirSpecificHeats() {
        BrewCircuit c = circuit();
        assertThat(c.boilerHeatCapacityJPerK()).isCloseTo(1216.269, within(1e-9));
        assertThat(c.inverseBoilerHeatCapacity()).isCloseTo(1.0 / 1216.269, within(1e-15));
        assertThat(c.groupHeatCapacityJPerK()).isCloseTo(570.0, within(1e-9));
        assertThat(c.inverseGroupHeatCapacity()).isCloseTo(1.0 / 570.0, within(1e-15));
        assertThat(c.chamberCouplingWPerK()).isEqualTo(5.0);
    }

    /**
     * The fixed stepper moves heat between its parts without making or losing any: with nothing
     * flowing (pump off, exhaust open, 1 ml of water below the 2 ml the chamber retains, heater
     * off) the heat held by boiler, element, metal and the chamber's water film (counted at its
     * 2 ml floor) changes in each step by exactly the losses to the room at the step's start,
     * −dt·(0.6·(T_b − T_a) + 0.5·(T_g − T_a)) W·s. The metal starts 70 K below the boiler, so it warms
     * and the film lags it: the water's backward-Euler update takes G_w·dt·(T_g − T_w,end) from
     * the metal, and the metal must give exactly that (an explicit G_w·(T_g − T_w) alone is off by
     * G_w·dt·ΔT_w a step).
     */
    @Test
    void theFixedStepperConservesHeatBetweenTheMetalAndTheChambersWater() {
        Plant plant = new Plant(MACHINE, BasketParameters.blind(), new InitialConditions(1.0, 93.0, 23.0),
                CleaningParameters.defaults(), StepperKind.FIXED);
        plant.actuators().pumpDuty(0.0).solenoidEnergised(false).heaterDuty(0.0);
        double ambient = MACHINE.parameters().environment().ambientC();
        double cBoiler = 1216.269;
        double cElement = 40.0;
        double cGroup = 570.0;
        double cFilm = 2.0 * 0.963 * 4.21;
        double dt = 0.05;
        double largestExchange = 0.0;
        for (int i = 0; i < 200; i++) {
            double[] s = plant.stateCopy();
            double before = heat(s, cBoiler, cElement, cGroup, cFilm);
            double losses = dt * (0.6 * (s[StateLayout.BOILER_C] - ambient) + 0.5 * (s[StateLayout.GROUP_METAL_C] - ambient));
            plant.step(dt);
            double[] e = plant.stateCopy();
            assertThat(e[StateLayout.GROUP_WATER_ML]).as("the film stays below what the chamber retains").isLessThan(2.0);
            largestExchange = Math.max(largestExchange, Math.abs(cFilm * (e[StateLayout.CHAMBER_WATER_C] - s[StateLayout.CHAMBER_WATER_C])));
            assertThat(heat(e, cBoiler, cElement, cGroup, cFilm) - before).as("step %d", i).isCloseTo(-losses, within(1e-7));
        }
        assertThat(largestExchange).as("the film takes heat from the metal, J a step").isGreaterThan(0.01);
    }

    /**
     * Idle, a released group drains by gravity only at atmospheric pressure: 40 ml with 5 atm-ml
     * of air at 90 °C in the 45 ml chamber is at 0 bar and loses (40 − 2)·(1 − e^(−10/15)) ml in
     * 10 s (2 ml retained, 15 s drain time constant), the same volume of air coming back in; with
     * 10 atm-ml of air the group stands at about 1 bar and keeps all its water.
     */
    @Test
    void anIdleReleasedGroupDrainsOnlyAtAtmosphericPressure() {
        BrewCircuit c = circuit();
        double[] open = idleGroup(5.0);
        assertThat(c.pressureOf(open)).isCloseTo(0.0, within(1e-12));
        c.idle(open, 10.0, false, true);
        double drained = 38.0 * (1.0 - Math.exp(-10.0 / 15.0));
        assertThat(open[StateLayout.GROUP_WATER_ML]).isCloseTo(40.0 - drained, within(1e-9));
        assertThat(open[StateLayout.TO_DRIP_TRAY_ML]).isCloseTo(drained, within(1e-9));
        assertThat(open[StateLayout.HEADSPACE_AIR_ATM_ML]).isCloseTo(5.0 + drained, within(1e-9));

        double[] pressed = idleGroup(10.0);
        assertThat(c.pressureOf(pressed)).as("the group stands pressurised").isGreaterThan(0.5);
        c.idle(pressed, 10.0, false, true);
        assertThat(pressed[StateLayout.GROUP_WATER_ML]).isEqualTo(40.0);
        assertThat(pressed[StateLayout.TO_DRIP_TRAY_ML]).isZero();
        assertThat(pressed[StateLayout.HEADSPACE_AIR_ATM_ML]).isEqualTo(10.0);
    }

    private static double[] idleGroup(double airAtmMl) {
        double[] s = new double[StateLayout.SIZE];
        s[StateLayout.GROUP_WATER_ML] = 40.0;
        s[StateLayout.HEADSPACE_AIR_ATM_ML] = airAtmMl;
        s[StateLayout.CHAMBER_WATER_C] = 90.0;
        s[StateLayout.GROUP_METAL_C] = 90.0;
        s[StateLayout.BOILER_C] = 93.0;
        return s;
    }

    private static double heat(double[] s, double cBoiler, double cElement, double cGroup, double cFilm) {
        return cBoiler * s[StateLayout.BOILER_C] + cElement * s[StateLayout.ELEMENT_C] + cGroup * s[StateLayout.GROUP_METAL_C]
                + cFilm * s[StateLayout.CHAMBER_WATER_C];
    }
}
