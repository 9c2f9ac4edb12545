package io.backflush.core.plant;

import io.backflush.core.hydraulics.BasketParameters;
import io.backflush.core.hydraulics.Fluids;
import io.backflush.core.hydraulics.GroupChamberParameters;
import io.backflush.core.hydraulics.InletCharacteristic;
import io.backflush.core.machine.Machine;
import io.backflush.core.machine.MachineParameters;
import io.backflush.core.thermal.BoilerParameters;
import io.backflush.core.thermal.GroupHeadParameters;

/**
 * The plant's equations, shared by both steppers: group pressure from the chamber's water and
 * air, the flows through the exhaust and the basket as functions of that pressure, and the heat
 * balance. Stateless apart from constants derived from the machine; see the package
 * documentation for the derivation.
 */
public final class BrewCircuit {
    private static final double PA = Fluids.ATMOSPHERE_BAR;

    private final Machine machine;
    private final InletCharacteristic inlet;
    private final double chamberVolumeMl;
    private final double complianceMlPerBar;
    private final boolean hasExhaust;
    private final double cleanExhaustK;
    private final double cleanAirIncompressibleCoefficient;
    private final double cleanAirChokedCoefficient;
    private double exhaustK;
    private double airIncompressibleCoefficient;
    private double airChokedCoefficient;
    private double exhaustAreaFactor = 1.0;
    private double basketResistance;
    private double screenResistance;
    private double cupK;
    private double seatLeakK;
    private final double boilerHeatCapacityJPerK;
    private final double groupHeatCapacityJPerK;
    private final double waterHeatPerMlJPerK;
    private final MachineParameters p;
    // heat-balance constants, read once from the parameter records (the step reads them every time)
    private final double heaterPowerW;
    private final double boilerLossWPerK;
    private final double groupCouplingWPerK;
    private final double groupLossWPerK;
    private final double ambientC;
    private final double tankWaterC;
    private final double inverseBoilerHeatCapacity;
    private final double inverseGroupHeatCapacity;

    /** Temperature of the air trapped in the hot group, K. Estimate: the group runs at ~90 °C. */
    public static final double CHAMBER_AIR_TEMPERATURE_K = 363.15;

    /** Builds the equations for a machine with the given basket; residue effects start clean. */
    public BrewCircuit(Machine machine, BasketParameters basket) {
        this.machine = machine;
        this.p = machine.parameters();
        this.inlet = machine.inlet();
        GroupChamberParameters chamber = p.chamber();
        this.chamberVolumeMl = chamber.freeVolumeMl();
        this.complianceMlPerBar = chamber.complianceMlPerBar();
        this.hasExhaust = p.hasThreeWayValve();
        if (hasExhaust) {
            this.cleanExhaustK = p.threeWayValve().exhaust().waterCoefficient();
            double cdA = p.threeWayValve().exhaust().effectiveAreaM2();
            double rt = Fluids.AIR_GAS_CONSTANT_J_PER_KG_K * CHAMBER_AIR_TEMPERATURE_K;
            this.cleanAirIncompressibleCoefficient = cdA * Fluids.ML_PER_M3 * Math.sqrt(2.0 * rt) / PA;
            this.cleanAirChokedCoefficient = cdA * Fluids.ML_PER_M3 * Fluids.AIR_CHOKED_FLOW_FACTOR * Math.sqrt(rt) / PA;
        } else {
            this.cleanExhaustK = 0;
            this.cleanAirIncompressibleCoefficient = 0;
            this.cleanAirChokedCoefficient = 0;
        }
        this.exhaustK = cleanExhaustK;
        this.airIncompressibleCoefficient = cleanAirIncompressibleCoefficient;
        this.airChokedCoefficient = cleanAirChokedCoefficient;
        setBasket(basket);
        BoilerParameters b = p.boiler();
        this.heaterPowerW = b.heaterPowerW();
        this.boilerLossWPerK = b.lossConductanceWPerK();
        this.groupCouplingWPerK = p.groupHead().boilerCouplingWPerK();
        this.groupLossWPerK = p.groupHead().lossConductanceWPerK();
        this.ambientC = p.environment().ambientC();
        this.tankWaterC = p.environment().tankWaterC();
        this.waterHeatPerMlJPerK = Fluids.WATER_DENSITY_KG_PER_M3 * 1.0e-6 * Fluids.WATER_SPECIFIC_HEAT_J_PER_KG_K;
        this.boilerHeatCapacityJPerK = b.volumeMl() * waterHeatPerMlJPerK;
        GroupHeadParameters g = p.groupHead();
        this.groupHeatCapacityJPerK = g.massKg() * g.specificHeatJPerKgK();
        this.inverseBoilerHeatCapacity = 1.0 / boilerHeatCapacityJPerK;
        this.inverseGroupHeatCapacity = 1.0 / groupHeatCapacityJPerK;
    }

