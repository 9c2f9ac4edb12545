package io.backflush.core.scale;

import io.backflush.core.machine.WaterChemistry;

/**
 * Schulman's scale equation (source: the stason.org water-for-coffee FAQ, §1.6): the calcium
 * carbonate x, in mg per litre, that comes out of a water of total hardness H and alkalinity A
 * (both mg/L as CaCO₃) heated to T °C is the root of
 *
 * <pre>
 *   0.9·log10(H − x) + 2.465·log10(A − x) = 39.61 − 13.12·log10(T + 273)
 * </pre>
 *
 * and 0 where the left side at x = 0 is already at or below the right (the water is not
 * supersaturated at T). The left side falls as x grows, so the root in [0, min(H, A)) is unique;
 * it is found by bisection to 10⁻⁹ mg/L. The FAQ's worked example: H = 175, A = 125 at 95 °C gives
 * about 77 mg/L.
 */
public final class Schulman {
    private Schulman() {
    }

    /**
     * Scale formed per litre heated, mg/L; 0 for water that is not supersaturated at the temperature.
     *
     * @param hardnessMgPerL   total hardness H, mg/L as CaCO₃ (≥ 0)
     * @param alkalinityMgPerL alkalinity A, mg/L as CaCO₃ (≥ 0)
     * @param temperatureC     the temperature the water is heated to (the surface's), °C
     */
    public static double scaleMgPerLitre(double hardnessMgPerL, double alkalinityMgPerL, double temperatureC) {
        double h = hardnessMgPerL;
        double a = alkalinityMgPerL;
        if (!(h > 0.0) || !(a > 0.0) || Double.isNaN(temperatureC)) {
            return 0.0;
        }
        double right = 39.61 - 13.12 * Math.log10(temperatureC + 273.0);
        if (left(h, a, 0.0) <= right) {
            return 0.0;
        }
        double lo = 0.0;
        double hi = Math.min(h, a);
        for (int i = 0; i < 200 && hi - lo > 1.0e-9; i++) {
            double mid = 0.5 * (lo + hi);
            if (left(h, a, mid) > right) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }

    private static double left(double h, double a, double x) {
        return 0.9 * Math.log10(h - x) + 2.465 * Math.log10(a - x);
    }

    /** Scale that can form per litre of this water heated to {@code temperatureC}, after its filter, mg/L. */
    public static double scaleMgPerLitre(WaterChemistry water, double temperatureC) {
        return scaleMgPerLitre(water.effectiveHardnessMgPerL(), water.effectiveAlkalinityMgPerL(), temperatureC);
    }
}
