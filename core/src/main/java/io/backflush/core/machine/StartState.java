package io.backflush.core.machine;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import io.backflush.core.param.Labels;

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
        return Labels.of(this);
    }

    /** The constant named {@code text}, as {@link #label()} names it. */
    @JsonCreator
    public static StartState parse(String text) {
        return Labels.parse(StartState.class, text, "start");
    }
}