    public Machine machine() {
        return machine;
    }

    /** Puts a different basket in the group (a puck for a shot, the blind basket to clean). */
    public void setBasket(BasketParameters basket) {
        this.basketResistance = basket.resistanceBarS2PerMl2();
        updateCupCoefficient();
    }

    /**
     * Applies the hydraulic effects of residue: a narrower exhaust, a more resistant screen (in
     * series with the puck) and a leaking valve seat. Cheap when nothing changed.
     *
     * @param exhaustAreaFactor          fraction of the exhaust's flow area still open, 0..1
     * @param screenResistanceBarS2PerMl2 resistance added by the screen, bar·s²/ml²
     * @param seatLeakCoefficient        leak past the closed exhaust seat, ml/s per sqrt(bar)
     */
    public void applyFouling(double exhaustAreaFactor, double screenResistanceBarS2PerMl2, double seatLeakCoefficient) {
        if (exhaustAreaFactor != this.exhaustAreaFactor) {
            this.exhaustAreaFactor = exhaustAreaFactor;
            this.exhaustK = cleanExhaustK * exhaustAreaFactor;
            this.airIncompressibleCoefficient = cleanAirIncompressibleCoefficient * exhaustAreaFactor;
            this.airChokedCoefficient = cleanAirChokedCoefficient * exhaustAreaFactor;
        }
        if (screenResistanceBarS2PerMl2 != this.screenResistance) {
            this.screenResistance = screenResistanceBarS2PerMl2;
            updateCupCoefficient();
        }
        this.seatLeakK = hasExhaust ? seatLeakCoefficient : 0.0;
    }

    private void updateCupCoefficient() {
        double total = basketResistance + screenResistance;
        this.cupK = Double.isInfinite(total) ? 0.0 : 1.0 / Math.sqrt(total);
    }

    /** Resistance added by screen residue, bar·s²/ml². */
    public double screenResistanceBarS2PerMl2() {
        return screenResistance;
    }

    /** Pressure at the top of the puck: group pressure less the fouled screen's drop, bar. */
    public double puckPressureBar(double groupBar, double cupFlowMlPerS) {
        return Math.max(0.0, groupBar - screenResistance * cupFlowMlPerS * cupFlowMlPerS);
    }

    /** Leak past the exhaust seat while the valve is energised (exhaust nominally shut), ml/s. */
    public double seatLeakFlowMlPerS(double groupBar) {
        return groupBar > 0 && seatLeakK > 0 ? Fluids.smoothSqrtFlow(seatLeakK, groupBar) : 0.0;
    }

    public double seatLeakFlowSlope(double groupBar) {
        return groupBar > 0 && seatLeakK > 0 ? Fluids.smoothSqrtFlowSlope(seatLeakK, groupBar) : 0.0;
    }

    public boolean seatLeaks() {
        return seatLeakK > 0;
    }

    public InletCharacteristic inlet() {
        return inlet;
    }

    public boolean hasExhaust() {
        return hasExhaust;
    }

    public double chamberVolumeMl() {
        return chamberVolumeMl;
    }

    public double complianceMlPerBar() {
        return complianceMlPerBar;
    }

    /**
     * Group gauge pressure from the water volume and the total trapped air, bar. Solves the
     * isothermal gas law for the air in a chamber that stretches with pressure:
     * (p + Pa)·(V0 + C·p − Vw) = n·Pa, the positive root of a quadratic, written in its
     * cancellation-free form. Never negative: a chamber holding less than its volume of
     * atmospheric air would draw air in.
     */
    public double pressureBar(double waterMl, double airAtmMl) {
        double a = chamberVolumeMl - waterMl;
        double c = complianceMlPerBar;
        double b = a + c * PA;
        double cc = PA * (a - airAtmMl);
        double disc = (a - c * PA) * (a - c * PA) + 4.0 * c * PA * airAtmMl;
        double root = Math.sqrt(Math.max(disc, 0.0));
        double pr;
        if (b > 0) {
            pr = -2.0 * cc / (b + root);
        } else {
            pr = (-b + root) / (2.0 * c);
        }
        return pr > 0 ? pr : 0.0;
    }

