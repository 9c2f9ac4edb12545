package io.backflush.core.scale;

import io.backflush.core.machine.WaterChemistry;
import io.backflush.core.hydraulics.OrificeParameters;
import io.backflush.core.hydraulics.ThreeWayValveParameters;
import io.backflush.core.machine.MachineParameters;
import io.backflush.core.thermal.BoilerParameters;

import java.util.EnumMap;
import java.util.Map;

/**
 * The scale in one machine, the descaling solution in its tank and the acid left in its boiler:
 * mutable, advanced between shots and programs (never inside a plant step), deterministic.
 *
 * <p>{@link #heat} deposits: of the scale S(T) a litre can form when heated to T
 * ({@link Schulman}), a share forms on the element at its surface temperature (water + excess),
 * a share on the walls at the water's temperature, and small fractions of S(T_water) are caught as
 * particles in the gicleur (every litre heated passes it), on the valve seat and in the exhaust
 * (per litre released through the exhaust) and on the screen (per litre to the cup).
 * {@link #descale} dissolves every site first order in its remaining scale,
 *
 * <pre>
 *   dm/dt = −k₉₀ · c/(c + K) · 2^((T − 90)/T₂) · m,     c = acid left in the solution / its volume, g/L
 * </pre>
 *
 * consuming {@code acidPerScaleG} of acid per gram dissolved; what is left of the solution fills the
 * boiler until fresh water flushes it out ({@link #draw}: a well-mixed boiler keeps e^(−V/V_b) of
 * it after V ml have passed). {@link #effective} turns the scale into a machine's effective
 * parameters: an insulated element (its scale's heat capacity lumped with it: a longer lag), a smaller boiler, narrower gicleur (or inlet port) and exhaust;
 * {@link #seatLeakCoefficient} the leak of a scaled seat. Only acid removes scale: detergent and
 * water do nothing here, and acid does nothing to coffee residue.
 */
public final class Scale {
    private final ScaleParameters parameters;
    private final WaterChemistry water;
    private final double[] mg = new double[ScaleSite.values().length];
    private double acidInBoilerMg;
    private double solutionAcidG;
    private double solutionLitres;
    private double litresHeated;
    private double depositedMg;
    private double dissolvedMg;
    private double cachedWaterC = Double.NaN;
    private double cachedWaterMgPerL;
    private double cachedElementMgPerL;

    public Scale(WaterChemistry water, ScaleParameters parameters) {
        this.water = java.util.Objects.requireNonNull(water, "water");
        this.parameters = java.util.Objects.requireNonNull(parameters, "parameters");
    }

    public ScaleParameters parameters() {
        return parameters;
    }

    public WaterChemistry water() {
        return water;
    }

    /** Scale at one site, mg. */
    public double mg(ScaleSite site) {
        return mg[site.ordinal()];
    }

    /** Scale per site, mg, in {@link ScaleSite} order. */
    public Map<ScaleSite, Double> mgBySite() {
        Map<ScaleSite, Double> out = new EnumMap<>(ScaleSite.class);
        for (ScaleSite s : ScaleSite.values()) {
            out.put(s, mg[s.ordinal()]);
        }
        return out;
    }

    /** Scale at every site together, mg. */
    public double totalMg() {
        double t = 0;
        for (double m : mg) {
            t += m;
        }
        return t;
    }

    /** Sets one site's scale (tests, a machine bought scaled), mg ≥ 0. */
    public void setMg(ScaleSite site, double milligrams) {
        if (!(milligrams >= 0.0) || Double.isInfinite(milligrams)) {
            throw new IllegalArgumentException("scale at " + site.label() + " must be finite and >= 0, got " + milligrams);
        }
        mg[site.ordinal()] = milligrams;
    }

    /** Litres of fresh water heated so far. */
    public double litresHeated() {
        return litresHeated;
    }

    /** Scale formed so far, mg. */
    public double depositedMg() {
        return depositedMg;
    }

    /** Scale dissolved by acid so far, mg. */
    public double dissolvedMg() {
        return dissolvedMg;
    }

    /** Acid left in the boiler (and so in the next draws), mg. */
    public double acidInBoilerMg() {
        return acidInBoilerMg;
    }

    /** Acid still in the tank's solution, g. */
    public double solutionAcidG() {
        return solutionAcidG;
    }

