package io.backflush.sim.sweep;

import java.util.Locale;

/** How a sweep picks its points. */
public enum Design {
    /** Every combination of every axis's values (the last axis varies fastest). */
    GRID,
    /** {@code samples} points, each axis drawn independently and uniformly (seeded). */
    RANDOM,
    /**
     * {@code samples} points in a Latin hypercube (seeded): each axis's range is cut into
     * {@code samples} equal strata and every stratum is used exactly once, in a random order per
     * axis, at a random place inside it.
     */
    LATIN_HYPERCUBE;

    /** As written in a sweep file: {@code grid}, {@code random}, {@code latin-hypercube}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static Design parse(String text) {
        for (Design d : values()) {
            if (d.label().equals(text)) {
                return d;
            }
        }
        return null;
    }
}
