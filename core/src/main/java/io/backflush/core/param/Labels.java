package io.backflush.core.param;

import java.util.Locale;

/**
 * The lower-case names by which parameter files and command lines name an enum's constants
 * ({@code line}, {@code cold}), and the lookup that refuses any other name with one line.
 */
public final class Labels {
    private Labels() {
    }

    /** The constant's name in files: its Java name in lower case. */
    public static String of(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }

    /**
     * The constant of {@code type} whose {@link #of label} is {@code text}.
     *
     * @param what what the constants are, for the message ("start", "pressure sensor place")
     * @throws IllegalArgumentException "unknown WHAT 'text': expected a, b or c"
     */
    public static <E extends Enum<E>> E parse(Class<E> type, String text, String what) {
        E[] values = type.getEnumConstants();
        StringBuilder names = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            if (of(values[i]).equals(text)) {
                return values[i];
            }
            names.append(i == 0 ? "" : i == values.length - 1 ? " or " : ", ").append(of(values[i]));
        }
        throw new IllegalArgumentException("unknown " + what + " '" + text + "': expected " + names);
    }
}
