package io.backflush.core.cleaning;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/**
 * Roast level, which sets how much oil a shot leaves behind. Darker roasts leave more oil and need
 * more frequent detergent cleaning (seeds: espresso cleaning guide); the factors are estimates.
 */
public enum Roast {
    LIGHT(0.7),
    MEDIUM(1.0),
    DARK(1.5);

    private final double oilFactor;

    Roast(double oilFactor) {
        this.oilFactor = oilFactor;
    }

    /** Residue deposited relative to a medium roast (estimate). */
    public double oilFactor() {
        return oilFactor;
    }

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Roast parse(String text) {
        for (Roast r : values()) {
            if (r.label().equals(text)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown roast '" + text + "': expected light, medium or dark");
    }
}
