package io.backflush.core.hydraulics;

/**
 * Fluid properties and unit conversions shared by the hydraulic components.
 *
 * <p>Water properties are taken at about 93 °C, the brew-water temperature the circuit runs at;
 * the model treats them as constants (the physics-lite assumption).
 */
public final class Fluids {
    private Fluids() {
    }

    /** Atmospheric pressure, bar absolute. Source: standard atmosphere (ISO 2533). */
    public static final double ATMOSPHERE_BAR = 1.01325;

    /** Pascal per bar. */
    public static final double PA_PER_BAR = 1.0e5;

    /** Millilitres per cubic metre. */
    public static final double ML_PER_M3 = 1.0e6;

    /**
     * Density of water at about 93 °C, kg/m³. Source: IAPWS-IF97 tables (965.3 at 90 °C,
     * 961.9 at 95 °C).
     */
    public static final double WATER_DENSITY_KG_PER_M3 = 963.0;

    /** Specific heat of water at about 93 °C, J/(kg·K). Source: IAPWS-IF97 tables (4.21 kJ/kg/K). */
    public static final double WATER_SPECIFIC_HEAT_J_PER_KG_K = 4210.0;

    /** Specific gas constant of dry air, J/(kg·K). Source: standard physics. */
    public static final double AIR_GAS_CONSTANT_J_PER_KG_K = 287.05;

    /** Ratio of specific heats of air. Source: standard physics. */
    public static final double AIR_HEAT_CAPACITY_RATIO = 1.4;

    /** Critical (choking) pressure ratio of air through an orifice, (2/(γ+1))^(γ/(γ−1)). */
    public static final double AIR_CRITICAL_PRESSURE_RATIO = 0.5283;

    /**
     * Choked mass-flow factor of air, sqrt(γ)·(2/(γ+1))^((γ+1)/(2(γ−1))): a choked orifice passes
     * Cd·A·P_up·0.6847/sqrt(R·T) kg/s.
     */
    public static final double AIR_CHOKED_FLOW_FACTOR = 0.6847;

    /**
     * Pressure difference below which an orifice's square-root law is smoothed into a linear
     * (laminar-like) law, bar. An estimate: it removes the square root's infinite slope at zero
     * flow, which no real orifice has (flow turns laminar at low Reynolds number); its effect on
     * the pressures the model reports is below 0.001 bar.
     */
    public static final double ORIFICE_SMOOTHING_BAR = 1.0e-3;

    /**
     * Flow coefficient of a sharp orifice for water, ml/s per sqrt(bar): Q = k·sqrt(Δp) with
     * k = Cd·A·sqrt(2/ρ) (A from the diameter, Δp in Pa, Q in m³/s, converted).
     */
    public static double waterOrificeCoefficient(double diameterMm, double dischargeCoefficient) {
        double areaM2 = Math.PI * diameterMm * diameterMm * 1.0e-6 / 4.0;
        return dischargeCoefficient * areaM2 * Math.sqrt(2.0 * PA_PER_BAR / WATER_DENSITY_KG_PER_M3) * ML_PER_M3;
    }

    /**
     * Smoothed square-root law: k·x/(x²+e²)^¼. Equals k·sign(x)·sqrt(|x|) for |x| ≫ e and is
     * linear with slope k/sqrt(e) near zero.
     */
    public static double smoothSqrtFlow(double k, double deltaBar) {
        return smoothSqrtFlow(k, deltaBar, smoothingRoot(deltaBar));
    }

    /** Derivative of {@link #smoothSqrtFlow} with respect to the pressure difference. */
    public static double smoothSqrtFlowSlope(double k, double deltaBar) {
        return smoothSqrtFlowSlope(k, deltaBar, smoothingRoot(deltaBar));
    }

    /**
     * (x² + e²)^¼, the two square roots that {@link #smoothSqrtFlow} and its slope share: a caller
     * that needs both at one pressure difference takes them once and passes the root to the
     * three-argument forms (the same numbers, bit for bit).
     */
    public static double smoothingRoot(double deltaBar) {
        return Math.sqrt(Math.sqrt(deltaBar * deltaBar + ORIFICE_SMOOTHING_BAR * ORIFICE_SMOOTHING_BAR));
    }

    /** {@link #smoothSqrtFlow(double, double)} with its {@link #smoothingRoot} already taken. */
    public static double smoothSqrtFlow(double k, double deltaBar, double root) {
        return k * deltaBar / root;
    }

    /** {@link #smoothSqrtFlowSlope(double, double)} with its {@link #smoothingRoot} already taken. */
    public static double smoothSqrtFlowSlope(double k, double deltaBar, double root) {
        double x2 = deltaBar * deltaBar;
        double s2 = x2 + ORIFICE_SMOOTHING_BAR * ORIFICE_SMOOTHING_BAR;
        // k (x²/2 + e²) / s^(5/2), s = sqrt(s2)
        return k * (0.5 * x2 + ORIFICE_SMOOTHING_BAR * ORIFICE_SMOOTHING_BAR) / (s2 * root);
    }

    /**
     * Inverse of the smoothed law for a series combination: two sqrt-law orifices k1 and k2 in
     * series behave as one with 1/k² = 1/k1² + 1/k2².
     */
    public static double seriesCoefficient(double k1, double k2) {
        return 1.0 / Math.sqrt(1.0 / (k1 * k1) + 1.0 / (k2 * k2));
    }
    /** Kelvin at 0 °C. */
    public static final double KELVIN_AT_ZERO_C = 273.15;

    /**
     * Volumetric thermal expansion coefficient of liquid water, 1/K, piecewise linear through the
     * tabulated values 2.1e-4 at 20 °C, 6.9e-4 at 90 °C and 7.5e-4 at 100 °C (source: standard water
     * property tables, {@code espresso-model-data.md} "Water that heats and expands"), extended
     * linearly beyond them and never below 0 (water below 4 °C contracts as it warms; a machine
     * never holds it there). The straight line between 20 and 90 °C is within 2e-5/K of the table
     * (4.6e-4 at 50 °C against 4.5e-4 here).
     */
    public static double waterExpansionPerK(double temperatureC) {
        double beta;
        if (temperatureC <= 90.0) {
            beta = 2.1e-4 + (temperatureC - 20.0) * (4.8e-4 / 70.0);
        } else {
            beta = 6.9e-4 + (temperatureC - 90.0) * 6.0e-6;
        }
        return beta > 0.0 ? beta : 0.0;
    }
}
