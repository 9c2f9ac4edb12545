package io.backflush.core.plant;

import io.backflush.core.hydraulics.Fluids;

/**
 * The fixed-step stepper: backward Euler on the group chamber's water and headspace air, solved
 * exactly for the end-of-step group pressure; explicit Euler on the temperatures; exact
 * exponential update of the sensor lags.
 *
 * <p>The unknown is the end-of-step pressure p. Given p, the line's end-of-step pressure solves its
 * own backward-Euler equation (C_L·Δp_L/dt = Q_pump − Q_OPV − Q_path(p_L − p), one unknown,
 * monotone), and then every flow is known (inlet path, exhaust water or air, basket), so the
 * end-of-step water and air are known, and so is the pressure they imply. The residual r(p) = P(W(p), n(p)) − p is strictly
 * decreasing (every outflow rises and the inflow falls with p), so it has exactly one root, which
 * safeguarded Newton finds in one to three iterations. The line is solved jointly with it (one line
 * Newton step per group iteration, until both have converged; the nested solve as a fallback), and
 * a step that continues the last one starts from the last step's change extrapolated. Being implicit,
 * the step is stable for any dt, including the stiff case of a chamber with no trapped air
 * (pressure moves ~Q/C, tens of bar per second, behind an orifice whose conductance is unbounded
 * at zero flow). The package documentation derives (it was not measured) why an explicit scheme
 * would need steps of a couple of milliseconds or less in that case.
 *
 * <p>In the step where the headspace air runs out, the exhaust passes air for the fraction θ of
 * the step that empties the headspace and water for the rest.
 */
final class FixedStepper {
    /**
     * The group's Newton stops when the pressure its trial flows imply is within this of the trial,
     * bar: 1e-5 bar (1 Pa). A choice, not a measured figure: over a thousand times finer than a
     * 10-bit ADC's count on a 0–12 bar transducer (12 mbar), a millionth of a shot's plateau, and far
     * below the adaptive path's own step error (about 1 bar of curvature departure,
     * {@code AdaptiveSteps}). Tighter costs iterations, not accuracy that anything can see: 1e-11
     * bar, the tolerance until 2026-12-01, took 4.36 residuals a step of a café year against 3.13
     * (bench/README, issue 13). The water ledger balances whatever it is: a step commits the flows
     * of its accepted trial, and the pressure it reports is the one its water and air imply.
     */
    static final double TOLERANCE_BAR = 1.0e-5;
    /**
     * The line's Newton stops when its step is below this times (1 + p_L), relative: the same 1e-5
     * bar at the line's own scale. The connected line's flows are carried to the last iterate along
     * their slopes ({@link BrewCircuit#flowsAtSolvedLine}), exact to first order, so the line's
     * balance holds to the step squared whatever the tolerance.
     */
    static final double LINE_STEP_TOLERANCE = 1.0e-5;
    private static final int MAX_ITERATIONS = 100;
    /**
     * Group iterations that take one Newton step on the line each (the joint solve) before the
     * step falls back to solving the line to convergence in every residual (the nested solve). The
     * joint solve also falls back as soon as it oscillates ({@link #OSCILLATION_FLIPS} sign changes
     * of the residual in a row, none of which halved it): a step in which the line rises through the
     * OPV's cracking pressure makes it swing between the two sides of the relief valve's kink, where
     * the line's sensitivity to the group differs several-fold, and the nested solve's bracket, which
     * takes only exact residuals, ends it.
     */
    private static final int JOINT_ITERATIONS = 12;
    /** Sign changes of the residual in a row, none halving it, after which the joint solve falls back. */
    static final int OSCILLATION_FLIPS = 2;
    private static final double PA = Fluids.ATMOSPHERE_BAR;

    private final BrewCircuit circuit;
    private final Flows trial = new Flows();
    private final double[] rates = new double[StateLayout.SIZE];
    private final double inverseLineCompliance;

