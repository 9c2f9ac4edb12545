package io.backflush.sim.hil.fault;

import io.backflush.core.plant.Plant;
import io.backflush.sim.signal.Signal;

/**
 * The sensor channels of a sensor frame, by their names in fault specs (the frame's JSON keys),
 * and the plant signal each reads: the probes read {@code boiler_sensor_c} and
 * {@code group_sensor_c}, the flow meter {@code from_tank_ml}; the tank level is derived from the
 * water drawn and returned. The two pressures are read where the sensors sit: in protocol v2 as
 * the machine's group and line sensors read them (ripple, noise, rounding: {@code sensors} in the
 * machine file), in v1 as the plant's {@code group_bar} and {@code line_bar}, as v1 always did.
 * {@code pump_bar}, the v1 name of the line channel, is still accepted in fault specs.
 */
public enum Channel implements Keyed {
    GROUP_BAR("group_bar", Signal.GROUP_BAR), LINE_BAR("line_bar", Signal.LINE_BAR),
    BOILER_C("boiler_c", Signal.BOILER_SENSOR_C), GROUP_C("group_c", Signal.GROUP_SENSOR_C),
    FLOW("flow", Signal.FROM_TANK_ML), TANK_ML("tank_ml", null), DRIP_ML("drip_ml", Signal.DRIP_TRAY_ML);

    public static final int COUNT = values().length;
    /** The line channel's name in protocol v1, accepted in fault specs. */
    public static final String V1_LINE_KEY = "pump_bar";
    private final String key;
    private final Signal signal;

    Channel(String key, Signal signal) {
        this.key = key;
        this.signal = signal;
    }

    @Override
    public String key() {
        return key;
    }

    /** The plant signal the channel reads (null for the tank level, which is derived). */
    public Signal signal() {
        return signal;
    }

    /** The plant's value (v1): the signal's value; the tank, {@code tankMl} less what was drawn plus what came back. */
    public double read(Plant plant, double tankMl) {
        if (signal != null) {
            return signal.read(plant);
        }
        return tankMl - Signal.FROM_TANK_ML.read(plant) + Signal.RETURNED_TO_TANK_ML.read(plant);
    }

    /**
     * What the machine's sensor reads (v2): the pressures as the group and line sensors read them,
     * every other channel as {@link #read(Plant, double)}.
     */
    public double readSensor(Plant plant, double tankMl) {
        return switch (this) {
            case GROUP_BAR -> plant.groupSensorBar();
            case LINE_BAR -> plant.lineSensorBar();
            default -> read(plant, tankMl);
        };
    }

    /** The channel named {@code key} (or {@value #V1_LINE_KEY} for the line), or null. */
    public static Channel of(String key) {
        return V1_LINE_KEY.equals(key) ? LINE_BAR : Keyed.of(values(), key);
    }

    public static String names() {
        return Keyed.names(values());
    }
}
