package io.backflush.sim.hil.fault;

/** The faults the HIL bridge can inject (docs/protocol.md, "Faults"). */
public enum FaultKind implements Keyed {
    // sensor faults (need a target channel)
    STUCK("stuck", true), NOISE("noise", true), OFFSET("offset", true), SCALE("scale", true),
    DROPOUT("dropout", true), DELAY("delay", true), INTERMITTENT("intermittent", true),
    // plant faults
    CLOGGED_EXHAUST("clogged_exhaust", false), SOLENOID_STUCK("solenoid_stuck", false),
    LEAKING_SEAT("leaking_seat", false), WEAK_PUMP("weak_pump", false), HEATER_STUCK_ON("heater_stuck_on", false),
    EMPTY_TANK("empty_tank", false),
    /** Removes every active and pending fault (or those on {@code target}). */
    CLEAR("clear", false);

    private final String key;
    private final boolean sensor;

    FaultKind(String key, boolean sensor) {
        this.key = key;
        this.sensor = sensor;
    }

    @Override
    public String key() {
        return key;
    }

    public boolean isSensorFault() {
        return sensor;
    }

    public static FaultKind of(String key) {
        return Keyed.of(values(), key);
    }

    public static String names() {
        return Keyed.names(values());
    }
}
