package io.backflush.core.plant;

import io.backflush.core.hydraulics.BasketParameters;
import io.backflush.core.hydraulics.Fluids;
import io.backflush.core.hydraulics.InletCharacteristic;
import io.backflush.core.hydraulics.PumpModel;
import io.backflush.core.machine.Machine;
import io.backflush.core.param.InvalidParameterException;
import io.backflush.core.param.Require;
import org.apache.commons.math3.ode.FirstOrderDifferentialEquations;
import org.apache.commons.math3.ode.events.EventHandler;
import org.apache.commons.math3.ode.nonstiff.DormandPrince853Integrator;
import org.apache.commons.math3.ode.sampling.StepHandler;
import org.apache.commons.math3.ode.sampling.StepInterpolator;

import java.util.ArrayList;
import java.util.List;

/**
 * The reference solution against which the fixed stepper is validated: the same equations
 * ({@link BrewCircuit}) integrated by Commons Math's adaptive Dormand–Prince 8(5,3) method to tight
 * tolerances, with every discontinuity located exactly instead of being smeared over a step.
 *
 * <h2>Model</h2>
 * The continuous state is the {@link StateLayout} vector. Group pressure is algebraic,
 * {@code circuit.pressureBar(water, headspace + basket air)}; the inflow and pump flow come from
 * the <em>exact</em> supply solution ({@link InletCharacteristic#solveNode}, bisection), not the
 * table the fixed stepper interpolates. Sensors are the ODE dTs/dt = (T − Ts)/τ (the fixed stepper
 * uses its exact exponential update). The ledger accumulators integrate the same flows that move
 * the water, so the balance closes to round-off.
 *
 * <h2>Discontinuities</h2>
 * <ul>
 *   <li><b>Commands</b> at the schedule's times; the three-way valve switches
 *       {@code responseSeconds} after a solenoid command (machines without one: inlet always open,
 *       no exhaust).</li>
 *   <li><b>Pump strokes</b> at mains-cycle boundaries k/mainsHz, decided by the same pulse-skipping
 *       accumulator as {@code Plant.updatePump} (duty 1 always strokes, duty 0 never); a rotary
 *       pump runs iff duty ≥ 0.5, switching at the command time.</li>
 *   <li><b>Exhaust air → water</b>: the open exhaust passes air while headspace air remains, water
 *       after. This one happens at a state-dependent time, so it is an {@link EventHandler} with
 *       g = headspace air; on the event it returns {@code RESET_STATE}, clamps the air to exactly 0
 *       and switches the exhaust to water.</li>
 * </ul>
 * The time-known switches are <em>not</em> event handlers: the run is integrated segment by
 * segment between consecutive switch times (a fresh {@code integrate} call per segment, the
 * discrete state updated in between). This is a choice, not a workaround for a defect observed in
 * commons-math3: (1) the switch times are known exactly, so locating them with a root search on
 * g = t − t_s only adds error (the convergence threshold) and evaluations; (2) several switches
 * can fall on the same instant (a command on a mains boundary, a valve switch on the next one),
 * and they must be applied in the plant's order (commands, then valve, then pump), which the run
 * loop does explicitly instead of relying on the order in which simultaneous events are reported;
 * (3) pulse skipping at intermediate duties switches every mains cycle, which as events would need
 * re-arming after each; (4) each segment's right-hand side is then one fixed function, so no step
 * straddles a jump. Restarting costs a few extra evaluations per segment for the initial
 * step-size estimate, negligible for segments of tens of milliseconds or more.
 *
 * <h2>Metrics</h2>
 * Measured from the dense output (a {@link StepHandler} samples the step interpolator every
 * {@link #SAMPLE_SECONDS} and at every step end, and refines threshold crossings by bisection on
 * the interpolant). Definitions, shared with the {@code sim} module's detector:
 * <ul>
 *   <li>a cycle starts when the commanded pump duty rises from 0 ({@code pumpOnAtSeconds});</li>
 *   <li>quiet: the time from pump-on until the net flow into the group falls below
 *       {@link #QUIET_FRACTION} of the pump's free flow and stays below until the pump is
 *       commanded off; NaN if the flow is still above then (0 if it never rose above);</li>
 *   <li>plateau: group pressure when the solenoid is commanded off ({@code releaseAtSeconds});</li>
 *   <li>whoosh, only if the plateau is above {@link #WHOOSH_MIN_BAR}: volume to the drip tray from
 *       release to the next pump-on (or the end); decay = time from release until the group
 *       pressure first falls below {@link #WHOOSH_END_BAR}; peak = largest exhaust water flow in
 *       that window.</li>
 * </ul>
 *
 * <p>Immutable and thread-safe: every {@link #run} builds its own integrator.
 */
