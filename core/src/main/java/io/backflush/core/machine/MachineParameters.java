package io.backflush.core.machine;

import io.backflush.core.hydraulics.GroupChamberParameters;
import io.backflush.core.hydraulics.LineParameters;
import io.backflush.core.hydraulics.OrificeParameters;
import io.backflush.core.hydraulics.PumpParameters;
import io.backflush.core.hydraulics.ReliefValveParameters;
import io.backflush.core.hydraulics.ThreeWayValveParameters;
import io.backflush.core.param.Require;
import io.backflush.core.thermal.BoilerParameters;
import io.backflush.core.thermal.EnvironmentParameters;
import io.backflush.core.thermal.GroupHeadParameters;
import io.backflush.core.thermal.SensorParameters;

/**
 * Everything that describes one espresso machine's brew circuit. Immutable data: presets live in
 * {@link Presets}, files are read by {@link MachineFiles}, and {@link Machine#of} turns it into
 * the precomputed form a plant runs on.
 *
 * <p>The water path is tank → pump → (over-pressure valve back to the tank) → boiler or heat
 * exchanger → gicleur (if any) → group inlet (the three-way valve's inlet port) → group chamber →
 * basket → cup; with the three-way valve de-energised the chamber discharges through the valve's
 * exhaust to the drip tray.
 *
 * @param name              preset or file name
 * @param description       one line for {@code backflush machines}
 * @param pump              the pump
 * @param overPressureValve the OPV, or null where the machine has none
 * @param gicleur           the flow restrictor between boiler/HX and group, or null
 * @param groupInlet        the orifice through which water enters the group (the three-way valve's
 *                          inlet port, or the group's passage on machines without one). Estimate:
 *                          1.2–1.5 mm, Cd 0.6–0.7
 * @param threeWayValve     the three-way solenoid, or null on machines that lack one
 * @param chamber           the group chamber
 * @param boiler            the boiler
 * @param groupHead         the group's metal
 * @param sensors           sensor dynamics
 * @param environment       room and tank
 * @param line              the pump–boiler line that traps pressure behind a released group; null:
 *                          {@link LineParameters#defaults()}
 * @param start             how runs and HIL sessions on this machine start unless told otherwise
 *                          ({@code run --start}, {@code serve --start}, the HIL reset's {@code start});
 *                          null: {@link StartState#HOT}
 */
public record MachineParameters(
        String name,
        String description,
        PumpParameters pump,
        ReliefValveParameters overPressureValve,
        OrificeParameters gicleur,
        OrificeParameters groupInlet,
        ThreeWayValveParameters threeWayValve,
        GroupChamberParameters chamber,
        BoilerParameters boiler,
        GroupHeadParameters groupHead,
        SensorParameters sensors,
        EnvironmentParameters environment,
        LineParameters line,
        StartState start) {

    public MachineParameters {
        if (line == null) {
            line = LineParameters.defaults();
        }
        if (start == null) {
            start = StartState.HOT;
        }
        Require.present(name, "name");
        if (description == null) {
            description = "";
        }
        Require.present(pump, "pump");
        Require.present(groupInlet, "groupInlet");
        Require.present(chamber, "chamber");
        Require.present(boiler, "boiler");
        Require.present(groupHead, "groupHead");
        Require.present(sensors, "sensors");
        Require.present(environment, "environment");
    }

    /** A machine that starts hot. */
    public MachineParameters(String name, String description, PumpParameters pump, ReliefValveParameters overPressureValve,
                             OrificeParameters gicleur, OrificeParameters groupInlet,
                             ThreeWayValveParameters threeWayValve, GroupChamberParameters chamber,
                             BoilerParameters boiler, GroupHeadParameters groupHead, SensorParameters sensors,
                             EnvironmentParameters environment, LineParameters line) {
        this(name, description, pump, overPressureValve, gicleur, groupInlet, threeWayValve, chamber, boiler,
                groupHead, sensors, environment, line, null);
    }

    /** A machine with the default line (estimates), starting hot. */
    public MachineParameters(String name, String description, PumpParameters pump, ReliefValveParameters overPressureValve,
                             OrificeParameters gicleur, OrificeParameters groupInlet,
                             ThreeWayValveParameters threeWayValve, GroupChamberParameters chamber,
                             BoilerParameters boiler, GroupHeadParameters groupHead, SensorParameters sensors,
                             EnvironmentParameters environment) {
        this(name, description, pump, overPressureValve, gicleur, groupInlet, threeWayValve, chamber, boiler,
                groupHead, sensors, environment, null);
    }

    /** Whether the machine can release group pressure to the drip tray (and so be backflushed). */
    public boolean hasThreeWayValve() {
        return threeWayValve != null;
    }

    public MachineParameters withName(String newName, String newDescription) {
        return new MachineParameters(newName, newDescription, pump, overPressureValve, gicleur, groupInlet,
                threeWayValve, chamber, boiler, groupHead, sensors, environment, line, start);
    }

    public MachineParameters withOverPressureValve(ReliefValveParameters opv) {
        return new MachineParameters(name, description, pump, opv, gicleur, groupInlet,
                threeWayValve, chamber, boiler, groupHead, sensors, environment, line, start);
    }

    /** The same machine starting as {@code newStart} says. */
    public MachineParameters withStart(StartState newStart) {
        return new MachineParameters(name, description, pump, overPressureValve, gicleur, groupInlet,
                threeWayValve, chamber, boiler, groupHead, sensors, environment, line, newStart);
    }

    public MachineParameters withChamber(GroupChamberParameters newChamber) {
        return new MachineParameters(name, description, pump, overPressureValve, gicleur, groupInlet,
                threeWayValve, newChamber, boiler, groupHead, sensors, environment, line, start);
    }
}
