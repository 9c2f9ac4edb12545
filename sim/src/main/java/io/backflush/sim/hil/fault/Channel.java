package io.backflush.sim.hil.fault;

import io.backflush.core.plant.Plant;
import io.backflush.sim.signal.Signal;

/**
 * The sensor channels of a sensor frame, by their names in fault specs (the frame's JSON keys),
 * and the plant signal each reads: the probes read {@code boiler_sensor_c} and
 * {@code group_sensor_c}, the flow meter {@code from_tank_ml}; the tank level is derived from the
 * water drawn and returned.
 */
public enum Channel implements Keyed {
    GROUP_BAR("group_bar", Signal.GROUP_BAR), PUMP_BAR("pump_bar", Signal.PUMP_BAR),
    BOILER_C("boiler_c", Signal.BOILER_SENSOR_C), GROUP_C("group_c", Signal.GROUP_SENSOR_C),
    FLOW("flow", Signal.FROM_TANK_ML), TANK_ML("tank_ml", null), DRIP_ML("drip_ml", Signal.DRIP_TRAY_ML);

    public static final int COUNT = values().length;
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

    /** The true reading: the signal's value; the tank, {@code tankMl} less what was drawn plus what came back. */
    public double read(Plant plant, double tankMl) {
        if (signal != null) {
            return signal.read(plant);
        }
        return tankMl - Signal.FROM_TANK_ML.read(plant) + Signal.RETURNED_TO_TANK_ML.read(plant);
    }

    public static Channel of(String key) {
        return Keyed.of(values(), key);
    }

    public static String names() {
        return Keyed.names(values());
    }
}