public final class ReferenceIntegrator {
    /** Default relative tolerance. */
    public static final double DEFAULT_RELATIVE_TOLERANCE = 1.0e-10;
    /** Default absolute tolerance (ml, atm-ml, °C). */
    public static final double DEFAULT_ABSOLUTE_TOLERANCE = 1.0e-10;
    /** Quiet threshold as a fraction of the pump's free flow. */
    public static final double QUIET_FRACTION = 0.05;
    /** A release at or below this pressure has no whoosh, bar. */
    public static final double WHOOSH_MIN_BAR = 1.0;
    /** The whoosh ends (decay time) when the group pressure falls below this, bar. */
    public static final double WHOOSH_END_BAR = 0.5;
    /** Dense-output sampling interval for the peak flow, s. */
    public static final double SAMPLE_SECONDS = 0.5e-3;
    /** Discrete switches closer than this are applied together, s. */
    private static final double TIME_EPS = 1.0e-9;
    private static final double MIN_STEP_SECONDS = 1.0e-14;

    private final Machine machine;
    private final BasketParameters basket;
    private final BrewCircuit circuit;
    private final double relativeTolerance;
    private final double absoluteTolerance;

    public ReferenceIntegrator(Machine machine, BasketParameters basket) {
        this(machine, basket, DEFAULT_RELATIVE_TOLERANCE, DEFAULT_ABSOLUTE_TOLERANCE);
    }

    public ReferenceIntegrator(Machine machine, BasketParameters basket, double relativeTolerance,
                               double absoluteTolerance) {
        this.machine = Require.present(machine, "machine");
        this.basket = Require.present(basket, "basket");
        this.circuit = new BrewCircuit(machine, basket);
        this.relativeTolerance = Require.positive(relativeTolerance, "relativeTolerance");
        this.absoluteTolerance = Require.positive(absoluteTolerance, "absoluteTolerance");
    }

    public Machine machine() {
        return machine;
    }

    public BasketParameters basket() {
        return basket;
    }

    /** Runs the schedule from a hot machine with a dry group ({@link InitialConditions#hotAndDry}). */
    public ReferenceResult run(ActuatorSchedule schedule, double endSeconds) {
        return run(schedule, InitialConditions.hotAndDry(), endSeconds);
    }

    /**
     * Integrates from t = 0 to {@code endSeconds} under the schedule.
     *
     * @throws InvalidParameterException if endSeconds is not positive
     */
    public ReferenceResult run(ActuatorSchedule schedule, InitialConditions initial, double endSeconds) {
        Require.present(schedule, "schedule");
        Require.present(initial, "initial");
        Require.positive(endSeconds, "endSeconds");
        return new Run(schedule, initial, endSeconds).execute();
    }

    /** The initial state exactly as {@link Plant}'s constructor builds it. */
    static double[] initialState(Machine machine, InitialConditions initial) {
        double[] s = new double[StateLayout.SIZE];
        double chamber = machine.parameters().chamber().freeVolumeMl();
        double water = Math.min(Math.max(initial.groupWaterMl(), 0.0), chamber);
        double air = chamber - water;
        double headspace = machine.parameters().chamber().headspaceAirFraction();
        s[StateLayout.GROUP_WATER_ML] = water;
        s[StateLayout.HEADSPACE_AIR_ATM_ML] = headspace * air;
        s[StateLayout.BASKET_AIR_ATM_ML] = (1.0 - headspace) * air;
        s[StateLayout.BOILER_C] = initial.boilerC();
        s[StateLayout.GROUP_METAL_C] = initial.groupMetalC();
        s[StateLayout.BOILER_SENSOR_C] = initial.boilerC();
        s[StateLayout.GROUP_SENSOR_C] = initial.groupMetalC();
        return s;
    }

