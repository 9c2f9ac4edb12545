package io.backflush.core.thermal;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/**
 * Where a pressure sensor sits in the brew circuit: on the group (the chamber above the basket) or
 * on the pump–boiler line (a T after the pump, where the popular hobby mods put their transducer).
 * In machine files: {@code group} or {@code line}.
 */
public enum PressurePlace {
    /** The group chamber. */
    GROUP,
    /** The pump–boiler line, between the pump's check valve and the three-way valve's inlet port. */
    LINE;

    /** The name in machine files and the HIL protocol. */
    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The place named {@code text} ({@code group} or {@code line}). */
    @JsonCreator
    public static PressurePlace parse(String text) {
        for (PressurePlace p : values()) {
            if (p.label().equals(text)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown pressure sensor place '" + text + "': expected group or line");
    }
}
