package io.backflush.core.scale;

import java.util.Locale;

/**
 * Where scale forms, in the order the water meets them: on the heater element and the boiler's
 * walls (from the water heated there), then, carried with the water as fine particles, in the
 * gicleur (or, on a machine without one, the three-way valve's inlet port), on the three-way
 * valve's seat and in its exhaust port, and on the shower screen.
 */
public enum ScaleSite {
    /** The heater element: hottest surface; scale insulates it. */
    ELEMENT,
    /** The boiler's walls (and sludge at its bottom): takes up the boiler's volume. */
    BOILER,
    /** The gicleur, or the valve's inlet port where there is none: narrows the inlet path. */
    GICLEUR,
    /** The three-way valve's seat: a scaled seat no longer seals (the drip). */
    SEAT,
    /** The three-way valve's exhaust port: narrows the whoosh. */
    EXHAUST,
    /** The shower screen: tracked, no hydraulic effect modelled. */
    SCREEN;

    /** Lower-case name, as in JSON and tables. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
