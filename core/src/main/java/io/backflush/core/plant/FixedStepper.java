package io.backflush.core.plant;

import io.backflush.core.hydraulics.InletCharacteristic;
import io.backflush.core.hydraulics.InletCharacteristic.InletSample;

/**
 * The fixed-step stepper: backward Euler on the group chamber's water and headspace air, solved
 * exactly for the end-of-step group pressure; explicit Euler on the temperatures; exact
 * exponential update of the sensor lags.
 *
 * <p>The unknown is the end-of-step pressure p. Given p, every flow is known (inlet from the
 * tabulated characteristic, exhaust water or air, basket), so the end-of-step water and air are
 * known, and so is the pressure they imply. The residual r(p) = P(W(p), n(p)) − p is strictly
 * decreasing (every outflow rises and the inflow falls with p), so it has exactly one root, which
 * safeguarded Newton finds in one to three iterations from the previous pressure. Being implicit,
 * the step is stable for any dt, including the stiff case of a chamber with no trapped air
 * (pressure moves ~Q/C, tens of bar per second, behind an orifice whose conductance is unbounded
 * at zero flow). The package documentation derives (it was not measured) why an explicit scheme
 * would need steps of a couple of milliseconds or less in that case.
 *
 * <p>In the step where the headspace air runs out, the exhaust passes air for the fraction θ of
 * the step that empties the headspace and water for the rest.
 */
final class FixedStepper {
    private static final double TOLERANCE_BAR = 1.0e-11;
    private static final int MAX_ITERATIONS = 100;

    private final BrewCircuit circuit;
    private final InletCharacteristic inlet;
    private final InletSample running = new InletSample();
    private final InletSample stopped = new InletSample();

    // results of the last residual evaluation
    private double inflow;
    private double inflowSlope;
    private double pumpFlow;
    private double nodeBar;
    private double exhaustWater;
    private double exhaustAir;
    private double cupFlow;
    private double waterEnd;
    private double headspaceEnd;
    private double pressureEnd;
    // r'(p) = slopeNumerator / slopeDenominator − 1 (slopeDenominator 0: r'(p) = −1), divided out
    // only when Newton needs it: most steps of a plateau or a drained group start converged.
    private double slopeNumerator;
    private double slopeDenominator;
    // sensor lag factor for the last dt
    private double alphaDt = Double.NaN;
    private double alpha;

    FixedStepper(BrewCircuit circuit) {
        this.circuit = circuit;
        this.inlet = circuit.inlet();
    }

    void step(Plant plant, double dt, double pumpFraction, boolean inletOpen, boolean exhaustOpen, double heaterDuty) {
        double[] s = plant.state;
        double water = s[StateLayout.GROUP_WATER_ML];
        double headspace = s[StateLayout.HEADSPACE_AIR_ATM_ML];
        double basketAir = s[StateLayout.BASKET_AIR_ATM_ML];

        // Safeguarded Newton on r(p) = P(W(p), n(p)) − p, decreasing, r(0) >= 0.
        double lo = 0.0;
        double hi = Double.POSITIVE_INFINITY;
        double p = plant.groupBar;
        int iterations = 0;
        double r = residual(p, dt, water, headspace, basketAir, pumpFraction, inletOpen, exhaustOpen);
        while (Math.abs(r) > TOLERANCE_BAR && iterations < MAX_ITERATIONS) {
            iterations++;
            if (r > 0) {
                lo = p;
            } else {
                hi = p;
            }
            double residualSlope = slopeDenominator == 0.0 ? -1.0 : slopeNumerator / slopeDenominator - 1.0;
            double next = p - r / residualSlope;
            if (!(next > lo && next < hi)) {
                next = hi == Double.POSITIVE_INFINITY ? 2.0 * lo + 1.0 : 0.5 * (lo + hi);
            }
            if (hi - lo < 1.0e-13 * (1.0 + lo)) {
                break;
            }
            p = next;
            r = residual(p, dt, water, headspace, basketAir, pumpFraction, inletOpen, exhaustOpen);
        }

        // Commit the hydraulic step with the flows of the accepted pressure.
        s[StateLayout.GROUP_WATER_ML] = waterEnd;
        s[StateLayout.HEADSPACE_AIR_ATM_ML] = headspaceEnd;
        double relief = pumpFlow - inflow;
        s[StateLayout.FROM_TANK_ML] += pumpFlow * dt;
        s[StateLayout.RETURNED_TO_TANK_ML] += relief * dt;
        s[StateLayout.TO_DRIP_TRAY_ML] += exhaustWater * dt;
        s[StateLayout.TO_CUP_ML] += cupFlow * dt;
        plant.groupBar = pressureEnd; // = circuit.pressureBar(waterEnd, headspaceEnd + basketAir)
        plant.pumpOutletBar = nodeBar;
        plant.inflowMlPerS = inflow;
        plant.pumpFlowMlPerS = pumpFlow;
        plant.reliefFlowMlPerS = relief;
        plant.exhaustWaterFlowMlPerS = exhaustWater;
        plant.exhaustAirFlowAtmMlPerS = exhaustAir;
        plant.cupFlowMlPerS = cupFlow;

        // Heat: explicit Euler (time constants are seconds to minutes), sensors exact lag.
        double boiler = s[StateLayout.BOILER_C];
        double group = s[StateLayout.GROUP_METAL_C];
        double boilerRate = circuit.boilerTemperatureRate(boiler, heaterDuty, inflow);
        double groupRate = circuit.groupTemperatureRate(boiler, group, inflow);
        boiler += dt * boilerRate;
        group += dt * groupRate;
        s[StateLayout.BOILER_C] = boiler;
        s[StateLayout.GROUP_METAL_C] = group;
        double alpha = sensorAlpha(dt);
        s[StateLayout.BOILER_SENSOR_C] += alpha * (boiler - s[StateLayout.BOILER_SENSOR_C]);
        s[StateLayout.GROUP_SENSOR_C] += alpha * (group - s[StateLayout.GROUP_SENSOR_C]);
    }