    // results of the last residual evaluation (its flows are in trial)
    private double waterEnd;
    // the line this step: its start and end-of-step pressures, and −d(net inflow)/d(line pressure)
    // plus C_L/dt at the end (the line's own equation's slope, for the group's Newton slope)
    private double lineStartBar;
    private double lineBar;
    private double lineSlope;
    // within a step: the group pressure the line was last solved at, and the line root's
    // sensitivity to it there (dp_L/dp = Q_path'/lineSlope), to start the next solve from the
    // linear prediction instead of the last root (the same root; fewer iterations)
    private boolean lineSolved;
    private double lineSolvedAtBar;
    private double lineSensitivity;
    // connected: whether the residual solves the line to convergence (the nested fallback) or
    // takes one Newton step on it (the joint solve), and whether the last residual's line step was
    // below the line's tolerance (LINE_STEP_TOLERANCE, as the nested solve leaves it)
    private boolean lineNested;
    private boolean lineConverged;
    private double headspaceEnd;
    private double pressureEnd;
    // r'(p) = slopeNumerator / slopeDenominator − 1 (slopeDenominator 0: r'(p) = −1), divided out
    // only when Newton needs it: most steps of a plateau or a drained group start converged.
    private double slopeNumerator;
    private double slopeDenominator;
    // this step's chamber water: what it grows by warming, and the air's temperature factor
    private double expansionMl;
    private double airFactor;
    private double inverseAirFactor;
    // The last step: where it ended, what it changed, and its dt and parts. A step that continues
    // it (starting exactly where it ended, with the same dt and parts) starts Newton from its
    // extrapolation instead of from where it ended: the same root, usually one residual fewer on a
    // fill or a drifting plateau. A step that does not (the first, or after a restore, an idle or a
    // switch) starts where it stands. A plant's snapshot carries them (continuation()), so a
    // restored plant continues bit for bit.
    private double lastEndBar = Double.NaN;
    private double lastEndLineBar = Double.NaN;
    private double lastChangeBar;
    private double lastLineChangeBar;
    private double lastDt = Double.NaN;
    private double lastPumpFraction = Double.NaN;
    private boolean lastInletOpen;
    private boolean lastExhaustOpen;
    // sensor-lag and element-lag factors for the last dt
    private double alphaDt = Double.NaN;
    private double alpha;
    private double elementAlpha;
    private double inverseDt;
    // C_L/dt: the line equation's own slope
    private double lineA;
    // Solver diagnostics (plain counters, nothing allocated; read through stats()): the solver's
    // documented cost, so a test can hold it (docs/model.md, "The fixed stepper's solver").
    private long stepCount;
    private long residualCount;
    private long groupIterationCount;
    private int maxGroupIterations;
    private long predictedStartCount;
    private long nestedStepCount;
    private long bisectionCount;
    private long lineNewtonStepCount;
    private long lineSolveIterationCount;
    private long lineClosedFormCount;
    private long factorUpdateCount;

    FixedStepper(BrewCircuit circuit) {
        this.circuit = circuit;
        this.inverseLineCompliance = 1.0 / circuit.lineComplianceMlPerBar();
    }

