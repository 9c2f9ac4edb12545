package io.backflush.core.machine;

import io.backflush.core.hydraulics.GroupChamberParameters;
import io.backflush.core.hydraulics.OrificeParameters;
import io.backflush.core.hydraulics.ReliefValveParameters;
import io.backflush.core.hydraulics.RotaryPumpParameters;
import io.backflush.core.hydraulics.ThreeWayValveParameters;
import io.backflush.core.hydraulics.VibratoryPumpParameters;
import io.backflush.core.thermal.BoilerParameters;
import io.backflush.core.thermal.EnvironmentParameters;
import io.backflush.core.thermal.GroupHeadParameters;
import io.backflush.core.thermal.PressurePlace;
import io.backflush.core.thermal.SensorParameters;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The built-in machines. Every number is sourced in the parameter records' documentation or
 * marked there as an estimate; {@code docs/model.md} tabulates them.
 */
public final class Presets {
    private Presets() {
    }

    private static final EnvironmentParameters ROOM = new EnvironmentParameters(22.0, 22.0);
    private static final SensorParameters THERMOCOUPLE = new SensorParameters(2.0);
    /** A rotary pump's line has no mains-frequency pulsation. */
    private static final SensorParameters THERMOCOUPLE_ROTARY = THERMOCOUPLE.withPressure(PressurePlace.LINE, 0.0, 0.0,
            0.0, 0L);

    private static final Map<String, MachineParameters> PRESETS = new LinkedHashMap<>();

    static {
        add(singleBoiler());
        add(e61Hx());
        add(rotaryCommercial());
        add(noThreeWay());
    }

    private static void add(MachineParameters machine) {
        PRESETS.put(machine.name(), machine);
    }

    /** Preset names in display order. */
    public static Iterable<String> names() {
        return PRESETS.keySet();
    }

    public static Map<String, MachineParameters> all() {
        return java.util.Collections.unmodifiableMap(PRESETS);
    }

    public static Optional<MachineParameters> find(String name) {
        return Optional.ofNullable(PRESETS.get(name));
    }

    /** Gaggia Classic–like single boiler. */
    public static MachineParameters singleBoiler() {
        return new MachineParameters(
                "single-boiler",
                "Gaggia Classic-like single boiler: Ulka E5 vibratory pump, OPV 9 bar, three-way valve, 45 ml group chamber",
                VibratoryPumpParameters.ulkaE5(),
                new ReliefValveParameters(9.0, 40.0),
                null,
                new OrificeParameters(1.3, 0.65),
                new ThreeWayValveParameters(new OrificeParameters(1.5, 0.65), 0.020),
                new GroupChamberParameters(45.0, 0.5, 0.5),
                new BoilerParameters(300.0, 1000.0, 0.6),
                new GroupHeadParameters(1.5, 380.0, 4.0, 0.5),
                THERMOCOUPLE,
                ROOM);
    }

    /** E61 heat exchanger with a vibratory pump. */
    public static MachineParameters e61Hx() {
        return new MachineParameters(
                "e61-hx",
                "E61 heat exchanger: Ulka E5 vibratory pump, OPV 10 bar, 0.8 mm gicleur, three-way valve, 60 ml chamber",
                VibratoryPumpParameters.ulkaE5(),
                new ReliefValveParameters(10.0, 40.0),
                new OrificeParameters(0.8, 0.7),
                new OrificeParameters(1.5, 0.65),
                new ThreeWayValveParameters(new OrificeParameters(1.5, 0.65), 0.020),
                new GroupChamberParameters(60.0, 1.0, 0.7),
                new BoilerParameters(1800.0, 1400.0, 1.5),
                new GroupHeadParameters(4.5, 380.0, 6.0, 0.25),
                THERMOCOUPLE,
                ROOM);
    }

    /** Commercial group on a rotary pump. */
    public static MachineParameters rotaryCommercial() {
        return new MachineParameters(
                "rotary-commercial",
                "Commercial group: rotary pump 100 L/h with bypass at 9 bar, 0.8 mm gicleur, three-way valve, 55 ml chamber",
                new RotaryPumpParameters(28.0, 9.0, 200.0),
                null,
                new OrificeParameters(0.8, 0.7),
                new OrificeParameters(1.5, 0.65),
                new ThreeWayValveParameters(new OrificeParameters(1.8, 0.65), 0.020),
                new GroupChamberParameters(55.0, 0.8, 0.5),
                new BoilerParameters(5000.0, 2500.0, 3.0),
                new GroupHeadParameters(4.0, 380.0, 8.0, 0.35),
                THERMOCOUPLE_ROTARY,
                ROOM);
    }

    /** Entry-level machine without a three-way valve (and without an OPV). */
    public static MachineParameters noThreeWay() {
        return new MachineParameters(
                "no-3way",
                "Entry-level machine without a three-way valve or OPV: pressure stays trapped; cannot be backflushed",
                VibratoryPumpParameters.ulkaE5(),
                null,
                null,
                new OrificeParameters(1.0, 0.65),
                null,
                new GroupChamberParameters(40.0, 0.3, 0.5),
                new BoilerParameters(100.0, 1100.0, 0.4),
                new GroupHeadParameters(0.8, 380.0, 3.0, 0.4),
                THERMOCOUPLE,
                ROOM);
    }
}