    /** One integration: the discrete state, the equations, the event handler and the metrics. */
    private final class Run implements FirstOrderDifferentialEquations, EventHandler, StepHandler {
        private final List<ActuatorSchedule.Command> commands;
        private final double endSeconds;
        private final InletCharacteristic inlet = circuit.inlet();
        private final PumpModel pump = machine.pump();
        private final boolean hasValve = circuit.hasExhaust();
        private final double valveResponse = hasValve ? machine.parameters().threeWayValve().responseSeconds() : 0.0;
        private final double quietThreshold = QUIET_FRACTION * machine.pump().freeFlowMlPerS();
        private final double deadheadPumpFlow;

        // discrete state
        private int nextCommand;
        private double pumpDuty;
        private boolean solenoid;
        private double heaterDuty;
        private boolean valveCommand;
        private boolean valveEnergised;
        private double valveSwitchAt = Double.NaN;
        private boolean pumpRunning;
        private double pulseAccumulator;
        private long mainsIndex;
        private boolean headspaceVenting; // exhaust passes air (true) or water (false)

        // flows of the last evaluation
        private double pressure;
        private double inflow;
        private double pumpFlow;
        private double exhaustWater;
        private double exhaustAir;
        private double cupFlow;

        // metrics
        private final List<ReferenceCycle> cycles = new ArrayList<>();
        private boolean cycleOpen;
        private double onAt;
        private boolean quietWindow;
        private boolean everAbove;
        private boolean above;
        private double lastDownCrossing;
        private double quietAfter;
        private double plateau;
        private double releaseAt;
        private boolean whooshWindow;
        private double dripAtRelease;
        private double whooshPeak;
        private double whooshVolume;
        private double whooshDecay;
        private boolean decayOpen;
        private double lastSampleTime;
        private double lastSamplePressure;

        Run(ActuatorSchedule schedule, InitialConditions initial, double endSeconds) {
            this.commands = schedule.commands();
            this.endSeconds = endSeconds;
            this.deadheadPumpFlow = pump.flowMlPerS(inlet.deadheadPressureBar());
            this.initial = initialState(machine, initial);
        }

        private final double[] initial;

        ReferenceResult execute() {
            DormandPrince853Integrator integrator = new DormandPrince853Integrator(
                    MIN_STEP_SECONDS, Double.POSITIVE_INFINITY, absoluteTolerance, relativeTolerance);
            integrator.addEventHandler(this, 0.01, 1.0e-13, 1000);
            integrator.addStepHandler(this);
            double[] y = initial.clone();
            double t = 0.0;
            while (true) {
                applyDiscrete(t, y);
                if (t >= endSeconds - TIME_EPS) {
                    break;
                }
                double next = nextSwitch(t);
                headspaceVenting = y[StateLayout.HEADSPACE_AIR_ATM_ML] > 0.0;
                sampleJump(t, y);
                integrator.integrate(this, t, y, next, y);
                t = next;
            }
            finishCycle(t, y);
            WaterBalance water = new WaterBalance(y[StateLayout.FROM_TANK_ML], y[StateLayout.RETURNED_TO_TANK_ML],
                    y[StateLayout.TO_DRIP_TRAY_ML], y[StateLayout.TO_CUP_ML],
                    y[StateLayout.GROUP_WATER_ML] - initial[StateLayout.GROUP_WATER_ML]);
            return new ReferenceResult(cycles, y, water);
        }

        // ---- discrete state ----

