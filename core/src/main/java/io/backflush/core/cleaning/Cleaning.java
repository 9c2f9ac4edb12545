package io.backflush.core.cleaning;

/**
 * The residue and detergent state of one machine and its equations, advanced after each hydraulic
 * step with that step's flows (operator splitting: the pools change slowly compared with a step).
 * Deposition, removal, ageing and dissolution use the exact solution for constant flows over the
 * step; the outflow of dissolved detergent uses the implicit dilution form D·V_out/(V + V_out);
 * adsorption is one explicit step clamped to the pools. None of them can drive a pool negative.
 *
 * <p>Two modes, set by what is in the basket:
 * <ul>
 *   <li><b>brewing</b> (a puck, {@link #brewing(double, Roast)}): coffee through the puck leaves
 *       residue on the screen; coffee liquid released back through the passage and valve at the
 *       end of the shot leaves residue there. Deposition slows as a site fills:
 *       dm/dt = d·Q·(1 − m/m∞), the Kern–Seaton shape. Nothing is removed.</li>
 *   <li><b>cleaning</b> (anything else): liquid driven back through the sites removes residue,
 *       dm/dt = −(a_water + a_det·c/(c + K))·(Q/Q_ref)^n·2^((T−90)/T2)·m for each pool, water
 *       acting on the fresh pool and detergent on both. Nothing is deposited.</li>
 * </ul>
 * In both modes fresh residue bakes on while the group is hot: d(aged)/dt = k(T)·fresh with
 * k(T) = k90·Q10^((T−90)/10).
 *
 * <p>Detergent: undissolved powder U dissolves into the chamber water (dU/dt = −U/τ when water is
 * present); the dissolved mass D leaves with the liquid in proportion to the volume that leaves;
 * surfaces adsorb it, dS/dt = k_a·c·(1 − S/S_max) − k_d·S, and release it slowly.
 */
public final class Cleaning {
    private static final int N = Site.values().length;
    private static final double LN2 = Math.log(2.0);

    private final ResidueParameters r;
    private final DetergentParameters d;
    private final double[] fresh = new double[N];
    private final double[] aged = new double[N];
    private final double[] removed = new double[N];
    private final double[] deposited = new double[N];
    private double undissolvedMg;
    private double dissolvedMg;
    private double adsorbedMg;
    private double detergentToDripMg;
    private double detergentToCupMg;
    private double detergentDumpedMg;
    private double detergentDosedMg;
    private double coffeeStrength;
    private long residueVersion;
    /** No residue, no detergent and no coffee: set at construction, cleared by anything that adds them. */
    private boolean inert = true;
    private double ageingRateAtC = Double.NaN;
    private double ageingPerS;
    private double ageingDt = Double.NaN;
    private double ageingFraction;

    public Cleaning(CleaningParameters parameters) {
        this.r = parameters.residue();
        this.d = parameters.detergent();
    }

    /** Sets brewing mode: deposits scale with dose/18 g times the roast's oil factor. */
    public void brewing(double doseGrams, Roast roast) {
        this.coffeeStrength = Math.max(0.0, doseGrams / 18.0) * roast.oilFactor();
    }

    /** Sets cleaning mode (no coffee in the basket). */
    public void cleaningMode() {
        this.coffeeStrength = 0.0;
    }

    public boolean isBrewing() {
        return coffeeStrength > 0.0;
    }

    /** Puts detergent powder in the basket. */
    public void addDetergent(double grams) {
        double mg = Math.max(0.0, grams) * 1000.0;
        undissolvedMg += mg;
        detergentDosedMg += mg;
    }

    /** The whole chamber is emptied: undissolved and dissolved detergent leave with its water. */
    public void dumpChamber() {
        dumpBasket(1.0);
    }

    /**
     * The basket is emptied: the powder still in it and the share {@code waterFraction} of the
     * chamber's water (with the detergent dissolved in it) leave; the liquid above the screen and in
     * the passage stays, to be pushed out by the next rinse.
     */
    public void dumpBasket(double waterFraction) {
        double f = Math.max(0.0, Math.min(1.0, waterFraction));
        double dissolvedOut = dissolvedMg * f;
        detergentDumpedMg += undissolvedMg + dissolvedOut;
        undissolvedMg = 0.0;
        dissolvedMg -= dissolvedOut;
    }

