package io.backflush.core.machine;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/**
 * How a machine is when a run or a HIL session starts: {@code hot} (boiler at operating
 * temperature, the group in steady state with it: the backflush default) or {@code cold} (switched
 * on at room temperature). {@code InitialConditions.of} turns it into the plant's initial state.
 */
public enum StartState {
    HOT,
    COLD;

    /** The name in machine files and on the command line. */
    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The state named {@code text} ({@code hot} or {@code cold}). */
    @JsonCreator
    public static StartState parse(String text) {
        for (StartState s : values()) {
            if (s.label().equals(text)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown start '" + text + "': expected hot or cold");
    }
}
