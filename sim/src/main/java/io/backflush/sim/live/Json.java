package io.backflush.sim.live;

/** The few JSON pieces the live stream writes (objects of strings, numbers and booleans). */
final class Json {
    private Json() {
    }

    /** A JSON string literal, escaped. */
    static String string(String v) {
        StringBuilder s = new StringBuilder(v.length() + 2).append('"');
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            switch (c) {
                case '"' -> s.append("\\\"");
                case '\\' -> s.append("\\\\");
                case '\n' -> s.append("\\n");
                case '\r' -> s.append("\\r");
                case '\t' -> s.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        s.append(String.format("\\u%04x", (int) c));
                    } else {
                        s.append(c);
                    }
                }
            }
        }
        return s.append('"').toString();
    }

    /** Appends {@code "name":"value"} (with a comma unless first in the object). */
    static void field(StringBuilder s, String name, String value) {
        comma(s).append(string(name)).append(':').append(string(value));
    }

    /** Appends {@code "name":number} (null for NaN and infinities, which JSON cannot hold). */
    static void number(StringBuilder s, String name, double value) {
        comma(s).append(string(name)).append(':');
        if (Double.isFinite(value)) {
            s.append(value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                    : Double.toString(value));
        } else {
            s.append("null");
        }
    }

    private static StringBuilder comma(StringBuilder s) {
        if (s.length() > 1 || (s.length() == 1 && s.charAt(0) != '{')) {
            s.append(',');
        }
        return s;
    }
}