    /** Sets the residue at a site (initial conditions, tests). */
    public void setResidue(Site site, double freshMg, double agedMg) {
        residueVersion++;
        inert = false;
        fresh[site.ordinal()] = Math.max(0.0, freshMg);
        aged[site.ordinal()] = Math.max(0.0, agedMg);
    }

    /**
     * Advances residue and detergent over one step.
     *
     * @param dt             step, s
     * @param exhaustMlPerS  water driven back out through the exhaust (and so through screen,
     *                       passage and valve), ml/s
     * @param cupMlPerS      water through the basket, ml/s
     * @param chamberWaterMl water in the chamber at the end of the step, ml
     * @param groupC         group temperature, °C
     */
    public void step(double dt, double exhaustMlPerS, double cupMlPerS, double chamberWaterMl, double groupC) {
        if (inert) {
            if (coffeeStrength == 0.0 && undissolvedMg == 0.0) {
                return; // a clean machine with no coffee and no detergent: nothing can change
            }
            inert = false;
        }
        stepDetergent(dt, exhaustMlPerS, cupMlPerS, chamberWaterMl);
        if (coffeeStrength > 0.0) {
            deposit(dt, exhaustMlPerS, cupMlPerS);
        } else {
            if (exhaustMlPerS > 0.0) {
                remove(dt, exhaustMlPerS, chamberWaterMl, groupC, 0, N);
            }
            if (cupMlPerS > 0.0) {
                // forward flow through an open group flushes the screen (water only)
                remove(dt, cupMlPerS, 0.0, groupC, Site.SCREEN.ordinal(), Site.SCREEN.ordinal() + 1);
            }
        }
        age(dt, groupC);
    }

    /** Below this, {@link #lostFraction} sums its series instead of calling {@code Math.expm1}. */
    static final double SERIES_BELOW = 1.0e-3;
    private static final double THIRD = 1.0 / 3.0;

    /**
     * 1 − e^(−x), the fraction an exponential decay of exponent x takes: what every exact update
     * here applies. For |x| below {@value #SERIES_BELOW} (every step of a shot or a cycle but the
     * longest) the first five terms of its series, x·(1 − x/2·(1 − x/3·(1 − x/4·(1 − x/5)))) (by multiplications),
     * whose truncation error is below |x|⁵/720 relative (1.4e-18 at the limit, under half an ulp),
     * so it is within a few ulp of {@code -Math.expm1(-x)} ({@code CleaningSeriesTest}) and costs a
     * few multiplications instead of a native call of tens of ns (on JDK 17 {@code Math.expm1} is
     * {@code StrictMath}'s, not an intrinsic); above it, {@code -Math.expm1(-x)}.
     */
    static double lostFraction(double x) {
        if (x < SERIES_BELOW && x > -SERIES_BELOW) {
            return x * (1.0 - x * 0.5 * (1.0 - x * THIRD * (1.0 - x * 0.25 * (1.0 - x * 0.2))));
        }
        return -Math.expm1(-x);
    }

    private void stepDetergent(double dt, double exhaust, double cup, double water) {
        if (undissolvedMg > 0.0 && water > 1.0) {
            double dissolved = undissolvedMg * lostFraction(dt / d.dissolveSeconds());
            undissolvedMg -= dissolved;
            dissolvedMg += dissolved;
        }
        double outMl = (exhaust + cup) * dt;
        if (outMl > 0.0 && dissolvedMg > 0.0) {
            double leaving = dissolvedMg * outMl / (water + outMl);
            dissolvedMg -= leaving;
            double toCup = leaving * cup / (exhaust + cup);
            detergentToCupMg += toCup;
            detergentToDripMg += leaving - toCup;
        }
        if (water > 1.0 && (dissolvedMg > 0.0 || adsorbedMg > 0.0)) {
            double c = dissolvedMg / water;
            double rate = d.adsorptionMlPerS() * c * (1.0 - adsorbedMg / d.adsorbedCapacityMg())
                    - d.desorptionPerS() * adsorbedMg;
            double change = rate * dt;
            if (change > 0.0) {
                change = Math.min(change, dissolvedMg);
            } else {
                change = Math.max(change, -adsorbedMg);
            }
            adsorbedMg += change;
            dissolvedMg -= change;
        }
    }

