package io.backflush.sim.hil.fault;

/** An enum constant named in fault specs by a key: lookup by key and the list of keys for messages. */
interface Keyed {
    String key();

    /** The constant with {@code key}, or null. */
    static <E extends Keyed> E of(E[] values, String key) {
        for (E e : values) {
            if (e.key().equals(key)) {
                return e;
            }
        }
        return null;
    }

    /** The keys, comma-separated, for "one of ..." messages. */
    static String names(Keyed[] values) {
        StringBuilder s = new StringBuilder();
        for (Keyed k : values) {
            s.append(s.length() == 0 ? "" : ", ").append(k.key());
        }
        return s.toString();
    }
}
