package io.backflush.core.thermal;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import io.backflush.core.param.Labels;

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
        return Labels.of(this);
    }

    /** The constant named {@code text}, as {@link #label()} names it. */
    @JsonCreator
    public static PressurePlace parse(String text) {
        return Labels.parse(PressurePlace.class, text, "pressure sensor place");
    }
}
