package io.backflush.core.oracle;

import io.backflush.core.hydraulics.OrificeParameters;
import io.backflush.core.hydraulics.PumpParameters;
import io.backflush.core.hydraulics.ReliefValveParameters;
import io.backflush.core.hydraulics.ThreeWayValveParameters;
import io.backflush.core.machine.MachineParameters;
import io.backflush.core.thermal.BoilerParameters;
import io.backflush.core.thermal.EnvironmentParameters;
import io.backflush.core.thermal.GroupHeadParameters;

/** A preset with one part replaced, through the parameter record's public constructor. */
final class Variants {
    private Variants() {
    }

    static MachineParameters withPump(MachineParameters p, PumpParameters pump, ReliefValveParameters opv) {
        return new MachineParameters(p.name(), p.description(), pump, opv, p.gicleur(), p.groupInlet(),
                p.threeWayValve(), p.chamber(), p.boiler(), p.groupHead(), p.sensors(), p.environment());
    }

    static MachineParameters withGicleur(MachineParameters p, OrificeParameters gicleur) {
        return new MachineParameters(p.name(), p.description(), p.pump(), p.overPressureValve(), gicleur,
                p.groupInlet(), p.threeWayValve(), p.chamber(), p.boiler(), p.groupHead(), p.sensors(),
                p.environment());
    }

    static MachineParameters withExhaust(MachineParameters p, OrificeParameters exhaust) {
        return new MachineParameters(p.name(), p.description(), p.pump(), p.overPressureValve(), p.gicleur(),
                p.groupInlet(), new ThreeWayValveParameters(exhaust, p.threeWayValve().responseSeconds()),
                p.chamber(), p.boiler(), p.groupHead(), p.sensors(), p.environment());
    }

    static MachineParameters withBoiler(MachineParameters p, BoilerParameters boiler, EnvironmentParameters room) {
        return new MachineParameters(p.name(), p.description(), p.pump(), p.overPressureValve(), p.gicleur(),
                p.groupInlet(), p.threeWayValve(), p.chamber(), boiler, p.groupHead(), p.sensors(), room);
    }

    /** The boiler alone, thermally: the group decoupled from it (no conduction either way). */
    static MachineParameters withBoilerAlone(MachineParameters p, BoilerParameters boiler, EnvironmentParameters room) {
        GroupHeadParameters g = p.groupHead();
        return new MachineParameters(p.name(), p.description(), p.pump(), p.overPressureValve(), p.gicleur(),
                p.groupInlet(), p.threeWayValve(), p.chamber(), boiler,
                new GroupHeadParameters(g.massKg(), g.specificHeatJPerKgK(), 0.0, g.lossConductanceWPerK()),
                p.sensors(), room);
    }
}