    private void deposit(double dt, double exhaust, double cup) {
        depositAt(Site.SCREEN, r.screenDepositMgPerMl() * coffeeStrength * cup * dt);
        if (exhaust > 0.0) {
            depositAt(Site.PASSAGE, r.passageDepositMgPerMl() * coffeeStrength * exhaust * dt);
            depositAt(Site.VALVE, r.valveDepositMgPerMl() * coffeeStrength * exhaust * dt);
        }
    }

    private void depositAt(Site site, double unsaturatedMg) {
        if (unsaturatedMg <= 0.0) {
            return;
        }
        int i = site.ordinal();
        double capacity = r.capacityMg(site);
        double total = fresh[i] + aged[i];
        // exact solution of dm/dt = q(1 − m/m∞) over the step
        double added = (capacity - total) * lostFraction(unsaturatedMg / capacity);
        if (added > 0.0) {
            fresh[i] += added;
            deposited[i] += added;
            residueVersion++;
        }
    }

    private void remove(double dt, double flowMlPerS, double waterMl, double groupC, int from, int to) {
        double pools = 0.0;
        for (int i = from; i < to; i++) {
            pools += fresh[i] + aged[i];
        }
        if (pools == 0.0) {
            return;
        }
        double q = flowMlPerS / r.referenceFlowMlPerS();
        double shear = r.flowExponent() == 1.5 ? q * Math.sqrt(q) : Math.pow(q, r.flowExponent());
        double hot = Math.exp((groupC - 90.0) * LN2 / r.hotWaterDoublingC());
        double c = waterMl > 1.0 ? dissolvedMg / waterMl : 0.0;
        double detergent = r.detergentRemovalPerS() * c / (c + r.detergentHalfEffectMgPerMl());
        double scale = shear * hot * dt;
        double freshFraction = lostFraction((r.waterFreshRemovalPerS() + detergent) * scale);
        double agedFraction = lostFraction((r.waterAgedRemovalPerS() + detergent) * scale);
        for (int i = from; i < to; i++) {
            double f = fresh[i] * freshFraction;
            double a = aged[i] * agedFraction;
            fresh[i] -= f;
            aged[i] -= a;
            removed[i] += f + a;
            residueVersion++;
        }
    }

    private void age(double dt, double groupC) {
        if (fresh[0] == 0.0 && fresh[1] == 0.0 && fresh[2] == 0.0) {
            return;
        }
        // the rate is cached while the group temperature stays within 0.01 K of the one it was
        // computed at (it moves by millikelvins per step), the step's fraction while dt stays too
        if (!(Math.abs(groupC - ageingRateAtC) <= 0.01)) { // and the first time (NaN)
            ageingRateAtC = groupC;
            ageingPerS = r.ageingPerHourAt90C() / 3600.0 * Math.pow(r.ageingQ10(), (groupC - 90.0) / 10.0);
            ageingDt = Double.NaN;
        }
        if (dt != ageingDt) {
            ageingDt = dt;
            ageingFraction = lostFraction(ageingPerS * dt);
        }
        double fraction = ageingFraction;
        for (int i = 0; i < N; i++) {
            double moved = fresh[i] * fraction;
            fresh[i] -= moved;
            aged[i] += moved;
        }
    }

    /**
     * Advances ageing over an idle period at a constant group temperature, exactly (no flows): used
     * to jump over hours between shots. Adsorbed detergent stays where it is (desorption needs
     * water moving past the surfaces).
     */
    public void idle(double seconds, double groupC) {
        if (seconds > 0.0) {
            age(seconds, groupC);
        }
    }

    // ---- observables ----

    public double freshMg(Site site) {
        return fresh[site.ordinal()];
    }

    public double agedMg(Site site) {
        return aged[site.ordinal()];
    }

    public double residueMg(Site site) {
        return fresh[site.ordinal()] + aged[site.ordinal()];
    }

    /**
     * Whether nothing can change until residue, coffee or detergent is added: a clean machine in
     * cleaning mode with no detergent, whose {@link #step} does nothing.
     */
    public boolean quiescent() {
        return inert && coffeeStrength == 0.0 && undissolvedMg == 0.0;
    }

    public double totalResidueMg() {
        double total = 0;
        for (int i = 0; i < N; i++) {
            total += fresh[i] + aged[i];
        }
        return total;
    }