    /**
     * Fresh water heated in the boiler and sent on: it deposits scale at every site it reaches.
     *
     * @param litresHeated        fresh water drawn into the boiler and heated, L (≥ 0): all of it
     *                            passes the gicleur
     * @param litresToCup         of it, through the shower screen to the cup (or the drip tray
     *                            through an open group), L
     * @param litresThroughExhaust of it, released through the valve's exhaust, L
     * @param waterC              the boiler water's temperature, °C
     */
    public void heat(double litresHeated, double litresToCup, double litresThroughExhaust, double waterC) {
        if (!(litresHeated > 0.0)) {
            return;
        }
        if (waterC != cachedWaterC) {
            cachedWaterC = waterC;
            cachedWaterMgPerL = Schulman.scaleMgPerLitre(water, waterC);
            cachedElementMgPerL = Schulman.scaleMgPerLitre(water, waterC + parameters.elementExcessK());
        }
        double sWater = cachedWaterMgPerL;
        double sElement = cachedElementMgPerL;
        double cup = Math.max(0.0, litresToCup);
        double exhaust = Math.max(0.0, litresThroughExhaust);
        add(ScaleSite.ELEMENT, parameters.elementShare() * sElement * litresHeated);
        add(ScaleSite.BOILER, parameters.boilerShare() * sWater * litresHeated);
        add(ScaleSite.GICLEUR, parameters.gicleurCapture() * sWater * litresHeated);
        add(ScaleSite.SEAT, parameters.seatCapture() * sWater * exhaust);
        add(ScaleSite.EXHAUST, parameters.exhaustCapture() * sWater * exhaust);
        add(ScaleSite.SCREEN, parameters.screenCapture() * sWater * cup);
        this.litresHeated += litresHeated;
    }

    private void add(ScaleSite site, double milligrams) {
        mg[site.ordinal()] += milligrams;
        depositedMg += milligrams;
    }

    /**
     * Water drawn out of the boiler (a shot, a flush, a backflush): it carries the acid left in the
     * boiler out with it, the boiler well mixed: e^(−V/V_b) stays.
     *
     * @param ml           water drawn through the boiler, ml (≥ 0)
     * @param toCupShare   fraction of that water that went into the cup, 0–1
     * @param boilerMl     the boiler's effective volume, ml
     * @return acid carried into the cup, mg
     */
    public double draw(double ml, double toCupShare, double boilerMl) {
        if (!(ml > 0.0) || acidInBoilerMg <= 0.0) {
            return 0.0;
        }
        double out = acidInBoilerMg * -Math.expm1(-ml / boilerMl);
        acidInBoilerMg -= out;
        return out * Math.max(0.0, Math.min(1.0, toCupShare));
    }

    /**
     * The barista fills the tank with a descaling solution: {@code acidGrams} of acid in
     * {@link ScaleParameters#solutionLitres()}; a solution left from before is replaced.
     */
    public void fillTank(double acidGrams) {
        if (!(acidGrams >= 0.0) || Double.isInfinite(acidGrams)) {
            throw new IllegalArgumentException("acid dose must be finite and >= 0 g, got " + acidGrams);
        }
        solutionAcidG = acidGrams;
        solutionLitres = parameters.solutionLitres();
    }

    /** The tank emptied of solution and refilled with fresh water. */
    public void emptyTank() {
        solutionAcidG = 0.0;
    }

    /** The acid concentration of the solution in the tank, g/L. */
    public double solutionGPerL() {
        return solutionLitres > 0.0 ? solutionAcidG / solutionLitres : 0.0;
    }

    /**
     * The solution in contact with every site for {@code seconds} at {@code temperatureC}: each
     * site dissolves first order in its scale, the acid is consumed, and the boiler ends full of
     * what is left of the solution ({@code boilerMl}). Integrated in steps of at most 10 s with the
     * exact exponential at the step's concentration, and never more than the acid left can
     * dissolve, so scale never goes negative and never grows.
     *
     * @return scale dissolved, mg
     */
    public double descale(double seconds, double temperatureC, double boilerMl) {
        if (!(seconds > 0.0) || solutionAcidG <= 0.0) {
            return 0.0;
        }
        double dissolved = 0.0;
        double left = seconds;
        double thermal = Math.pow(2.0, (temperatureC - 90.0) / parameters.dissolveDoublingC());
        while (left > 0.0 && solutionAcidG > 0.0) {
            double dt = Math.min(10.0, left);
            left -= dt;
            double c = solutionGPerL();
            double k = parameters.dissolvePerSAt90C() * c / (c + parameters.acidHalfEffectGPerL()) * thermal;
            double fraction = -Math.expm1(-k * dt);
            double wanted = 0.0;
            for (double m : mg) {
                wanted += m * fraction;
            }
            if (wanted <= 0.0) {
                break;
            }
            double acidNeededG = wanted / 1000.0 * parameters.acidPerScaleG();
            double scaleBy = acidNeededG > solutionAcidG ? solutionAcidG / acidNeededG : 1.0;
            for (int i = 0; i < mg.length; i++) {
                double d = mg[i] * fraction * scaleBy;
                mg[i] = Math.max(0.0, mg[i] - d);
                dissolved += d;
            }
            solutionAcidG = scaleBy < 1.0 ? 0.0 : Math.max(0.0, solutionAcidG - acidNeededG);
        }
        dissolvedMg += dissolved;
        acidInBoilerMg = solutionGPerL() * boilerMl;
        return dissolved;
    }

