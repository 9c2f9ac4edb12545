package io.backflush.core.plant;

import io.backflush.core.hydraulics.BasketParameters;
import io.backflush.core.hydraulics.Fluids;
import io.backflush.core.hydraulics.GroupChamberParameters;
import io.backflush.core.hydraulics.InletCharacteristic;
import io.backflush.core.hydraulics.PuckParameters;
import io.backflush.core.machine.Machine;
import io.backflush.core.machine.MachineParameters;
import io.backflush.core.thermal.BoilerParameters;
import io.backflush.core.thermal.GroupHeadParameters;

/**
 * The plant's equations, the one dynamics definition both steppers use: group pressure from the
 * chamber's water and air; {@link #flowsAt} gives every flow at a group pressure (what the supply
 * delivers, what the exhaust passes — air, water or a leak past a fouled seat — and what the basket
 * lets through); {@link #rates} gives the rate of every state variable from those flows (water, air,
 * heat, probe lag, the water ledger). The fixed stepper solves its implicit step with them; the
 * reference integrator's derivatives are them. A new flow or state is added here, once. Holds the
 * machine's constants, the residue effects applied to it and two scratch holders, so it belongs to
 * one plant (one thread); see the package documentation for the derivation.
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
    // an eroding puck: its dynamics (null for any other basket) and base resistance
    private PuckParameters puck;
    private double puckBaseResistance;
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
    private final double sensorLagSeconds;
    private final double retainedWaterMl;
    private final double lineComplianceMlPerBar;
    private final double lineLeakMlPerSBar;
    private final double inverseDrainSeconds;
    private final double elementConductanceWPerK;
    private final double inverseElementHeatCapacity;
    private final double elementHeatCapacityJPerK;
    private final double chamberCouplingWPerK;
    private final double chamberCouplingMlPerS;
    private final double chamberFloorMl;
    private final double pathCoefficient;
    // −d(line net inflow)/d(line pressure) of the last lineNetMlPerS call
    private double lineNetSlope;
    // the last lineNetMlPerS call's pressures and parts (for flowsAtSolvedLine): pump flow and
    // −its slope, relief and its slope, and, connected, the path's flow and slope
    private boolean lastLineConnected;
    private double lastLineBar;
    private double lastLineGroupBar;
    private double lastPumpFlow;
    private double lastPumpSlope;
    private double lastRelief;
    private double lastReliefSlope;
    private double lastPathFlow;
    private double lastPathSlope;

    /**
     * Reference temperature of the trapped air's amounts, K: air is counted as ml at 1 atm and
     * 90 °C, and presses at the chamber water's temperature ({@link StateLayout#airTemperatureFactor}).
     * The exhaust's air orifice is sized at it (its flow scales as sqrt(T_ref/T), a 4 % change between
     * a cold and a hot group, on a flow that vents the headspace in milliseconds).
     */
    public static final double CHAMBER_AIR_TEMPERATURE_K = 363.15;

    /** Builds the equations for a machine with the given basket; residue effects start clean. */
    public BrewCircuit(Machine machine, BasketParameters basket) {
        this.machine = machine;
        this.p = machine.parameters();
        this.inlet = machine.inlet();
        this.pathCoefficient = inlet.pathCoefficient();
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
        this.sensorLagSeconds = p.sensors().temperatureLagSeconds();
        this.retainedWaterMl = chamber.retainedWaterMl();
        this.lineComplianceMlPerBar = p.line().complianceMlPerBar();
        this.lineLeakMlPerSBar = p.line().leakMlPerSBar();
        this.inverseDrainSeconds = 1.0 / chamber.drainTimeConstantSeconds();
        this.elementConductanceWPerK = b.elementConductanceWPerK();
        this.elementHeatCapacityJPerK = b.elementHeatCapacityJPerK();
        this.inverseElementHeatCapacity = 1.0 / b.elementHeatCapacityJPerK();
        this.chamberCouplingWPerK = g.chamberWaterCouplingWPerK();
        this.chamberCouplingMlPerS = chamberCouplingWPerK / waterHeatPerMlJPerK;
        this.chamberFloorMl = Math.max(retainedWaterMl, 0.1);
    }

    /** The group pressure of state s: its water, and its air at the chamber water's temperature, bar. */
    double pressureOf(double[] s) {
        return pressureBar(s[StateLayout.GROUP_WATER_ML], (s[StateLayout.HEADSPACE_AIR_ATM_ML]
                + s[StateLayout.BASKET_AIR_ATM_ML]) * StateLayout.airTemperatureFactor(s[StateLayout.CHAMBER_WATER_C]));
    }

    /**
     * Every flow at group pressure {@code groupBar} and line pressure {@code lineBar}, into
     * {@code out}: the one place that decides what the supply and the exhaust pass. The line (the
     * pump outlet node with the pump–boiler line's compliance) is filled by the pump and bled by
     * the OPV and its leak; connected, it feeds the group through the inlet path, or takes water
     * back from it when the group is above it. The exhaust, open, passes air while the headspace
     * still holds air ({@code headspaceVents}) and water after; shut, nothing, or water past a
     * fouled seat.
     *
     * @param pumpFraction   fraction of the stretch during which the pump strokes (0..1)
     * @param inletOpen      the valve connects the line to the group
     * @param exhaustOpen    the valve opens the group to the exhaust
     * @param waterMl        water in the chamber, ml (what can drain once the group is at atmospheric pressure)
     * @param lineBar        the pump–boiler line's pressure, bar (the pump outlet's)
     * @param headspaceVents headspace air remains to vent
     */
    void flowsAt(double groupBar, double waterMl, double lineBar, double pumpFraction, boolean inletOpen,
                 boolean exhaustOpen, boolean headspaceVents, Flows out) {
        out.groupBar = groupBar;
        out.inletOpen = inletOpen;
        out.pumpOutletBar = lineBar;
        out.pumpFlowMlPerS = pumpFlowMlPerS(lineBar, pumpFraction);
        out.lineReliefMlPerS = lineReliefMlPerS(lineBar, inletOpen);
        if (inletOpen) {
            double drop = lineBar - groupBar;
            double root = Fluids.smoothingRoot(drop);
            out.inflowMlPerS = Fluids.smoothSqrtFlow(pathCoefficient, drop, root);
            out.inflowSlope = -Fluids.smoothSqrtFlowSlope(pathCoefficient, drop, root);
        } else {
            out.inflowMlPerS = 0.0;
            out.inflowSlope = 0.0;
        }
        groupSideFlowsAt(groupBar, waterMl, exhaustOpen, headspaceVents, out);
    }

    /**
     * {@link #flowsAt} with the line connected, at a line pressure {@code lineBar} that
     * {@link #lineNetMlPerS} has just been solved for at this group pressure (its last call was at
     * this {@code groupBar}, connected, within one Newton step of {@code lineBar}): the supply's
     * flows are that call's, carried to {@code lineBar} along their slopes instead of evaluated
     * again. The line's last Newton step there is below its tolerance (1e-5 of the line's pressure
     * and 1e-5 bar), so what the first order leaves out is of the order of that step squared (below
     * 1e-8 of the flow), and the carried flows are the ones that step's linear equation balanced:
     * the line's water balance holds; the slope is the call's. Anything else: {@link #flowsAt} itself.
     */
    void flowsAtSolvedLine(double groupBar, double waterMl, double lineBar, double pumpFraction, boolean exhaustOpen,
                           boolean headspaceVents, Flows out) {
        if (!lastLineConnected || groupBar != lastLineGroupBar) {
            flowsAt(groupBar, waterMl, lineBar, pumpFraction, true, exhaustOpen, headspaceVents, out);
            return;
        }
        double dx = lineBar - lastLineBar;
        out.groupBar = groupBar;
        out.inletOpen = true;
        out.pumpOutletBar = lineBar;
        out.pumpFlowMlPerS = lastPumpFlow - lastPumpSlope * dx;
        out.lineReliefMlPerS = lastRelief + lastReliefSlope * dx;
        out.inflowMlPerS = lastPathFlow + lastPathSlope * dx;
        out.inflowSlope = -lastPathSlope;
        groupSideFlowsAt(groupBar, waterMl, exhaustOpen, headspaceVents, out);
    }

    /** The group side of {@link #flowsAt}: what the exhaust, the drain and the basket pass at this pressure. */
    private void groupSideFlowsAt(double groupBar, double waterMl, boolean exhaustOpen, boolean headspaceVents,
                                  Flows out) {
        out.exhaustWaterMlPerS = 0.0;
        out.exhaustWaterSlope = 0.0;
        out.exhaustAirAtmMlPerS = 0.0;
        out.exhaustAirSlope = 0.0;
        if (exhaustOpen) {
            if (headspaceVents) {
                out.exhaustMode = Flows.EXHAUST_AIR;
                out.exhaustAirAtmMlPerS = exhaustAirFlowAtmMlPerS(groupBar);
                out.exhaustAirSlope = exhaustAirFlowSlope(groupBar);
            } else {
                out.exhaustMode = Flows.EXHAUST_WATER;
                if (groupBar > 0) { // exhaustWaterFlowMlPerS and its slope, their roots taken once
                    double root = Fluids.smoothingRoot(groupBar);
                    out.exhaustWaterMlPerS = Fluids.smoothSqrtFlow(exhaustK, groupBar, root);
                    out.exhaustWaterSlope = Fluids.smoothSqrtFlowSlope(exhaustK, groupBar, root);
                }
            }
        } else if (seatLeakK > 0) {
            // a fouled seat lets water past the shut exhaust: the drip symptom
            out.exhaustMode = Flows.EXHAUST_SEAT_LEAK;
            if (groupBar > 0) { // seatLeakFlowMlPerS and its slope
                double root = Fluids.smoothingRoot(groupBar);
                out.exhaustWaterMlPerS = Fluids.smoothSqrtFlow(seatLeakK, groupBar, root);
                out.exhaustWaterSlope = Fluids.smoothSqrtFlowSlope(seatLeakK, groupBar, root);
            }
        } else {
            out.exhaustMode = Flows.EXHAUST_SHUT;
        }
        out.drainMlPerS = exhaustOpen && groupBar < DRAIN_HEAD_BAR
                ? drainFlowMlPerS(waterMl) * (1.0 - Math.max(groupBar, 0.0) / DRAIN_HEAD_BAR) : 0.0;
        if (groupBar > 0 && cupK > 0) { // cupFlowMlPerS and its slope
            double root = Fluids.smoothingRoot(groupBar);
            out.cupFlowMlPerS = Fluids.smoothSqrtFlow(cupK, groupBar, root);
            out.cupFlowSlope = Fluids.smoothSqrtFlowSlope(cupK, groupBar, root);
        } else {
            out.cupFlowMlPerS = 0.0;
            out.cupFlowSlope = 0.0;
        }
    }

    /**
     * Below this group pressure a released group drains by gravity, fully at 0 bar and fading
     * linearly to nothing at it, bar. Estimate: the hydrostatic head of the few centimetres of water
     * between the group and the exhaust's outlet (5 cm of water is 0.005 bar); above it the group's
     * own pressure drives the water out through the orifice instead.
     */
    static final double DRAIN_HEAD_BAR = 0.005;

    /**
     * Gravity drain of a released group at atmospheric pressure: the water above what the chamber
     * retains runs out through the exhaust, first order in the drain time constant, ml/s; the same
     * volume of air comes back in through the exhaust, so the pressure does not fall below zero.
     */
    double drainFlowMlPerS(double waterMl) {
        double excess = waterMl - retainedWaterMl;
        return excess > 0.0 ? excess * inverseDrainSeconds : 0.0;
    }

    /**
     * What leaves the line back to the tank at this pressure, ml/s: the OPV above its cracking
     * pressure and, while the line is sealed ({@code inletOpen} false), the trapped water's leak.
     */
    double lineReliefMlPerS(double lineBar, boolean inletOpen) {
        double opv = p.overPressureValve() == null ? 0.0 : p.overPressureValve().flowMlPerS(lineBar);
        return inletOpen ? opv : opv + lineLeakMlPerSBar * Math.max(lineBar, 0.0);
    }

    /**
     * An idle period with the pump stopped and nothing brewing, solved exactly: the chamber's water
     * settles toward the metal's temperature (growing or shrinking with it), a sealed line bleeds
     * through its leak (C_L·dp/dt = −k·p: an exponential; a line idles below its OPV's cracking
     * pressure, which the last step's relief already bled it to), and a released group drains to
     * its retained water with air coming back in (§ the drain law, first order), the water to the
     * drip tray.
     */
    void idle(double[] s, double seconds, boolean inletOpen, boolean exhaustOpen) {
        // the standing water relaxes toward the (held) metal: T_w − T_g e-folds in ρc·W/G_w
        double held = Math.max(s[StateLayout.GROUP_WATER_ML], chamberFloorMl);
        double metal = s[StateLayout.GROUP_METAL_C];
        StateLayout.setChamberWaterC(s, metal + (s[StateLayout.CHAMBER_WATER_C] - metal)
                * Math.exp(-seconds * chamberCouplingMlPerS / held));
        if (!inletOpen && lineLeakMlPerSBar > 0.0) {
            s[StateLayout.LINE_WATER_ML] *= Math.exp(-seconds * lineLeakMlPerSBar / lineComplianceMlPerBar);
        }
        double water = s[StateLayout.GROUP_WATER_ML];
        if (exhaustOpen && water > retainedWaterMl) {
            if (pressureOf(s) < DRAIN_HEAD_BAR) {
                double drained = (water - retainedWaterMl) * -Math.expm1(-seconds * inverseDrainSeconds);
                s[StateLayout.GROUP_WATER_ML] = water - drained;
                s[StateLayout.HEADSPACE_AIR_ATM_ML] += drained / StateLayout.airTemperatureFactor(s[StateLayout.CHAMBER_WATER_C]);
                s[StateLayout.TO_DRIP_TRAY_ML] += drained;
            }
        }
    }

    /** What the pump delivers into the line at this pressure, stroking for this fraction of the time, ml/s. */
    private double pumpFlowMlPerS(double lineBar, double pumpFraction) {
        return pumpFraction > 0.0 ? pumpFraction * inlet.gridPumpFlowMlPerS(lineBar) : 0.0;
    }

    /**
     * Net flow into the line at this line pressure, ml/s: C_L·dp_L/dt = Q_pump − Q_OPV − Q_path
     * connected ({@code inletOpen}), the path to the group carrying Q_path = k·sqrt(p_L − p_g)
     * (negative, back from the group, while the group is above the line); sealed, Q_pump − Q_OPV −
     * Q_leak. Decreasing in {@code lineBar}; its slope, negated, is left for {@link #lineNetSlope()}.
     */
    double lineNetMlPerS(double lineBar, double groupBar, double pumpFraction, boolean inletOpen) {
        double pump = pumpFlowMlPerS(lineBar, pumpFraction);
        double relief = lineReliefMlPerS(lineBar, inletOpen);
        double net = pump - relief;
        double pumpSlope = pumpFraction > 0.0 ? -pumpFraction * inlet.gridPumpFlowSlope(lineBar) : 0.0;
        double slope = pumpSlope;
        double reliefSlope = 0.0;
        if (p.overPressureValve() != null && lineBar > p.overPressureValve().crackingPressureBar()) {
            reliefSlope = p.overPressureValve().gainMlPerSBar();
            slope += reliefSlope;
        }
        if (inletOpen) {
            double drop = lineBar - groupBar;
            double root = Fluids.smoothingRoot(drop);
            double path = Fluids.smoothSqrtFlow(pathCoefficient, drop, root);
            double pathSlope = Fluids.smoothSqrtFlowSlope(pathCoefficient, drop, root);
            net -= path;
            slope += pathSlope;
            lastPathFlow = path;
            lastPathSlope = pathSlope;
        } else {
            slope += lineLeakMlPerSBar;
        }
        lastLineConnected = inletOpen;
        lastLineBar = lineBar;
        lastLineGroupBar = groupBar;
        lastPumpFlow = pump;
        lastPumpSlope = pumpSlope;
        lastRelief = relief;
        lastReliefSlope = reliefSlope;
        lineNetSlope = slope;
        return net;
    }

    /**
     * −d({@link #lineNetMlPerS})/d(line pressure) at the last call's pressure, ml/s/bar, never
     * negative: the pump curve's fall and the relief's and the path's (or the leak's) conductance.
     */
    double lineNetSlope() {
        return lineNetSlope;
    }

    /** The line's compliance, ml/bar. */
    double lineComplianceMlPerBar() {
        return lineComplianceMlPerBar;
    }

    /** The line's leak, ml/s per bar. */
    double lineLeakMlPerSBar() {
        return lineLeakMlPerSBar;
    }

    /** Whether the machine has an OPV on its line. */
    boolean lineHasRelief() {
        return p.overPressureValve() != null;
    }

    /** The OPV's cracking pressure (infinite without one), bar. */
    double lineCrackingBar() {
        return p.overPressureValve() == null ? Double.POSITIVE_INFINITY : p.overPressureValve().crackingPressureBar();
    }

    /** The rate of change of the chamber's water for these flows, ml/s. */
    static double waterRate(Flows f) {
        return f.inflowMlPerS - f.exhaustWaterMlPerS - f.cupFlowMlPerS - f.drainMlPerS;
    }

    /**
     * The rates of the ledger's tank and drip-tray accumulators for these flows, into {@code yDot}:
     * what the pump draws from the tank, what the line's relief returns to it, and what the exhaust
     * and the drain pass to the drip tray, ml/s.
     */
    static void ledgerRates(Flows f, double[] yDot) {
        yDot[StateLayout.FROM_TANK_ML] = f.pumpFlowMlPerS;
        yDot[StateLayout.RETURNED_TO_TANK_ML] = f.lineReliefMlPerS;
        yDot[StateLayout.TO_DRIP_TRAY_ML] = f.exhaustWaterMlPerS + f.drainMlPerS;
    }

    /** The cold water that comes into the boiler: what the pump draws less what goes back to the tank, ml/s. */
    static double coldInflowMlPerS(Flows f) {
        return f.pumpFlowMlPerS - f.lineReliefMlPerS;
    }

    /**
     * The rate of every state variable ({@link StateLayout}) at state y with flows f (evaluated at
     * the state's pressure by the reference; at the end-of-step pressure by the fixed stepper):
     * water and headspace air from the flows, heat from the heater duty and the inflow, the probes'
     * first-order lag, and the ledger's accumulators from the same flows that move the water.
     */
    void rates(double[] y, Flows f, double heaterDuty, double[] yDot) {
        double water = waterRate(f);
        double theta = StateLayout.airTemperatureFactor(y[StateLayout.CHAMBER_WATER_C]);
        // the line: C_L·dp_L/dt = Q_pump − Q_OPV − Q_path connected, Q_pump − Q_OPV − Q_leak sealed
        double lineRate = f.pumpFlowMlPerS - f.lineReliefMlPerS - f.inflowMlPerS;
        ledgerRates(f, yDot);
        double coldInflow = coldInflowMlPerS(f);
        double boiler = y[StateLayout.BOILER_C];
        double group = y[StateLayout.GROUP_METAL_C];
        double element = y[StateLayout.ELEMENT_C];
        double chamber = y[StateLayout.CHAMBER_WATER_C];
        double chamberWater = y[StateLayout.GROUP_WATER_ML];
        // what reaches the chamber: the path's flow from the line
        double chamberRate = chamberWaterTemperatureRate(boiler, group, chamber, chamberWater, f.inflowMlPerS);
        // the chamber's water grows as it warms: β·W·dT/dt, counted in the expansion ledger
        double grows = Fluids.waterExpansionPerK(chamber) * Math.max(chamberWater, 0.0) * chamberRate;
        yDot[StateLayout.LINE_WATER_ML] = lineRate;
        yDot[StateLayout.GROUP_WATER_ML] = water + grows;
        yDot[StateLayout.THERMAL_EXPANSION_ML] = grows;
        yDot[StateLayout.CHAMBER_WATER_C] = chamberRate;
        // the air drawn back in by the drain comes in at 1 atm and the chamber's temperature
        yDot[StateLayout.HEADSPACE_AIR_ATM_ML] = f.drainMlPerS / theta - f.exhaustAirAtmMlPerS;
        yDot[StateLayout.BASKET_AIR_ATM_ML] = 0.0;
        double boilerRate = boilerTemperatureRate(boiler, element, group, coldInflow);
        double groupRate = groupTemperatureRate(boiler, group, chamber);
        yDot[StateLayout.BOILER_C] = boilerRate;
        yDot[StateLayout.GROUP_METAL_C] = groupRate;
        yDot[StateLayout.ELEMENT_C] = elementTemperatureRate(element, boiler, heaterDuty);
        if (sensorLagSeconds > 0) {
            yDot[StateLayout.BOILER_SENSOR_C] = (boiler - y[StateLayout.BOILER_SENSOR_C]) / sensorLagSeconds;
            yDot[StateLayout.GROUP_SENSOR_C] = (group - y[StateLayout.GROUP_SENSOR_C]) / sensorLagSeconds;
        } else {
            yDot[StateLayout.BOILER_SENSOR_C] = boilerRate;
            yDot[StateLayout.GROUP_SENSOR_C] = groupRate;
        }
        // what goes through the basket: a dry puck absorbs all of it until it holds its capacity
        boolean absorbing = puck != null && y[StateLayout.PUCK_WATER_ML] < puck.absorptionMl();
        yDot[StateLayout.PUCK_WATER_ML] = absorbing ? f.cupFlowMlPerS : 0.0;
        yDot[StateLayout.TO_CUP_ML] = absorbing ? 0.0 : f.cupFlowMlPerS;
        yDot[StateLayout.PUCK_THROUGH_ML] = yDot[StateLayout.TO_CUP_ML];
    }

    public Machine machine() {
        return machine;
    }

    /** Puts a different basket in the group (a puck for a shot, the blind basket to clean). */
    public void setBasket(BasketParameters basket) {
        if (basket instanceof BasketParameters.ErodingPuck eroding) {
            this.puck = eroding.dynamics();
            this.puckBaseResistance = eroding.resistanceBarS2PerMl2();
            this.basketResistance = Double.NaN; // set by the first setPuckState
            setPuckState(0.0, 0.0);
        } else {
            this.puck = null;
            this.basketResistance = basket.resistanceBarS2PerMl2();
            updateCupCoefficient();
        }
    }

    /** Whether the basket holds an eroding puck, whose resistance follows its state. */
    boolean hasErodingPuck() {
        return puck != null;
    }

    /**
     * The eroding puck's resistance for the water it has absorbed and passed through
     * ({@link PuckParameters#resistanceBarS2PerMl2}); nothing without one. Both steppers call it
     * before they evaluate the flows: the fixed stepper once a step, the reference at every
     * evaluation.
     */
    void setPuckState(double absorbedMl, double throughMl) {
        if (puck == null) {
            return;
        }
        double r = puck.resistanceBarS2PerMl2(puckBaseResistance, absorbedMl, throughMl);
        if (r != basketResistance) {
            basketResistance = r;
            updateCupCoefficient();
        }
    }

    /** The puck's water capacity (what it absorbs before any reaches the cup), ml; 0 without one. */
    double puckAbsorptionMl() {
        return puck == null ? 0.0 : puck.absorptionMl();
    }

    /** The basket's present resistance (an eroding puck's follows its state), bar·s²/ml². */
    public double basketResistanceBarS2PerMl2() {
        return basketResistance;
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

    /**
     * d(boiler temperature)/dt, K/s: heat from the element, less the losses to the room, the heat
     * conducted to the group (the same term that heats the group, so no energy is made or lost
     * between them) and the cold tank water that comes in (to replace what flows on to the group, and
     * what stretches the line while it is sealed).
     *
     * @param inflowMlPerS cold water into the boiler: drawn by the pump less what returns to the tank, ml/s
     */
    public double boilerTemperatureRate(double boilerC, double elementC, double groupC, double inflowMlPerS) {
        double power = elementHeatW(elementC, boilerC)
                - boilerLossWPerK * (boilerC - ambientC)
                - groupCouplingWPerK * (boilerC - groupC)
                - waterHeatPerMlJPerK * Math.max(inflowMlPerS, 0.0) * (boilerC - tankWaterC);
        return power * inverseBoilerHeatCapacity;
    }

    /** Heat conducted from the element to the boiler water, W. */
    double elementHeatW(double elementC, double boilerC) {
        return elementConductanceWPerK * (elementC - boilerC);
    }

    /** d(element temperature)/dt, K/s: the heater's power in, conduction to the water out. */
    public double elementTemperatureRate(double elementC, double boilerC, double heaterDuty) {
        return (heaterPowerW * heaterDuty - elementHeatW(elementC, boilerC)) * inverseElementHeatCapacity;
    }

    /** The element's temperature with the heater at this duty and the water held at boilerC, °C. */
    double elementSteadyC(double boilerC, double heaterDuty) {
        return boilerC + heaterPowerW * heaterDuty / elementConductanceWPerK;
    }

    /** Heater power at this duty, W. */
    double heaterPowerW(double heaterDuty) {
        return heaterPowerW * heaterDuty;
    }

    /** The element's lag, heat capacity / conductance to the water, s. */
    double elementLagSeconds() {
        return elementHeatCapacityJPerK / elementConductanceWPerK;
    }

    /** The element's heat capacity, J/K. */
    double elementHeatCapacityJPerK() {
        return elementHeatCapacityJPerK;
    }

    /** The boiler water's heat capacity, J/K. */
    double boilerHeatCapacityJPerK() {
        return boilerHeatCapacityJPerK;
    }

    /** 1 / {@link #boilerHeatCapacityJPerK()}, K/J. */
    double inverseBoilerHeatCapacity() {
        return inverseBoilerHeatCapacity;
    }

    /** 1 / {@link #groupHeatCapacityJPerK()}, K/J. */
    double inverseGroupHeatCapacity() {
        return inverseGroupHeatCapacity;
    }

    /**
     * d(group metal temperature)/dt, K/s: conduction from the boiler, the loss to the room, and the
     * heat it exchanges with the chamber's water (the same term that heats the water, so none is made
     * or lost between them).
     */
    public double groupTemperatureRate(double boilerC, double groupC, double chamberC) {
        double power = groupCouplingWPerK * (boilerC - groupC)
                - groupLossWPerK * (groupC - ambientC)
                - chamberCouplingWPerK * (groupC - chamberC);
        return power * inverseGroupHeatCapacity;
    }

    /**
     * d(chamber water temperature)/dt, K/s: the inflow mixes in at the boiler's temperature (what
     * leaves, to the cup or the exhaust, leaves at the chamber's, which does not change it) and the
     * metal exchanges heat with it:
     * ρc·W·dT_w/dt = ρc·Q⁺·(T_b − T_w) + G_w·(T_g − T_w), with W no less than the water the chamber
     * retains (the wet screen and basket: a dry chamber's "water" temperature is its film's, which
     * follows the metal).
     *
     * @param inflowMlPerS flow into the chamber from the supply, ml/s (only inflow mixes)
     */
    public double chamberWaterTemperatureRate(double boilerC, double groupC, double chamberC, double waterMl,
                                              double inflowMlPerS) {
        double in = Math.max(inflowMlPerS, 0.0);
        return (in * (boilerC - chamberC) + chamberCouplingMlPerS * (groupC - chamberC))
                / Math.max(waterMl, chamberThermalFloorMl());
    }

    /**
     * The chamber water's temperature after dt with the flows held, by backward Euler on the mixing
     * law of {@link #chamberWaterTemperatureRate} (stable at any dt, and a weighted mean of the three
     * temperatures, so never beyond them), °C.
     */
    double chamberWaterEndC(double boilerC, double groupC, double chamberC, double waterMl, double inflowMlPerS,
                            double dt) {
        double in = Math.max(inflowMlPerS, 0.0);
        double w = Math.max(waterMl, chamberThermalFloorMl());
        return (w * chamberC + dt * (in * boilerC + chamberCouplingMlPerS * groupC))
                / (w + dt * (in + chamberCouplingMlPerS));
    }

    /** The least water the chamber's heat balance counts (its retained film, at least 0.1 ml), ml. */
    private double chamberThermalFloorMl() {
        return chamberFloorMl;
    }

    /** The metal-to-chamber-water conductance, W/K. */
    double chamberCouplingWPerK() {
        return chamberCouplingWPerK;
    }

    /** The group metal's heat capacity, J/K. */
    double groupHeatCapacityJPerK() {
        return groupHeatCapacityJPerK;
    }

    /** First-order sensor lag time constant, s. */
    public double sensorLagSeconds() {
        return sensorLagSeconds;
    }
}
