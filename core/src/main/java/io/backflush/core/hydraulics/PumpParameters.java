package io.backflush.core.hydraulics;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** The pump that feeds the brew circuit from the tank. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = VibratoryPumpParameters.class, name = "vibratory"),
        @JsonSubTypes.Type(value = RotaryPumpParameters.class, name = "rotary")})
public sealed interface PumpParameters permits VibratoryPumpParameters, RotaryPumpParameters {
}