        /** Applies everything due at t, in the plant's order: commands, valve, pump. */
        private void applyDiscrete(double t, double[] y) {
            // Mains boundaries inside the segment just integrated kept the stroke state (nextSwitch
            // ends a segment where it would change), but their accumulator updates are still due,
            // with the duty that was in force then: a command at t must not be applied to them.
            strokeBoundaries(t, false);
            while (nextCommand < commands.size() && commands.get(nextCommand).atSeconds() <= t + TIME_EPS) {
                ActuatorSchedule.Command c = commands.get(nextCommand++);
                double oldDuty = pumpDuty;
                boolean oldSolenoid = solenoid;
                pumpDuty = c.pumpDuty();
                solenoid = c.solenoidEnergised();
                heaterDuty = c.heaterDuty();
                if (oldDuty > 0 && pumpDuty == 0) {
                    pumpOff(t);
                }
                if (oldSolenoid && !solenoid) {
                    release(t, y);
                }
                if (oldDuty == 0 && pumpDuty > 0) {
                    pumpOn(t, y);
                }
            }
            if (hasValve) {
                if (solenoid != valveCommand) {
                    valveCommand = solenoid;
                    valveSwitchAt = t + valveResponse;
                }
                if (valveSwitchAt == valveSwitchAt && t >= valveSwitchAt - TIME_EPS) {
                    valveEnergised = valveCommand;
                    valveSwitchAt = Double.NaN;
                }
            } else {
                valveCommand = solenoid;
                valveEnergised = solenoid;
            }
            if (pump.pulseSkipping()) {
                strokeBoundaries(t, true);
            } else {
                pumpRunning = pumpDuty >= 0.5;
            }
        }

        /**
         * Decides the pump's stroke at every mains boundary before t ({@code includeT}: up to and
         * including t) with the current duty, as {@code Plant.updatePump} does step by step.
         */
        private void strokeBoundaries(double t, boolean includeT) {
            if (!pump.pulseSkipping()) {
                return;
            }
            double period = 1.0 / pump.mainsHz();
            double limit = includeT ? t + TIME_EPS : t - TIME_EPS;
            while (includeT ? mainsIndex * period <= limit : mainsIndex * period < limit) {
                pulseAccumulator += pumpDuty;
                pumpRunning = pulseAccumulator >= 0.5;
                if (pumpRunning) {
                    pulseAccumulator -= 1.0;
                }
                mainsIndex++;
            }
        }

        /** The next time after t at which the discrete state can change. */
        private double nextSwitch(double t) {
            double next = endSeconds;
            if (nextCommand < commands.size()) {
                next = Math.min(next, commands.get(nextCommand).atSeconds());
            }
            if (valveSwitchAt == valveSwitchAt) {
                next = Math.min(next, valveSwitchAt);
            }
            if (pump.pulseSkipping()) {
                // Replay the accumulator with the current duty until the stroke state changes.
                double period = 1.0 / pump.mainsHz();
                double acc = pulseAccumulator;
                long k = mainsIndex;
                while (k * period < next - TIME_EPS) {
                    acc += pumpDuty;
                    boolean running = acc >= 0.5;
                    if (running) {
                        acc -= 1.0;
                    }
                    if (running != pumpRunning) {
                        next = k * period;
                        break;
                    }
                    k++;
                }
            }
            return next;
        }

        // ---- equations ----

        private boolean inletOpen() {
            return !hasValve || valveEnergised;
        }

        private boolean exhaustOpen() {
            return hasValve && !valveEnergised;
        }

        /** Evaluates every flow at state y into the fields. */
        private void flows(double[] y) {
            double p = circuit.pressureBar(y[StateLayout.GROUP_WATER_ML],
                    y[StateLayout.HEADSPACE_AIR_ATM_ML] + y[StateLayout.BASKET_AIR_ATM_ML]);
            pressure = p;
            if (inletOpen()) {
                double node = inlet.solveNode(p, pumpRunning);
                inflow = Fluids.smoothSqrtFlow(inlet.pathCoefficient(), node - p);
                pumpFlow = pumpRunning ? pump.flowMlPerS(node) : 0.0;
            } else {
                inflow = 0.0;
                pumpFlow = pumpRunning ? deadheadPumpFlow : 0.0;
            }
            exhaustWater = 0.0;
            exhaustAir = 0.0;
            if (exhaustOpen()) {
                if (headspaceVenting) {
                    exhaustAir = circuit.exhaustAirFlowAtmMlPerS(p);
                } else {
                    exhaustWater = circuit.exhaustWaterFlowMlPerS(p);
                }
            }
            cupFlow = circuit.cupFlowMlPerS(p);
        }