    /**
     * Advances state {@code s} by dt with the discrete parts set as given, starting Newton from
     * the last step's pressure ({@code observed.groupBar}), and leaves the step's flows (averaged
     * over the step where a mode changes within it) and end pressures in {@code observed}.
     */
    void step(double[] s, double dt, double pumpFraction, boolean inletOpen, boolean exhaustOpen, double heaterDuty,
              Flows observed) {
        double water = s[StateLayout.GROUP_WATER_ML];
        double headspace = s[StateLayout.HEADSPACE_AIR_ATM_ML];
        double basketAir = s[StateLayout.BASKET_AIR_ATM_ML];
        double lineWater = s[StateLayout.LINE_WATER_ML];
        double compliance = circuit.lineComplianceMlPerBar();
        double inverseCompliance = inverseLineCompliance;
        sensorAlpha(dt); // and the step's 1/dt and C_L/dt
        if (circuit.hasErodingPuck()) {
            // the puck's resistance for what it has absorbed and passed so far (explicit over the step)
            circuit.setPuckState(s[StateLayout.PUCK_WATER_ML], s[StateLayout.PUCK_THROUGH_ML]);
        }
        // The chamber water's temperature over the step (backward Euler on its mixing law, with the
        // last step's inflow), and what the water grows by it: a known volume in this step's balance.
        double boiler = s[StateLayout.BOILER_C];
        double group = s[StateLayout.GROUP_METAL_C];
        double chamber = s[StateLayout.CHAMBER_WATER_C];
        double chamberEnd = circuit.chamberWaterEndC(boiler, group, chamber, water, observed.inflowMlPerS, dt);
        expansionMl = Fluids.waterExpansionPerK(chamber) * water * (chamberEnd - chamber);
        airFactor = StateLayout.airTemperatureFactor(chamberEnd);
        inverseAirFactor = 1.0 / airFactor;
        lineStartBar = lineWater * inverseCompliance;
        lineBar = lineStartBar;
        lineSolved = false;
        lineNested = false;
        lineConverged = true;
        if (!inletOpen) {
            // sealed: backward Euler on the line alone
            lineBar = lineEnd(0.0, pumpFraction, false, dt);
        }
        // connected, the line's end-of-step pressure is solved with the group's, in the residual:
        // jointly (one line Newton step per group iteration, from the line root's linear prediction
        // at the new group pressure) until both have converged, the line to the same tolerance as the
        // nested solve; the nested solve (the line to convergence in every residual, so r(p) is exact
        // and its bracket safe) after JOINT_ITERATIONS, or at once when the joint solve swings.

        // Safeguarded Newton on r(p) = P(W(p), n(p)) − p, decreasing, r(0) >= 0. The bracket takes
        // only residuals whose line has converged (exact r(p)).
        double lo = 0.0;
        double hi = Double.POSITIVE_INFINITY;
        double startBar = observed.groupBar;
        double p = startBar;
        if (startBar == lastEndBar && lineStartBar == lastEndLineBar && dt == lastDt
                && pumpFraction == lastPumpFraction && inletOpen == lastInletOpen && exhaustOpen == lastExhaustOpen) {
            p = Math.max(startBar + lastChangeBar, 0.0);
            predictedStartCount++;
            if (inletOpen) {
                lineBar = Math.max(lineStartBar + lastLineChangeBar, 0.0);
            }
        }
        int iterations = 0;
        double r = residual(p, dt, water, headspace, basketAir, pumpFraction, inletOpen, exhaustOpen);
        double lastR = Double.NaN;
        int flips = 0;
        while ((Math.abs(r) > TOLERANCE_BAR || !lineConverged) && iterations < MAX_ITERATIONS) {
            iterations++;
            if (lineConverged) {
                if (r > 0) {
                    lo = p;
                } else {
                    hi = p;
                }
            }
            // the joint solve swinging over the OPV's kink: r changed sign without halving
            flips = r * lastR < 0.0 && Math.abs(r) > 0.5 * Math.abs(lastR) ? flips + 1 : 0;
            lastR = r;
            if (!lineNested && (iterations > JOINT_ITERATIONS || flips >= OSCILLATION_FLIPS)) {
                lineNested = true;
                nestedStepCount++;
            }
            // r'(p) = num/den − 1, so the step r/r' is r·den/(num − den): one division on the chain
            double next = slopeDenominator == 0.0 ? p + r
                    : p - r * slopeDenominator / (slopeNumerator - slopeDenominator);
            if (!(next > lo && next < hi)) {
                next = hi == Double.POSITIVE_INFINITY ? 2.0 * lo + 1.0 : 0.5 * (lo + hi);
                bisectionCount++;
            }
            if (hi - lo < 1.0e-13 * (1.0 + lo)) {
                break;
            }
            p = next;
            r = residual(p, dt, water, headspace, basketAir, pumpFraction, inletOpen, exhaustOpen);
        }
        stepCount++;
        groupIterationCount += iterations;
        if (iterations > maxGroupIterations) {
            maxGroupIterations = iterations;
        }

        // Commit the step with the flows of the accepted pressure: the step's flows are those at
        // its end (backward Euler), with the exhaust split between air and water where the
        // headspace emptied within it.
        Flows f = observed;
        f.copyFrom(trial);
        f.groupBar = pressureEnd; // = circuit.pressureBar(waterEnd, airFactor·(headspaceEnd + basketAir))
        // the ledger's and the metal's rates (rates() less what this stepper solves itself)
        BrewCircuit.ledgerRates(f, rates);
        double boilerRate = circuit.boilerTemperatureRate(boiler, s[StateLayout.ELEMENT_C], group,
                BrewCircuit.coldInflowMlPerS(f));
        double groupRate = circuit.groupTemperatureRate(boiler, group, chamber);
        // what the line gained (its water is its pressure's: C_L·p_L)
        double lineEnd = compliance * lineBar;
        f.lineGainMlPerS = (lineEnd - lineWater) * inverseDt;
        s[StateLayout.GROUP_WATER_ML] = waterEnd;
        s[StateLayout.HEADSPACE_AIR_ATM_ML] = headspaceEnd;
        s[StateLayout.LINE_WATER_ML] = lineEnd;
        lastEndBar = pressureEnd;
        lastChangeBar = pressureEnd - startBar;
        lastEndLineBar = lineEnd * inverseCompliance; // as the next step reads it
        lastLineChangeBar = lastEndLineBar - lineStartBar;
        lastDt = dt;
        lastPumpFraction = pumpFraction;
        lastInletOpen = inletOpen;
        lastExhaustOpen = exhaustOpen;
        for (int i = StateLayout.FROM_TANK_ML; i <= StateLayout.TO_DRIP_TRAY_ML; i++) {
            s[i] += rates[i] * dt;
        }
        // what went through the basket: a dry puck takes it until it holds its capacity (the step's
        // share exactly), the rest reaches the cup and erodes the puck
        double intake = f.cupFlowMlPerS * dt;
        double taken = Math.min(intake, Math.max(circuit.puckAbsorptionMl() - s[StateLayout.PUCK_WATER_ML], 0.0));
        s[StateLayout.PUCK_WATER_ML] += taken;
        s[StateLayout.TO_CUP_ML] += intake - taken;
        s[StateLayout.PUCK_THROUGH_ML] += intake - taken;
        f.cupFlowMlPerS = (intake - taken) * inverseDt;
        s[StateLayout.CHAMBER_WATER_C] = chamberEnd;
        s[StateLayout.THERMAL_EXPANSION_ML] += expansionMl;

        // Heat: explicit Euler (time constants are seconds to minutes), except the element, whose
        // lag can be short: its exact solution over the step with the water's temperature held,
        // the boiler receiving exactly the heat the element gave up (power·dt − C_e·ΔT_e). Probes:
        // the exact solution of their lag over the step toward the new temperatures.
        double element = s[StateLayout.ELEMENT_C];
        double a = alpha;
        double elementEnd = element + elementAlpha * (circuit.elementSteadyC(boiler, heaterDuty) - element);
        double elementHeatJ = circuit.heaterPowerW(heaterDuty) * dt
                - circuit.elementHeatCapacityJPerK() * (elementEnd - element);
        double inverseBoilerC = circuit.inverseBoilerHeatCapacity();
        boiler += dt * (boilerRate - circuit.elementHeatW(element, boiler) * inverseBoilerC)
                + elementHeatJ * inverseBoilerC;
        // the metal gives the chamber's water exactly what the water's update took: G_w·dt·(T_g − T_w,end)
        group += dt * (groupRate
                + circuit.chamberCouplingWPerK() * (chamberEnd - chamber) * circuit.inverseGroupHeatCapacity());
        s[StateLayout.BOILER_C] = boiler;
        s[StateLayout.GROUP_METAL_C] = group;
        s[StateLayout.ELEMENT_C] = elementEnd;
        s[StateLayout.BOILER_SENSOR_C] += a * (boiler - s[StateLayout.BOILER_SENSOR_C]);
        s[StateLayout.GROUP_SENSOR_C] += a * (group - s[StateLayout.GROUP_SENSOR_C]);
    }

