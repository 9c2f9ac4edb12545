package io.backflush.core.plant;

import io.backflush.core.cleaning.Cleaning;
import org.apache.commons.math3.ode.FirstOrderDifferentialEquations;
import org.apache.commons.math3.ode.events.EventHandler;
import org.apache.commons.math3.ode.nonstiff.DormandPrince853Integrator;
import org.apache.commons.math3.ode.sampling.StepHandler;
import org.apache.commons.math3.ode.sampling.StepInterpolator;

/**
 * The reference stepper: advances a {@link Plant} over a step by integrating the same
 * {@link BrewCircuit} equations (flows from {@link BrewCircuit#flowsAt} with the exact supply
 * solution, derivatives from {@link BrewCircuit#rates}) with Commons Math's adaptive
 * Dormand–Prince 8(5,3) method at tight tolerances, and by placing every switch exactly:
 * <ul>
 *   <li>the discrete parts ({@link ThreeWayValve}, {@link PumpDrive}) say when they next switch; the
 *       step is integrated segment by segment between those times (a fresh {@code integrate} call
 *       each, the parts advanced in between), so no integrator step straddles a jump, and
 *       simultaneous switches are applied in the plant's order (commands, valve, pump). These are not
 *       event handlers: their times are known, a root search would only add error;</li>
 *   <li>the headspace running out happens at a state-dependent time: an {@link EventHandler} with
 *       g = headspace air, which on the event clamps the air to 0 and switches the exhaust to water;</li>
 *   <li>residue and detergent follow each segment's flows (operator splitting, as in the fixed
 *       stepper's steps, with the segment's exact volumes), and while they can change segments are
 *       at most {@link #MAX_SEGMENT_SECONDS} long, so that residue effects (a narrower exhaust, a
 *       leaking seat) are re-applied as the residue changes.</li>
 * </ul>
 * The step's observables are the pressures at its end and its flows averaged over it (volumes
 * moved divided by dt, exact). A dense observer, if set, sees the state at every segment start and
 * every {@link #SAMPLE_SECONDS} inside integrator steps, with crossings refined on the interpolant.
 */
final class ReferenceStepper implements FirstOrderDifferentialEquations, EventHandler, StepHandler {
    /** Default relative tolerance. */
    static final double DEFAULT_RELATIVE_TOLERANCE = 1.0e-10;
    /** Default absolute tolerance (ml, atm-ml, °C). */
    static final double DEFAULT_ABSOLUTE_TOLERANCE = 1.0e-10;
    /** Longest segment between residue updates, s. */
    static final double MAX_SEGMENT_SECONDS = 0.02;
    /** Dense-output sampling interval for the dense observer, s. */
    static final double SAMPLE_SECONDS = 0.5e-3;
    private static final double MIN_STEP_SECONDS = 1.0e-14;
    /** A segment shorter than this moves nothing measurable and is not integrated, s. */
    private static final double MIN_SEGMENT_SECONDS = 1.0e-11;

    /** Sees the reference's trajectory densely (the reference integrator's cycle metrics). */
    interface DenseObserver {
        /**
         * The state at {@code tSeconds} with its flows; {@code continuous} false at a segment start
         * (quantities may just have jumped). During the call {@link #crossings()} places a crossing
         * between the last sample and this one on the interpolant.
         */
        void sample(double tSeconds, double[] y, Flows flows, boolean continuous);
    }

    private final BrewCircuit circuit;
    private final double[] state;
    private final ThreeWayValve valve;
    private final PumpDrive pump;
    private final Actuators commands;
    private final Cleaning cleaning;
    private final Flows observed;
    private final Runnable refreshFouling;
    private final DormandPrince853Integrator integrator;
    private final Flows flows = new Flows();
    private final double[] start = new double[StateLayout.SIZE];
    private final double[] segmentStart = new double[StateLayout.SIZE];
    private final double[] sampleState = new double[StateLayout.SIZE];

    // the segment's discrete settings
    private double pumpFraction;
    private boolean inletOpen;
    private boolean exhaustOpen;
    private double heaterDuty;
    private boolean headspaceVenting;
    private double strokingFraction;

    private DenseObserver observer;
    private StepInterpolator current;
    /**
     * Plant time at the start of the step: the integrator runs in time since then, so that a plant
     * days into its life keeps the integrator's full time resolution (the equations do not depend
     * on time).
     */
    private double base;
    private final CycleMetrics.Crossings refine = this::refine;

