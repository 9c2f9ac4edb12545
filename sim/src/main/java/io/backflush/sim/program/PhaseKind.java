package io.backflush.sim.program;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** What a phase does: a backflush against the blind basket, or descaling through the open group. */
public enum PhaseKind {
    /** Plain water backflush. */
    WATER,
    /** Backflush with detergent in the blind basket. */
    DETERGENT,
    /** Water backflush that rinses detergent out. */
    RINSE,
    /**
     * Descaling solution (citric acid, the task's dose in the tank) pumped through the open group
     * in pulses, soaking between them; only this phase dissolves scale.
     */
    DESCALE,
    /** Fresh water through the open group: rinses the descaling solution out of the boiler. */
    FLUSH;

    /** Whether the phase runs through the open group (portafilter out) rather than against the blind basket. */
    public boolean openGroup() {
        return this == DESCALE || this == FLUSH;
    }

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
        throw new IllegalArgumentException("unknown phase '" + text + "': expected water, detergent, rinse, descale or flush");
    }
}