    /**
     * Where the last step ended and what it changed, with its dt and parts: what the next step
     * starts Newton from when it continues it. Part of a plant's snapshot.
     */
    record Continuation(double endBar, double endLineBar, double changeBar, double lineChangeBar, double dt,
                        double pumpFraction, boolean inletOpen, boolean exhaustOpen) {
    }

    /** The last step's continuation, for a snapshot. */
    Continuation continuation() {
        return new Continuation(lastEndBar, lastEndLineBar, lastChangeBar, lastLineChangeBar, lastDt, lastPumpFraction,
                lastInletOpen, lastExhaustOpen);
    }

    /** Takes a snapshot's continuation; null (a snapshot of another stepper's plant): none, as a new stepper. */
    void continueFrom(Continuation c) {
        if (c == null) {
            c = new Continuation(Double.NaN, Double.NaN, 0.0, 0.0, Double.NaN, Double.NaN, false, false);
        }
        lastEndBar = c.endBar();
        lastEndLineBar = c.endLineBar();
        lastChangeBar = c.changeBar();
        lastLineChangeBar = c.lineChangeBar();
        lastDt = c.dt();
        lastPumpFraction = c.pumpFraction();
        lastInletOpen = c.inletOpen();
        lastExhaustOpen = c.exhaustOpen();
    }

