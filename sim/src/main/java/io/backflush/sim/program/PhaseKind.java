package io.backflush.sim.program;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** What a backflush phase puts in the blind basket. */
public enum PhaseKind {
    /** Plain water backflush. */
    WATER,
    /** Backflush with detergent in the blind basket. */
    DETERGENT,
    /** Water backflush that rinses detergent out. */
    RINSE;

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static PhaseKind parse(String text) {
        for (PhaseKind kind : values()) {
            if (kind.label().equals(text)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown phase '" + text + "': expected water, detergent or rinse");
    }
}