    /**
     * ∂p/∂(water) and ∂p/∂(air) at the given pressure: 1/∂F/∂p times (p + Pa) and Pa
     * respectively, where F = (p + Pa)(V0 − Vw + C·p) − n·Pa. Returns the common denominator
     * ∂F/∂p; zero pressure (clamped) has zero sensitivity.
     */
    public double pressureDenominator(double pressureBar, double waterMl) {
        double a = chamberVolumeMl - waterMl;
        return a + 2.0 * complianceMlPerBar * pressureBar + complianceMlPerBar * PA;
    }

    /** Water flow out through the open exhaust at the given group pressure, ml/s. */
    public double exhaustWaterFlowMlPerS(double groupBar) {
        return groupBar > 0 ? Fluids.smoothSqrtFlow(exhaustK, groupBar) : 0.0;
    }

    public double exhaustWaterFlowSlope(double groupBar) {
        return groupBar > 0 ? Fluids.smoothSqrtFlowSlope(exhaustK, groupBar) : 0.0;
    }

    /**
     * Air flow out through the open exhaust, as ml at 1 atm per second. Incompressible orifice
     * law with the upstream gas density, Q = Cd·A·sqrt(2·ρ_up·Δp), capped at the choked-flow
     * limit Cd·A·P_up·0.6847/sqrt(R·T). Physics-lite: both overestimate the isentropic orifice
     * flow (the cap takes over from about 0.3 bar, where real choking starts near 0.9 bar), so the
     * minimum is an upper bound; it only sets how fast the headspace air vents (milliseconds).
     */
    public double exhaustAirFlowAtmMlPerS(double groupBar) {
        if (groupBar <= 0) {
            return 0.0;
        }
        double up = groupBar + PA;
        double incompressible = airIncompressibleCoefficient * Math.sqrt(up) * Fluids.smoothSqrtFlow(1.0, groupBar);
        double choked = airChokedCoefficient * up;
        return Math.min(incompressible, choked);
    }

    public double exhaustAirFlowSlope(double groupBar) {
        if (groupBar <= 0) {
            return 0.0;
        }
        double up = groupBar + PA;
        double sUp = Math.sqrt(up);
        double g = Fluids.smoothSqrtFlow(1.0, groupBar);
        double incompressible = airIncompressibleCoefficient * sUp * g;
        double choked = airChokedCoefficient * up;
        if (choked < incompressible) {
            return airChokedCoefficient;
        }
        return airIncompressibleCoefficient * (g / (2.0 * sUp) + sUp * Fluids.smoothSqrtFlowSlope(1.0, groupBar));
    }

    /** Flow through the basket to the cup, ml/s (zero for a blind basket). */
    public double cupFlowMlPerS(double groupBar) {
        return groupBar > 0 && cupK > 0 ? Fluids.smoothSqrtFlow(cupK, groupBar) : 0.0;
    }

    public double cupFlowSlope(double groupBar) {
        return groupBar > 0 && cupK > 0 ? Fluids.smoothSqrtFlowSlope(cupK, groupBar) : 0.0;
    }

    /** d(boiler temperature)/dt, K/s, for the given heater duty and flow into the group. */
    public double boilerTemperatureRate(double boilerC, double heaterDuty, double inflowMlPerS) {
        double power = heaterPowerW * heaterDuty
                - boilerLossWPerK * (boilerC - ambientC)
                - waterHeatPerMlJPerK * Math.max(inflowMlPerS, 0.0) * (boilerC - tankWaterC);
        return power * inverseBoilerHeatCapacity;
    }

    /** d(group metal temperature)/dt, K/s. */
    public double groupTemperatureRate(double boilerC, double groupC, double inflowMlPerS) {
        double power = groupCouplingWPerK * (boilerC - groupC)
                - groupLossWPerK * (groupC - ambientC)
                + waterHeatPerMlJPerK * Math.max(inflowMlPerS, 0.0) * (boilerC - groupC);
        return power * inverseGroupHeatCapacity;
    }

    /** First-order sensor lag time constant, s. */
    public double sensorLagSeconds() {
        return p.sensors().temperatureLagSeconds();
    }
}
