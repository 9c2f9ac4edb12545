package io.backflush.core.plant;

/**
 * Plant faults injected from outside (the HIL bridge's fault engine): a weak or dry pump, a clogged
 * exhaust, a leaking valve seat, on top of what residue does. Healthy is {@link #HEALTHY}.
 *
 * @param pumpDeliveryFactor  fraction of the pump's strokes that deliver, 0..1 (0: a pump running
 *                            dry on an empty tank)
 * @param exhaustAreaFactor   fraction of the exhaust's flow area a clog leaves open, 0..1
 * @param seatLeakCoefficient extra leak past the closed exhaust seat, ml/s per sqrt(bar), ≥ 0
 */
public record Faults(double pumpDeliveryFactor, double exhaustAreaFactor, double seatLeakCoefficient) {
    /** No fault. */
    public static final Faults HEALTHY = new Faults(1.0, 1.0, 0.0);

    /** Clamps to the valid ranges (NaN factors count as healthy, a NaN leak as none). */
    public Faults {
        pumpDeliveryFactor = clamp01(pumpDeliveryFactor);
        exhaustAreaFactor = clamp01(exhaustAreaFactor);
        seatLeakCoefficient = Double.isNaN(seatLeakCoefficient) ? 0.0 : Math.max(0.0, seatLeakCoefficient);
    }

    private static double clamp01(double v) {
        return Double.isNaN(v) ? 1.0 : Math.max(0.0, Math.min(1.0, v));
    }
}
