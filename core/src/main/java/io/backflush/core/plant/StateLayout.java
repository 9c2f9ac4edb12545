package io.backflush.core.plant;

import io.backflush.core.hydraulics.Fluids;
import io.backflush.core.hydraulics.GroupChamberParameters;
import io.backflush.core.machine.MachineParameters;

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

    /** Heating element temperature, °C (between the heater's power and the boiler water). */
    public static final int ELEMENT_C = 11;

    /**
     * Water stored in the pump–boiler line by its compliance above atmospheric pressure, ml: the
     * line's pressure is this over the compliance.
     */
    public static final int LINE_WATER_ML = 12;

    /**
     * Temperature of the water standing in the group chamber, °C: the inflow mixes into it at the
     * boiler's temperature, it exchanges heat with the group metal, and the trapped air is
     * isothermal at it.
     */
    public static final int CHAMBER_WATER_C = 13;

    /**
     * What the chamber's water has grown by warming (negative: shrunk by cooling) since the start,
     * ml: a ledger accumulator, so that the water balance compares the volumes drawn from the tank
     * with the volumes held less this.
     */
    public static final int THERMAL_EXPANSION_ML = 14;

    /**
     * Water the puck in the basket has absorbed, ml ({@link io.backflush.core.hydraulics.PuckParameters}):
     * held in the machine until the basket is emptied; 0 for any other basket.
     */
    public static final int PUCK_WATER_ML = 15;

    /** Water that has passed through the puck to the cup since the basket went in, ml (what erodes it). */
    public static final int PUCK_THROUGH_ML = 16;

    /** Number of state variables. */
    public static final int SIZE = 17;

    /**
     * The state a plant starts from: the chamber holding {@code initial.groupWaterMl()} of water
     * and atmospheric air in the rest, temperatures and their probes as given, an empty ledger.
     * Both steppers start from it.
     */
    static double[] initial(MachineParameters machine, InitialConditions initial) {
        double[] s = new double[SIZE];
        setTemperatures(s, machine, initial.boilerC(), initial.groupMetalC());
        fillChamber(s, machine.chamber(), initial.groupWaterMl());
        return s;
    }

    /**
     * Sets boiler, element and group temperatures and their probes; a NaN boiler temperature means
     * the room's, a NaN group temperature the group's steady state with that boiler
     * ({@link InitialConditions#steadyGroupC}). The element starts as it is while a thermostat holds
     * the boiler there: above the water by the power that replaces the boiler's losses and what it
     * gives the group, over its conductance (at the water's temperature in a cold machine).
     */
    static void setTemperatures(double[] s, MachineParameters machine, double boilerC, double groupC) {
        double ambient = machine.environment().ambientC();
        double boiler = Double.isNaN(boilerC) ? ambient : boilerC;
        double group = Double.isNaN(groupC) ? InitialConditions.steadyGroupC(machine, boiler) : groupC;
        double holdingW = machine.boiler().lossConductanceWPerK() * (boiler - ambient)
                + machine.groupHead().boilerCouplingWPerK() * (boiler - group);
        s[BOILER_C] = boiler;
        s[ELEMENT_C] = boiler + Math.max(0.0, holdingW) / machine.boiler().elementConductanceWPerK();
        s[GROUP_METAL_C] = group;
        s[BOILER_SENSOR_C] = boiler;
        s[GROUP_SENSOR_C] = group;
        setChamberWaterC(s, group);
    }

    /**
     * Sets the chamber water's temperature (after an idle jump: at the metal's), the water growing
     * or shrinking by β·W·ΔT with the expansion ledger keeping count. A plant's first call (the
     * slot still 0) only sets it.
     */
    static void setChamberWaterC(double[] s, double chamberC) {
        double water = s[GROUP_WATER_ML];
        if (water > 0.0) {
            double grown = Fluids.waterExpansionPerK(s[CHAMBER_WATER_C]) * water * (chamberC - s[CHAMBER_WATER_C]);
            s[GROUP_WATER_ML] = water + grown;
            s[THERMAL_EXPANSION_ML] += grown;
        }
        s[CHAMBER_WATER_C] = chamberC;
    }

    /**
     * The trapped air's amount as the pressure law sees it: the air is kept as ml at 1 atm and the
     * reference {@link BrewCircuit#CHAMBER_AIR_TEMPERATURE_K}, and at the chamber's temperature it
     * presses like that amount times T/T_ref (isothermal at the chamber water's temperature).
     */
    static double airTemperatureFactor(double chamberC) {
        return (chamberC + Fluids.KELVIN_AT_ZERO_C) * INVERSE_AIR_REFERENCE_K;
    }

    private static final double INVERSE_AIR_REFERENCE_K = 1.0 / BrewCircuit.CHAMBER_AIR_TEMPERATURE_K;

    /**
     * Sets the chamber to hold {@code waterMl} of water (clamped to the chamber) and atmospheric air
     * at the chamber's temperature in the rest, split between headspace and basket by the chamber's
     * headspace fraction.
     */
    static void fillChamber(double[] s, GroupChamberParameters chamber, double waterMl) {
        double volume = chamber.freeVolumeMl();
        double water = Math.min(Math.max(waterMl, 0.0), volume);
        double air = (volume - water) / airTemperatureFactor(s[CHAMBER_WATER_C]);
        double headspace = chamber.headspaceAirFraction();
        s[GROUP_WATER_ML] = water;
        s[HEADSPACE_AIR_ATM_ML] = headspace * air;
        s[BASKET_AIR_ATM_ML] = (1.0 - headspace) * air;
    }
}