        @Override
        public int getDimension() {
            return StateLayout.SIZE;
        }

        @Override
        public void computeDerivatives(double t, double[] y, double[] yDot) {
            flows(y);
            yDot[StateLayout.GROUP_WATER_ML] = inflow - exhaustWater - cupFlow;
            yDot[StateLayout.HEADSPACE_AIR_ATM_ML] = -exhaustAir;
            yDot[StateLayout.BASKET_AIR_ATM_ML] = 0.0;
            double boiler = y[StateLayout.BOILER_C];
            double group = y[StateLayout.GROUP_METAL_C];
            double boilerRate = circuit.boilerTemperatureRate(boiler, heaterDuty, inflow);
            double groupRate = circuit.groupTemperatureRate(boiler, group, inflow);
            yDot[StateLayout.BOILER_C] = boilerRate;
            yDot[StateLayout.GROUP_METAL_C] = groupRate;
            double lag = circuit.sensorLagSeconds();
            if (lag > 0) {
                yDot[StateLayout.BOILER_SENSOR_C] = (boiler - y[StateLayout.BOILER_SENSOR_C]) / lag;
                yDot[StateLayout.GROUP_SENSOR_C] = (group - y[StateLayout.GROUP_SENSOR_C]) / lag;
            } else {
                yDot[StateLayout.BOILER_SENSOR_C] = boilerRate;
                yDot[StateLayout.GROUP_SENSOR_C] = groupRate;
            }
            yDot[StateLayout.FROM_TANK_ML] = pumpFlow;
            yDot[StateLayout.RETURNED_TO_TANK_ML] = pumpFlow - inflow;
            yDot[StateLayout.TO_DRIP_TRAY_ML] = exhaustWater;
            yDot[StateLayout.TO_CUP_ML] = cupFlow;
        }

        // ---- headspace-empties event ----

        @Override
        public void init(double t0, double[] y0, double t) {
            // discrete state is set by the run loop before each segment
        }

        @Override
        public double g(double t, double[] y) {
            // After the event the switching function stays negative, the sign commons-math
            // assigns "just after" a decreasing crossing.
            return headspaceVenting ? y[StateLayout.HEADSPACE_AIR_ATM_ML] : -1.0;
        }

        @Override
        public Action eventOccurred(double t, double[] y, boolean increasing) {
            // The mode changes in resetState: commons-math calls this before the step handlers
            // see the part of the step up to the event, which must still be read as venting air.
            return headspaceVenting && !increasing ? Action.RESET_STATE : Action.CONTINUE;
        }

        @Override
        public void resetState(double t, double[] y) {
            y[StateLayout.HEADSPACE_AIR_ATM_ML] = 0.0;
            headspaceVenting = false;
        }

        // ---- metrics ----

        @Override
        public void handleStep(StepInterpolator interpolator, boolean isLast) {
            double t0 = interpolator.getPreviousTime();
            double t1 = interpolator.getCurrentTime();
            double ts = (Math.floor(t0 / SAMPLE_SECONDS) + 1.0) * SAMPLE_SECONDS;
            while (ts < t1 - TIME_EPS) {
                interpolator.setInterpolatedTime(ts);
                sampleSmooth(interpolator, ts);
                ts += SAMPLE_SECONDS;
            }
            interpolator.setInterpolatedTime(t1);
            sampleSmooth(interpolator, t1);
        }

        /** A sample at a segment start: quantities may have jumped, so crossings are placed at t. */
        private void sampleJump(double t, double[] y) {
            flows(y);
            observe(t, null);
        }

