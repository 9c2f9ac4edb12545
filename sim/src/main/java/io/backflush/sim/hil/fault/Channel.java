package io.backflush.sim.hil.fault;

/** The sensor channels a sensor fault can target, by their names in fault specs. */
public enum Channel {
    GROUP_BAR("group_bar"), PUMP_BAR("pump_bar"), BOILER_C("boiler_c"), GROUP_C("group_c"), FLOW("flow"),
    TANK_ML("tank_ml"), DRIP_ML("drip_ml");

    public static final int COUNT = values().length;
    private final String key;

    Channel(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public static Channel of(String key) {
        for (Channel c : values()) {
            if (c.key.equals(key)) {
                return c;
            }
        }
        return null;
    }

    public static String names() {
        StringBuilder s = new StringBuilder();
        for (Channel c : values()) {
            s.append(s.length() == 0 ? "" : ", ").append(c.key);
        }
        return s.toString();
    }
}