    /** Copies another machine's scale state (same water and parameters expected). */
    public void copyFrom(Scale other) {
        System.arraycopy(other.mg, 0, mg, 0, mg.length);
        acidInBoilerMg = other.acidInBoilerMg;
        solutionAcidG = other.solutionAcidG;
        solutionLitres = other.solutionLitres;
        litresHeated = other.litresHeated;
        depositedMg = other.depositedMg;
        dissolvedMg = other.dissolvedMg;
    }

    // ---- effects ----

    /**
     * The element-to-water conductance with the element's scale in series: 1/G = 1/G₀ + δ/(k·A),
     * δ = V_scale/A, W/K.
     */
    public double elementConductanceWPerK(double cleanWPerK) {
        double volumeM3 = mg(ScaleSite.ELEMENT) / 1000.0 / parameters.scaleDensityGPerMl() * 1.0e-6;
        double areaM2 = parameters.elementAreaCm2() * 1.0e-4;
        double resistance = volumeM3 / areaM2 / (parameters.scaleConductivityWPerMK() * areaM2);
        return resistance > 0.0 ? 1.0 / (1.0 / cleanWPerK + resistance) : cleanWPerK;
    }

    /** The element's heat capacity with its scale lumped in, J/K. */
    public double elementHeatCapacityJPerK(double cleanJPerK) {
        return cleanJPerK + parameters.scaleHeatCapacityJPerGK() * mg(ScaleSite.ELEMENT) / 1000.0;
    }

    /** The boiler's water volume with the element's and walls' scale taking its place, ml. */
    public double boilerVolumeMl(double cleanMl) {
        double scaleMl = (mg(ScaleSite.ELEMENT) + mg(ScaleSite.BOILER)) / 1000.0 / parameters.scaleDensityGPerMl();
        return Math.max(parameters.minBoilerFraction() * cleanMl, cleanMl - scaleMl);
    }

    /**
     * Fraction of a bore's area left open by a uniform lining of {@code milligrams} of scale:
     * 1 − V/(A₀·L), at least {@link ScaleParameters#minOpenAreaFraction()}.
     */
    public double openAreaFraction(double boreDiameterMm, double milligrams) {
        double volumeMm3 = milligrams / parameters.scaleDensityGPerMl(); // 1 g/ml = 1 mg/mm³
        double boreMm3 = Math.PI * boreDiameterMm * boreDiameterMm / 4.0 * parameters.boreLengthMm();
        return Math.max(parameters.minOpenAreaFraction(), 1.0 - volumeMm3 / boreMm3);
    }

    /** Leak past the scaled valve seat, ml/s per √bar (0 below the onset). */
    public double seatLeakCoefficient() {
        return parameters.seatLeakPerMlPerSSqrtBarPerMg()
                * Math.max(0.0, mg(ScaleSite.SEAT) - parameters.seatLeakOnsetMg());
    }

    /**
     * The machine as its scale leaves it: the element's conductance and the boiler's volume
     * reduced, the gicleur (or, without one, the valve's inlet port) and the exhaust narrowed
     * (the same discharge coefficient through a smaller bore). The seat's leak is not a machine
     * parameter: see {@link #seatLeakCoefficient}.
     */
    public MachineParameters effective(MachineParameters clean) {
        BoilerParameters b = clean.boiler();
        BoilerParameters boiler = new BoilerParameters(boilerVolumeMl(b.volumeMl()), b.heaterPowerW(),
                b.lossConductanceWPerK(), elementHeatCapacityJPerK(b.elementHeatCapacityJPerK()),
                elementConductanceWPerK(b.elementConductanceWPerK()));
        OrificeParameters gicleur = clean.gicleur();
        OrificeParameters inlet = clean.groupInlet();
        if (gicleur != null) {
            gicleur = narrowed(gicleur, mg(ScaleSite.GICLEUR));
        } else {
            inlet = narrowed(inlet, mg(ScaleSite.GICLEUR));
        }
        ThreeWayValveParameters valve = clean.threeWayValve();
        if (valve != null) {
            valve = new ThreeWayValveParameters(narrowed(valve.exhaust(), mg(ScaleSite.EXHAUST)), valve.responseSeconds());
        }
        return new MachineParameters(clean.name(), clean.description(), clean.pump(), clean.overPressureValve(),
                gicleur, inlet, valve, clean.chamber(), boiler, clean.groupHead(), clean.sensors(),
                clean.environment(), clean.line(), clean.start(), clean.puck());
    }

    private OrificeParameters narrowed(OrificeParameters bore, double milligrams) {
        double open = openAreaFraction(bore.diameterMm(), milligrams);
        return open >= 1.0 ? bore : new OrificeParameters(bore.diameterMm() * Math.sqrt(open), bore.dischargeCoefficient());
    }
}