    /** The counters so far (a new record each call: not for the hot path). */
    SolverStats stats() {
        return new SolverStats(stepCount, residualCount, groupIterationCount, maxGroupIterations, predictedStartCount,
                nestedStepCount, bisectionCount, lineNewtonStepCount, lineSolveIterationCount, lineClosedFormCount,
                factorUpdateCount);
    }

    /**
     * The sensor lag's exact update factor 1 − exp(−dt/τ) (and the element's, 1/dt and C_L/dt),
     * recomputed only when dt changes: on
     * JDK 17 {@code Math.expm1} is a native (JNI) call costing tens of ns, a large share of a
     * step.
     */
    private double sensorAlpha(double dt) {
        if (dt != alphaDt) {
            double lag = circuit.sensorLagSeconds();
            alpha = lag <= 0 ? 1.0 : -Math.expm1(-dt / lag);
            elementAlpha = -Math.expm1(-dt / circuit.elementLagSeconds());
            inverseDt = 1.0 / dt;
            lineA = circuit.lineComplianceMlPerBar() / dt;
            alphaDt = dt;
            factorUpdateCount++;
        }
        return alpha;
    }

    /**
     * Evaluates r(p) and its slope, leaving the flows and end-of-step water and air of this trial
     * pressure in fields.
     */
    private double residual(double p, double dt, double water, double headspace, double basketAir,
                            double pumpFraction, boolean inletOpen, boolean exhaustOpen) {
        Flows f = trial;
        residualCount++;
        if (inletOpen) {
            // the line's end-of-step pressure with the group at p: C_L·(p_L − p_L0)/dt = Q_pump − Q_OPV − Q_path
            if (lineSolved) {
                lineBar = Math.max(lineBar + lineSensitivity * (p - lineSolvedAtBar), 0.0);
            }
            if (lineNested) {
                lineBar = lineEnd(p, pumpFraction, true, dt);
                lineConverged = true;
            } else {
                lineBar = lineNewtonStep(p, pumpFraction, dt);
            }
            // the supply's flows from the line solve's last evaluation, carried along their slopes by the last Newton step
            circuit.flowsAtSolvedLine(p, water, lineBar, pumpFraction, exhaustOpen, headspace > 0.0, f);
            lineSolved = true;
            lineSolvedAtBar = p;
            lineSensitivity = -f.inflowSlope / lineSlope;
        } else {
            circuit.flowsAt(p, water, lineBar, pumpFraction, false, exhaustOpen, headspace > 0.0, f);
        }
        double waterOutSlope = f.exhaustWaterSlope;
        double airSlope = 0.0;
        headspaceEnd = headspace;
        if (f.exhaustMode == Flows.EXHAUST_AIR) {
            double airFlow = f.exhaustAirAtmMlPerS;
            double airOut = airFlow * dt;
            if (airOut <= headspace) {
                headspaceEnd = headspace - airOut;
                airSlope = f.exhaustAirSlope * dt;
            } else {
                // Headspace empties within this step: air for θ·dt, then water (step averages).
                double theta = headspace / airOut;
                f.exhaustAirAtmMlPerS = headspace / dt;
                headspaceEnd = 0.0;
                double waterFlow = circuit.exhaustWaterFlowMlPerS(p);
                f.exhaustWaterMlPerS = (1.0 - theta) * waterFlow;
                // d/dp[(1−θ)Qw] = (1−θ)Qw' + Qw·θ·Qa'/Qa
                waterOutSlope = (1.0 - theta) * circuit.exhaustWaterFlowSlope(p)
                        + (airFlow > 0 ? waterFlow * theta * f.exhaustAirSlope / airFlow : 0.0);
            }
        }
        // a released group at atmospheric pressure drains; air comes back in for the water that leaves
        headspaceEnd += dt * f.drainMlPerS * inverseAirFactor;
        // d(inflow)/dp with the line following: ∂Q/∂p·(1 − dp_L/dp), dp_L/dp = −(∂Q/∂p)/lineSlope
        double inflowSlope = inletOpen ? f.inflowSlope * (1.0 - lineSensitivity) : 0.0;
        double netSlope = inflowSlope - waterOutSlope - f.cupFlowSlope;
        waterEnd = water + dt * BrewCircuit.waterRate(f) + expansionMl;
        double pressure = circuit.pressureBar(waterEnd, airFactor * (headspaceEnd + basketAir));
        pressureEnd = pressure;
        if (pressure > 0.0) {
            slopeDenominator = circuit.pressureDenominator(pressure, waterEnd);
            slopeNumerator = (pressure + PA) * dt * netSlope - PA * airFactor * airSlope;
        } else {
            slopeDenominator = 0.0;
        }
        return pressure - p;
    }