    /**
     * The sensor lag's exact update factor 1 − exp(−dt/τ), recomputed only when dt changes: on
     * JDK 17 {@code Math.expm1} is a native (JNI) call costing tens of ns, a large share of a
     * step.
     */
    private double sensorAlpha(double dt) {
        if (dt != alphaDt) {
            double lag = circuit.sensorLagSeconds();
            alpha = lag <= 0 ? 1.0 : -Math.expm1(-dt / lag);
            alphaDt = dt;
        }
        return alpha;
    }

    /**
     * Evaluates r(p) and its slope, leaving the flows and end-of-step water and air of this trial
     * pressure in fields.
     */
    private double residual(double p, double dt, double water, double headspace, double basketAir,
                            double pumpFraction, boolean inletOpen, boolean exhaustOpen) {
        sampleInlet(p, pumpFraction, inletOpen);
        double waterOutSlope = 0.0;
        double airSlope = 0.0;
        exhaustWater = 0.0;
        exhaustAir = 0.0;
        headspaceEnd = headspace;
        if (exhaustOpen) {
            if (headspace > 0.0) {
                double airFlow = circuit.exhaustAirFlowAtmMlPerS(p);
                double airOut = airFlow * dt;
                if (airOut <= headspace) {
                    exhaustAir = airFlow;
                    headspaceEnd = headspace - airOut;
                    airSlope = circuit.exhaustAirFlowSlope(p) * dt;
                } else {
                    // Headspace empties within this step: air for θ·dt, then water.
                    double theta = headspace / airOut;
                    exhaustAir = headspace / dt;
                    headspaceEnd = 0.0;
                    double waterFlow = circuit.exhaustWaterFlowMlPerS(p);
                    exhaustWater = (1.0 - theta) * waterFlow;
                    // d/dp[(1−θ)Qw] = (1−θ)Qw' + Qw·θ·Qa'/Qa
                    waterOutSlope = (1.0 - theta) * circuit.exhaustWaterFlowSlope(p)
                            + (airFlow > 0 ? waterFlow * theta * circuit.exhaustAirFlowSlope(p) / airFlow : 0.0);
                }
            } else {
                exhaustWater = circuit.exhaustWaterFlowMlPerS(p);
                waterOutSlope = circuit.exhaustWaterFlowSlope(p);
            }
        } else if (circuit.seatLeaks()) {
            // a fouled seat lets water past the shut exhaust: the drip symptom
            exhaustWater = circuit.seatLeakFlowMlPerS(p);
            waterOutSlope = circuit.seatLeakFlowSlope(p);
        }
        cupFlow = circuit.cupFlowMlPerS(p);
        double netSlope = inflowSlope - waterOutSlope - circuit.cupFlowSlope(p);
        waterEnd = water + dt * (inflow - exhaustWater - cupFlow);
        double pressure = circuit.pressureBar(waterEnd, headspaceEnd + basketAir);
        pressureEnd = pressure;
        if (pressure > 0.0) {
            slopeDenominator = circuit.pressureDenominator(pressure, waterEnd);
            slopeNumerator = (pressure + io.backflush.core.hydraulics.Fluids.ATMOSPHERE_BAR) * dt * netSlope
                    - io.backflush.core.hydraulics.Fluids.ATMOSPHERE_BAR * airSlope;
        } else {
            slopeDenominator = 0.0;
        }
        return pressure - p;
    }

    private void sampleInlet(double p, double pumpFraction, boolean inletOpen) {
        if (pumpFraction >= 1.0) {
            inlet.sample(p, true, inletOpen, running);
            copy(running);
        } else if (pumpFraction <= 0.0) {
            inlet.sample(p, false, inletOpen, stopped);
            copy(stopped);
        } else {
            inlet.sample(p, true, inletOpen, running);
            inlet.sample(p, false, inletOpen, stopped);
            double f = pumpFraction;
            inflow = f * running.netFlowMlPerS + (1 - f) * stopped.netFlowMlPerS;
            inflowSlope = f * running.netFlowSlopeMlPerSBar + (1 - f) * stopped.netFlowSlopeMlPerSBar;
            pumpFlow = f * running.pumpFlowMlPerS;
            nodeBar = f * running.nodeBar + (1 - f) * stopped.nodeBar;
        }
    }

    private void copy(InletSample sample) {
        inflow = sample.netFlowMlPerS;
        inflowSlope = sample.netFlowSlopeMlPerSBar;
        pumpFlow = sample.pumpFlowMlPerS;
        nodeBar = sample.nodeBar;
    }
}