        /** A sample inside a step: crossings since the last sample are refined on the interpolant. */
        private void sampleSmooth(StepInterpolator interpolator, double t) {
            flows(interpolator.getInterpolatedState());
            observe(t, interpolator);
        }

        private void observe(double t, StepInterpolator interpolator) {
            double q = inflow;
            double p = pressure;
            if (quietWindow) {
                boolean nowAbove = q >= quietThreshold;
                if (nowAbove) {
                    everAbove = true;
                    lastDownCrossing = Double.NaN;
                } else if (above) {
                    lastDownCrossing = interpolator == null ? t
                            : refine(interpolator, lastSampleTime, t, true);
                }
                above = nowAbove;
            }
            if (whooshWindow) {
                whooshPeak = Math.max(whooshPeak, exhaustWater);
                if (decayOpen && p < WHOOSH_END_BAR) {
                    double tc = interpolator == null || !(lastSamplePressure >= WHOOSH_END_BAR) ? t
                            : refine(interpolator, lastSampleTime, t, false);
                    whooshDecay = tc - releaseAt;
                    decayOpen = false;
                }
            }
            lastSampleTime = t;
            lastSamplePressure = p;
        }

        /**
         * Bisection on the interpolant for the time in (ta, tb] where the inflow falls below the
         * quiet threshold ({@code inflowCrossing}) or the pressure below the whoosh end.
         */
        private double refine(StepInterpolator interpolator, double ta, double tb, boolean inflowCrossing) {
            double lo = ta;
            double hi = tb;
            for (int i = 0; i < 60 && hi - lo > 1.0e-13; i++) {
                double mid = 0.5 * (lo + hi);
                interpolator.setInterpolatedTime(mid);
                flows(interpolator.getInterpolatedState());
                boolean stillAbove = inflowCrossing ? inflow >= quietThreshold : pressure >= WHOOSH_END_BAR;
                if (stillAbove) {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            interpolator.setInterpolatedTime(tb);
            flows(interpolator.getInterpolatedState());
            return 0.5 * (lo + hi);
        }

        private void pumpOn(double t, double[] y) {
            finishCycle(t, y);
            cycleOpen = true;
            onAt = t;
            quietWindow = true;
            everAbove = false;
            above = false;
            lastDownCrossing = Double.NaN;
            quietAfter = Double.NaN;
            plateau = Double.NaN;
            releaseAt = Double.NaN;
            whooshPeak = Double.NaN;
            whooshVolume = Double.NaN;
            whooshDecay = Double.NaN;
        }

        private void pumpOff(double t) {
            if (!quietWindow) {
                return;
            }
            quietWindow = false;
            if (above) {
                quietAfter = Double.NaN;
            } else if (!everAbove) {
                quietAfter = 0.0;
            } else {
                quietAfter = lastDownCrossing - onAt;
            }
        }

        private void release(double t, double[] y) {
            if (!cycleOpen || releaseAt == releaseAt) {
                return;
            }
            releaseAt = t;
            plateau = circuit.pressureBar(y[StateLayout.GROUP_WATER_ML],
                    y[StateLayout.HEADSPACE_AIR_ATM_ML] + y[StateLayout.BASKET_AIR_ATM_ML]);
            if (plateau > WHOOSH_MIN_BAR) {
                whooshWindow = true;
                decayOpen = true;
                dripAtRelease = y[StateLayout.TO_DRIP_TRAY_ML];
                whooshPeak = 0.0;
            }
        }

        private void finishCycle(double t, double[] y) {
            if (!cycleOpen) {
                return;
            }
            pumpOff(t);
            if (whooshWindow) {
                whooshVolume = y[StateLayout.TO_DRIP_TRAY_ML] - dripAtRelease;
                whooshWindow = false;
                decayOpen = false;
            }
            cycles.add(new ReferenceCycle(cycles.size(), onAt, quietAfter, plateau, releaseAt, whooshPeak,
                    whooshVolume, whooshDecay));
            cycleOpen = false;
        }
    }
}
