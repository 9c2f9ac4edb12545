package io.backflush.core.hydraulics;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.backflush.core.param.Require;

/**
 * What closes the group: a blind basket (no outflow), a basket with a coffee puck, or nothing (an
 * open group: only the shower screen's resistance). Outflow goes to the cup.
 *
 * <p>Puck and screen follow a quadratic law P = R·Q² (inertial flow through the bed; a Darcy law
 * P = R·Q would fit a fine bed at low flow better, but the published espresso figure is the
 * quadratic one: Decent blog, R = P/Q²).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = BasketParameters.Blind.class, name = "blind"),
        @JsonSubTypes.Type(value = BasketParameters.Puck.class, name = "puck"),
        @JsonSubTypes.Type(value = BasketParameters.ErodingPuck.class, name = "eroding-puck"),
        @JsonSubTypes.Type(value = BasketParameters.Open.class, name = "none")})
public sealed interface BasketParameters {

    /** Resistance R in P = R·Q², bar·s²/ml²; infinite for a blind basket. */
    double resistanceBarS2PerMl2();

    /** A blind basket: no holes, no outflow. */
    record Blind() implements BasketParameters {
        @Override
        public double resistanceBarS2PerMl2() {
            return Double.POSITIVE_INFINITY;
        }
    }

    /**
     * A coffee puck.
     *
     * @param resistanceBarS2PerMl2 R = P/Q². Source: 9 bar at 2 ml/s gives 2.25 (Decent blog)
     */
    record Puck(double resistanceBarS2PerMl2) implements BasketParameters {
        public Puck {
            Require.positive(resistanceBarS2PerMl2, "resistanceBarS2PerMl2");
        }

        /** A typical 18 g puck: 9 bar at 2 ml/s. */
        public static Puck typical() {
            return new Puck(2.25);
        }
    }

    /**
     * A coffee puck that wets, swells and erodes ({@link PuckParameters}): nothing reaches the cup
     * until it has absorbed its water, its resistance rises as it swells, then falls as water passes
     * through it. The constant-resistance {@link Puck} stays available.
     *
     * @param resistanceBarS2PerMl2 the base resistance R₀ of the wetted, unswollen puck. Source: 9 bar
     *                              at 2 ml/s gives 2.25 (Decent blog)
     * @param dynamics              how it absorbs, swells and erodes
     */
    record ErodingPuck(double resistanceBarS2PerMl2, PuckParameters dynamics) implements BasketParameters {
        public ErodingPuck {
            Require.positive(resistanceBarS2PerMl2, "resistanceBarS2PerMl2");
            Require.present(dynamics, "dynamics");
        }

        /** A typical 18 g puck with the default dynamics. */
        public static ErodingPuck typical() {
            return new ErodingPuck(2.25, PuckParameters.defaults());
        }
    }

    /**
     * No basket: water leaves through the shower screen.
     *
     * @param resistanceBarS2PerMl2 the screen's R. Estimate: 0.005, so an Ulka E5 runs near its
     *                              free flow (~0.5 bar at 10 ml/s)
     */
    record Open(double resistanceBarS2PerMl2) implements BasketParameters {
        public Open {
            Require.positive(resistanceBarS2PerMl2, "resistanceBarS2PerMl2");
        }

        public static Open screenOnly() {
            return new Open(0.005);
        }
    }

    static BasketParameters blind() {
        return new Blind();
    }
}
