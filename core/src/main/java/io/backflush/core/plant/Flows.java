package io.backflush.core.plant;

/**
 * The flows of the brew circuit at one group pressure, as {@link BrewCircuit#flowsAt} evaluates
 * them, with the slopes the fixed stepper's Newton iteration needs; the plant also keeps the flows
 * its last step reports in one. Mutable and reused, so that a step allocates nothing.
 */
final class Flows {
    /** What the exhaust passes: nothing (valve energised, tight seat), air, water, or a seat leak. */
    static final int EXHAUST_SHUT = 0;
    static final int EXHAUST_AIR = 1;
    static final int EXHAUST_WATER = 2;
    static final int EXHAUST_SEAT_LEAK = 3;

    /** Group gauge pressure these flows belong to, bar. */
    double groupBar;
    /** Net flow into the group from the supply (negative: back through the OPV), ml/s. */
    double inflowMlPerS;
    /** ∂(inflow)/∂(group pressure) at the line's pressure held, ml/s/bar. */
    double inflowSlope;
    /** Drawn from the tank by the pump, ml/s. */
    double pumpFlowMlPerS;
    /** Pump outlet gauge pressure, bar: the line's pressure (trapped while the inlet is shut). */
    double pumpOutletBar;
    /** Whether the valve connects the line to the group. */
    boolean inletOpen;
    /** Out of the line back to the tank (OPV above cracking, leak), ml/s. */
    double lineReliefMlPerS;
    /** The line's storage gain over a step (a stepper's result, not a law), ml/s. */
    double lineGainMlPerS;
    /** One of the EXHAUST_ constants. */
    int exhaustMode;
    /** Water out through the exhaust (or past a leaking seat), ml/s. */
    double exhaustWaterMlPerS;
    double exhaustWaterSlope;
    /** Air out through the exhaust, ml at 1 atm per second. */
    double exhaustAirAtmMlPerS;
    double exhaustAirSlope;
    /**
     * Water draining by gravity through the open exhaust from a group at atmospheric pressure, and
     * the air drawn back in through it to take its place (ml/s and atm-ml/s alike).
     */
    double drainMlPerS;
    /** Through the basket to the cup, ml/s. */
    double cupFlowMlPerS;
    double cupFlowSlope;

    void copyFrom(Flows o) {
        groupBar = o.groupBar;
        inflowMlPerS = o.inflowMlPerS;
        inflowSlope = o.inflowSlope;
        pumpFlowMlPerS = o.pumpFlowMlPerS;
        pumpOutletBar = o.pumpOutletBar;
        inletOpen = o.inletOpen;
        lineReliefMlPerS = o.lineReliefMlPerS;
        lineGainMlPerS = o.lineGainMlPerS;
        exhaustMode = o.exhaustMode;
        exhaustWaterMlPerS = o.exhaustWaterMlPerS;
        exhaustWaterSlope = o.exhaustWaterSlope;
        exhaustAirAtmMlPerS = o.exhaustAirAtmMlPerS;
        exhaustAirSlope = o.exhaustAirSlope;
        drainMlPerS = o.drainMlPerS;
        cupFlowMlPerS = o.cupFlowMlPerS;
        cupFlowSlope = o.cupFlowSlope;
    }
}
