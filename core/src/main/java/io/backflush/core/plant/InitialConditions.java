package io.backflush.core.plant;

import io.backflush.core.machine.MachineParameters;
import io.backflush.core.machine.StartState;
import io.backflush.core.thermal.GroupHeadParameters;

/**
 * Where a plant starts.
 *
 * @param groupWaterMl water already in the group chamber, ml (0: a dry basket)
 * @param boilerC      boiler water temperature, °C; NaN: the room's (a cold machine)
 * @param groupMetalC  group metal temperature, °C; NaN: in steady state with the boiler
 *                     ({@link #steadyGroupC})
 */
public record InitialConditions(double groupWaterMl, double boilerC, double groupMetalC) {
    /** Boiler temperature of a machine at operating temperature, °C. Estimate within the 88–96 °C brew-water range. */
    public static final double HOT_BOILER_C = 93.0;

    /**
     * A machine at operating temperature with a dry basket, as for a backflush: boiler at
     * {@value #HOT_BOILER_C} °C and the group in steady state with it (it neither warms nor cools
     * while nothing flows).
     */
    public static InitialConditions hotAndDry() {
        return new InitialConditions(0.0, HOT_BOILER_C, Double.NaN);
    }

    /** A machine switched on cold: boiler, element and group at the room's temperature, dry basket. */
    public static InitialConditions coldAndDry() {
        return new InitialConditions(0.0, Double.NaN, Double.NaN);
    }

    /** A dry basket, hot or cold as {@code start} says. */
    public static InitialConditions of(StartState start) {
        return start == StartState.COLD ? coldAndDry() : hotAndDry();
    }

    /**
     * The group temperature at which the heat it takes from the boiler equals what it loses to the
     * room, with nothing flowing: (G_b·T_b + G_a·T_a)/(G_b + G_a), °C.
     */
    public static double steadyGroupC(MachineParameters machine, double boilerC) {
        GroupHeadParameters g = machine.groupHead();
        double coupling = g.boilerCouplingWPerK();
        double loss = g.lossConductanceWPerK();
        double ambient = machine.environment().ambientC();
        return coupling + loss > 0 ? (coupling * boilerC + loss * ambient) / (coupling + loss) : boilerC;
    }
}