    /**
     * One Newton step of {@link #lineEnd}'s equation from {@link #lineBar} with the line connected
     * to the group at {@code groupBar}: the next iterate, not negative (the pump's check valve), and
     * in {@link #lineConverged} whether this step was below the line's tolerance (as
     * {@link #lineEnd} stops), in {@link #lineSlope} the equation's slope.
     */
    private double lineNewtonStep(double groupBar, double pumpFraction, double dt) {
        lineNewtonStepCount++;
        double a = lineA;
        double x = lineBar;
        double g = a * (x - lineStartBar) - circuit.lineNetMlPerS(x, groupBar, pumpFraction, true);
        lineSlope = a + circuit.lineNetSlope();
        if (g == 0.0) {
            lineConverged = true;
            return x;
        }
        double step = g / lineSlope;
        double next = x - step;
        if (next < 0.0) {
            // even an empty line takes in nothing: the check valve holds it at 0
            lineConverged = x <= 0.0;
            return 0.0;
        }
        lineConverged = Math.abs(step) <= LINE_STEP_TOLERANCE * (1.0 + x);
        return next;
    }

    /**
     * The line's end-of-step pressure: the root of C_L·(p − p₀)/dt = Q_net(p), Q_net the line's net
     * inflow ({@link BrewCircuit#lineNetMlPerS}: the pump in; the OPV, the leak and, connected, the
     * path to the group at {@code groupBar} out), decreasing in p, so the root is unique and not
     * negative (the pump's check valve). Pump stopped and sealed below the OPV: the leak alone, in
     * closed form; otherwise safeguarded Newton from the last root. Leaves the slope of the
     * equation at the root in {@link #lineSlope}.
     */
    private double lineEnd(double groupBar, double pumpFraction, boolean connected, double dt) {
        double a = lineA;
        double start = lineStartBar;
        if (!connected && pumpFraction <= 0.0 && start <= circuit.lineCrackingBar()) {
            lineSlope = a + circuit.lineLeakMlPerSBar();
            lineClosedFormCount++;
            return start * a / lineSlope;
        }
        double lo = 0.0;
        double hi = Double.POSITIVE_INFINITY;
        double x = lineBar;
        for (int i = 0; i < MAX_ITERATIONS; i++) {
            lineSolveIterationCount++;
            double g = a * (x - start) - circuit.lineNetMlPerS(x, groupBar, pumpFraction, connected);
            lineSlope = a + circuit.lineNetSlope();
            if (g == 0.0) {
                return x;
            }
            if (g > 0.0) {
                hi = x;
            } else {
                lo = x;
            }
            double step = g / lineSlope;
            double next = x - step;
            if (Math.abs(step) <= LINE_STEP_TOLERANCE * (1.0 + x)) {
                return Math.max(next, 0.0);
            }
            if (!(next > lo && next < hi)) {
                if (g > 0.0 && x <= 0.0) {
                    return 0.0; // even an empty line takes in nothing: the check valve holds it at 0
                }
                next = hi == Double.POSITIVE_INFINITY ? 2.0 * x + 1.0 : 0.5 * (lo + hi);
            }
            x = next;
        }
        return x;
    }
}
