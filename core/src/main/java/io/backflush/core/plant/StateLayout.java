package io.backflush.core.plant;

/**
 * The plant's continuous state as a flat {@code double[]}: what each index holds and in which
 * unit. The water ledger's accumulators are part of the state so that both steppers integrate
 * them with the same flows that move the water.
 */
public final class StateLayout {
    private StateLayout() {
    }

    /** Water in the group chamber, ml. */
    public static final int GROUP_WATER_ML = 0;
    /** Air in the headspace by the exit, as ml at 1 atm (vents first on release). */
    public static final int HEADSPACE_AIR_ATM_ML = 1;
    /** Air trapped in the basket under the water, as ml at 1 atm (never vents through the valve). */
    public static final int BASKET_AIR_ATM_ML = 2;
    /** Boiler water temperature, °C. */
    public static final int BOILER_C = 3;
    /** Group metal temperature, °C. */
    public static final int GROUP_METAL_C = 4;
    /** Boiler temperature sensor reading (first-order lag), °C. */
    public static final int BOILER_SENSOR_C = 5;
    /** Group temperature sensor reading (first-order lag), °C. */
    public static final int GROUP_SENSOR_C = 6;
    /** Water drawn from the tank by the pump (what a flow meter before the pump counts), ml. */
    public static final int FROM_TANK_ML = 7;
    /** Water returned to the tank by the over-pressure valve, ml. */
    public static final int RETURNED_TO_TANK_ML = 8;
    /** Water discharged through the three-way valve's exhaust to the drip tray, ml. */
    public static final int TO_DRIP_TRAY_ML = 9;
    /** Water through the basket to the cup, ml. */
    public static final int TO_CUP_ML = 10;

    /** Number of state variables. */
    public static final int SIZE = 11;

    private static final String[] NAMES = {
        "groupWaterMl", "headspaceAirAtmMl", "basketAirAtmMl", "boilerC", "groupMetalC",
        "boilerSensorC", "groupSensorC", "fromTankMl", "returnedToTankMl", "toDripTrayMl", "toCupMl"};

    /** The variable's name with its unit, e.g. {@code groupWaterMl}. */
    public static String name(int index) {
        return NAMES[index];
    }
}