    ReferenceStepper(BrewCircuit circuit, double[] state, ThreeWayValve valve, PumpDrive pump, Actuators commands,
                     Cleaning cleaning, Flows observed, Runnable refreshFouling, double relativeTolerance,
                     double absoluteTolerance) {
        this.circuit = circuit;
        this.state = state;
        this.valve = valve;
        this.pump = pump;
        this.commands = commands;
        this.cleaning = cleaning;
        this.observed = observed;
        this.refreshFouling = refreshFouling;
        this.integrator = new DormandPrince853Integrator(MIN_STEP_SECONDS, Double.POSITIVE_INFINITY,
                absoluteTolerance, relativeTolerance);
        integrator.addEventHandler(this, 0.01, 1.0e-13, 1000);
        integrator.addStepHandler(this);
    }

    void observeDensely(DenseObserver denseObserver) {
        this.observer = denseObserver;
    }

    /** Crossings refined on the current integrator step's interpolant (valid inside a dense sample). */
    CycleMetrics.Crossings crossings() {
        return refine;
    }

    /** Fraction of the last step during which the pump stroked. */
    double strokingFraction() {
        return strokingFraction;
    }

    /**
     * Advances the plant's state from {@code t0} by dt with the commands in force.
     *
     * @param pumpDelivery fraction of the pump's strokes that deliver (a weak-pump fault), 0..1
     */
    void step(double t0, double dt, double pumpDelivery) {
        double end = t0 + dt;
        base = t0;
        double duty = commands.pumpDuty();
        boolean coil = commands.solenoidEnergised();
        heaterDuty = commands.heaterDuty();
        System.arraycopy(state, 0, start, 0, StateLayout.SIZE);
        double stroked = 0.0;
        double tau = t0;
        valve.command(tau, coil);
        while (true) {
            refreshFouling.run();
            pump.reach(tau, duty);
            double next = end;
            double valveSwitch = valve.nextSwitchSeconds();
            if (!Double.isNaN(valveSwitch) && valveSwitch < next) {
                next = valveSwitch;
            }
            next = pump.nextChangeSeconds(next, duty);
            if (next - tau > MAX_SEGMENT_SECONDS && !cleaning.quiescent()) {
                next = tau + MAX_SEGMENT_SECONDS;
            }
            pumpFraction = pump.stroking() ? pumpDelivery : 0.0;
            inletOpen = valve.inletOpen();
            exhaustOpen = valve.exhaustOpen();
            headspaceVenting = state[StateLayout.HEADSPACE_AIR_ATM_ML] > 0.0;
            if (observer != null) {
                evaluate(state);
                observer.sample(tau, state, flows, false);
            }
            System.arraycopy(state, 0, segmentStart, 0, StateLayout.SIZE);
            if (next - tau > MIN_SEGMENT_SECONDS) {
                integrator.integrate(this, tau - base, state, next - base, state);
                double h = next - tau;
                if (pump.stroking()) {
                    stroked += h;
                }
                cleaning.step(h, (state[StateLayout.TO_DRIP_TRAY_ML] - segmentStart[StateLayout.TO_DRIP_TRAY_ML]) / h,
                        (state[StateLayout.TO_CUP_ML] - segmentStart[StateLayout.TO_CUP_ML]) / h,
                        state[StateLayout.GROUP_WATER_ML], state[StateLayout.GROUP_METAL_C]);
            }
            tau = next;
            if (tau >= end - ThreeWayValve.EPS_SECONDS) {
                break;
            }
            valve.command(tau, coil);
        }
        pump.settleBefore(end, duty);
        strokingFraction = Math.min(1.0, stroked / dt);
        observe(dt);
    }