    /** Residue removed from a site since the start (it went to the drip tray), mg. */
    public double removedMg(Site site) {
        return removed[site.ordinal()];
    }

    public double totalRemovedMg() {
        return removed[0] + removed[1] + removed[2];
    }

    public double depositedMg(Site site) {
        return deposited[site.ordinal()];
    }

    public double totalDepositedMg() {
        return deposited[0] + deposited[1] + deposited[2];
    }

    public double undissolvedDetergentMg() {
        return undissolvedMg;
    }

    public double dissolvedDetergentMg() {
        return dissolvedMg;
    }

    public double adsorbedDetergentMg() {
        return adsorbedMg;
    }

    /** Detergent still in the brew path: undissolved, dissolved and adsorbed, mg. */
    public double detergentLeftMg() {
        return undissolvedMg + dissolvedMg + adsorbedMg;
    }

    public double detergentToDripMg() {
        return detergentToDripMg;
    }

    public double detergentToCupMg() {
        return detergentToCupMg;
    }

    public double detergentDumpedMg() {
        return detergentDumpedMg;
    }

    public double detergentDosedMg() {
        return detergentDosedMg;
    }

    // ---- effects on the hydraulics ----

    /**
     * Changes whenever a site's total residue may have changed (ageing moves residue between the
     * pools of a site but not its total), so the plant re-applies the hydraulic effects only then.
     */
    public long residueVersion() {
        return residueVersion;
    }

    /** Fraction of the exhaust's flow area left open by valve residue (never below 5 %). */
    public double exhaustAreaFactor() {
        return Math.max(0.05, 1.0 - residueMg(Site.VALVE) / r.exhaustBlockingMg());
    }

    /** Resistance added by screen residue, in series with the puck, bar·s²/ml². */
    public double screenResistanceBarS2PerMl2() {
        return r.screenResistancePerMg() * residueMg(Site.SCREEN);
    }

    /** Leak coefficient of a fouled valve seat, ml/s per sqrt(bar) (zero while clean). */
    public double seatLeakCoefficient() {
        return r.seatLeakPerMg() * Math.max(0.0, residueMg(Site.VALVE) - r.seatLeakOnsetMg());
    }

    /**
     * Cup-quality penalty of a shot brewed now: 0 is clean; 1 is what a taster notices. Brew-path
     * residue counts in units of {@code tasteResidueMg} (aged residue fully, fresh half, passage
     * residue at 0.3 since less of the brew water touches it); detergent carried into the shot
     * counts in units of {@code shotTaintMg}.
     */
    public double cupPenalty(double detergentInShotMg) {
        double residue = (aged[0] + 0.5 * fresh[0] + 0.3 * (fresh[1] + aged[1])) / r.tasteResidueMg();
        return residue + detergentInShotMg / d.shotTaintMg();
    }

    public ResidueParameters residueParameters() {
        return r;
    }

    public DetergentParameters detergentParameters() {
        return d;
    }

    /** Copies every pool and accumulator from another instance (snapshot/restore). */
    public void copyFrom(Cleaning other) {
        residueVersion++;
        inert = other.inert;
        System.arraycopy(other.fresh, 0, fresh, 0, N);
        System.arraycopy(other.aged, 0, aged, 0, N);
        System.arraycopy(other.removed, 0, removed, 0, N);
        System.arraycopy(other.deposited, 0, deposited, 0, N);
        undissolvedMg = other.undissolvedMg;
        dissolvedMg = other.dissolvedMg;
        adsorbedMg = other.adsorbedMg;
        detergentToDripMg = other.detergentToDripMg;
        detergentToCupMg = other.detergentToCupMg;
        detergentDumpedMg = other.detergentDumpedMg;
        detergentDosedMg = other.detergentDosedMg;
        coffeeStrength = other.coffeeStrength;
        // the ageing-rate cache too: a step's result depends on it, so a restored run continues bit for bit
        ageingRateAtC = other.ageingRateAtC;
        ageingPerS = other.ageingPerS;
        ageingDt = other.ageingDt;
        ageingFraction = other.ageingFraction;
    }

    /** The parameters this instance was built with. */
    public CleaningParameters parameters() {
        return new CleaningParameters(r, d);
    }
}
