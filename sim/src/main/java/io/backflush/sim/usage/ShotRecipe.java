package io.backflush.sim.usage;

import io.backflush.core.cleaning.Roast;
import io.backflush.core.param.Require;

/**
 * How a shot is pulled.
 *
 * @param doseGrams         coffee dose, g (18 g: modern double shot)
 * @param roast             roast level
 * @param targetCupMl       stop when this much has reached the cup, ml (36 g out for 18 g in:
 *                          common practice, 1:2)
 * @param maxSeconds        stop at this time even if the target was not reached, s
 * @param puckResistance    the puck's base R in P = R·Q², bar·s²/ml² (2.25: 9 bar at 2 ml/s; Decent
 *                          blog); the shot's puck wets, swells and erodes around it as the machine's
 *                          {@code puck} parameters say (docs/model.md §2.9a)
 * @param releaseSeconds    pump off, solenoid released, before the portafilter comes out, s
 */
public record ShotRecipe(double doseGrams, Roast roast, double targetCupMl, double maxSeconds,
                         double puckResistance, double releaseSeconds) {
    public ShotRecipe {
        Require.inRange(doseGrams, 5, 30, "doseGrams");
        Require.present(roast, "roast");
        Require.inRange(targetCupMl, 5, 200, "targetCupMl");
        Require.inRange(maxSeconds, 5, 120, "maxSeconds");
        Require.positive(puckResistance, "puckResistance");
        Require.inRange(releaseSeconds, 0.5, 60, "releaseSeconds");
    }

    public static ShotRecipe typical(Roast roast) {
        return new ShotRecipe(18.0, roast, 36.0, 45.0, 2.25, 3.0);
    }
}