    /** The step's observables: pressures at its end, flows averaged over it. */
    private void observe(double dt) {
        evaluate(state);
        observed.copyFrom(flows);
        double pumped = (state[StateLayout.FROM_TANK_ML] - start[StateLayout.FROM_TANK_ML]) / dt;
        double returned = (state[StateLayout.RETURNED_TO_TANK_ML] - start[StateLayout.RETURNED_TO_TANK_ML]) / dt;
        double lineGain = (state[StateLayout.LINE_WATER_ML] - start[StateLayout.LINE_WATER_ML]) / dt;
        observed.pumpFlowMlPerS = pumped;
        observed.inflowMlPerS = pumped - returned - lineGain;
        observed.lineGainMlPerS = lineGain;
        observed.exhaustWaterMlPerS = (state[StateLayout.TO_DRIP_TRAY_ML] - start[StateLayout.TO_DRIP_TRAY_ML]) / dt;
        observed.exhaustAirAtmMlPerS = (start[StateLayout.HEADSPACE_AIR_ATM_ML] - state[StateLayout.HEADSPACE_AIR_ATM_ML]) / dt;
        observed.cupFlowMlPerS = (state[StateLayout.TO_CUP_ML] - start[StateLayout.TO_CUP_ML]) / dt;
        observed.drainMlPerS = 0.0; // the averages above are net of the drain
    }

    /** Flows at state y with the segment's settings, into {@link #flows}. */
    private void evaluate(double[] y) {
        circuit.setPuckState(y[StateLayout.PUCK_WATER_ML], y[StateLayout.PUCK_THROUGH_ML]);
        double p = circuit.pressureOf(y);
        circuit.flowsAt(p, y[StateLayout.GROUP_WATER_ML], y[StateLayout.LINE_WATER_ML] / circuit.lineComplianceMlPerBar(),
                pumpFraction, inletOpen, exhaustOpen, headspaceVenting, flows);
    }

    // ---- equations ----

    @Override
    public int getDimension() {
        return StateLayout.SIZE;
    }

    @Override
    public void computeDerivatives(double t, double[] y, double[] yDot) {
        evaluate(y);
        circuit.rates(y, flows, heaterDuty, yDot);
    }

    // ---- headspace-empties event ----

    @Override
    public void init(double t0, double[] y0, double t) {
        // discrete state is set by the step loop before each segment
    }

    @Override
    public double g(double t, double[] y) {
        // After the event the switching function stays negative, the sign commons-math assigns
        // "just after" a decreasing crossing.
        return headspaceVenting ? y[StateLayout.HEADSPACE_AIR_ATM_ML] : -1.0;
    }

    @Override
    public Action eventOccurred(double t, double[] y, boolean increasing) {
        // The mode changes in resetState: commons-math calls this before the step handlers see the
        // part of the step up to the event, which must still be read as venting air.
        return headspaceVenting && !increasing ? Action.RESET_STATE : Action.CONTINUE;
    }

    @Override
    public void resetState(double t, double[] y) {
        y[StateLayout.HEADSPACE_AIR_ATM_ML] = 0.0;
        headspaceVenting = false;
    }

    // ---- dense output ----

    @Override
    public void handleStep(StepInterpolator interpolator, boolean isLast) {
        if (observer == null) {
            return;
        }
        current = interpolator;
        double t0 = base + interpolator.getPreviousTime();
        double t1 = base + interpolator.getCurrentTime();
        double ts = (Math.floor(t0 / SAMPLE_SECONDS) + 1.0) * SAMPLE_SECONDS;
        while (ts < t1 - ThreeWayValve.EPS_SECONDS) {
            sampleAt(ts);
            ts += SAMPLE_SECONDS;
        }
        sampleAt(t1);
        current = null;
    }

    /** A dense sample at plant time t. */
    private void sampleAt(double t) {
        current.setInterpolatedTime(t - base);
        System.arraycopy(current.getInterpolatedState(), 0, sampleState, 0, StateLayout.SIZE);
        evaluate(sampleState);
        observer.sample(t, sampleState, flows, true);
    }

    /** Bisection on the interpolant for the time in (t0, t1] where the signal falls below the threshold. */
    private double refine(CycleMetrics.Signal signal, double threshold, double t0, double t1) {
        double lo = Math.max(t0 - base, current.getPreviousTime());
        double hi = t1 - base;
        for (int i = 0; i < 60 && hi - lo > 1.0e-13; i++) {
            double mid = 0.5 * (lo + hi);
            current.setInterpolatedTime(mid);
            evaluate(current.getInterpolatedState());
            double value = signal == CycleMetrics.Signal.GROUP_INFLOW ? flows.inflowMlPerS : flows.groupBar;
            if (value >= threshold) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        // leave the holder as the sample being observed
        current.setInterpolatedTime(t1 - base);
        evaluate(current.getInterpolatedState());
        return base + 0.5 * (lo + hi);
    }
}
