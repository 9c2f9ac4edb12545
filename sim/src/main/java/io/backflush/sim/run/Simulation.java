package io.backflush.sim.run;

import io.backflush.core.param.InvalidParameterException;
import io.backflush.core.plant.Plant;
import io.backflush.core.plant.Sensors;
import io.backflush.sim.control.Controller;

import java.util.ArrayList;
import java.util.List;

/**
 * The simulation executive: a fixed dt; each tick reads the sensors, calls the controller, steps
 * the plant and shows the result to the observers, in that order (JSBSim's executive runs its
 * models the same way). Runs end after a whole number of ticks; the plant keeps time by
 * compensated summation, so long runs do not drift.
 */
public final class Simulation {
    private final Plant plant;
    private final Controller controller;
    private final double dtSeconds;
    private final Sensors sensors = new Sensors();
    private final List<TickObserver> observers = new ArrayList<>();
    /** The observers as an array, rebuilt when one is added, so a tick allocates nothing. */
    private TickObserver[] list = new TickObserver[0];
    private long ticks;

    public Simulation(Plant plant, Controller controller, double dtSeconds) {
        if (!(dtSeconds >= 1.0e-5 && dtSeconds <= 0.1)) {
            throw new InvalidParameterException("dtSeconds", "must be between 1e-5 and 0.1 s, got " + dtSeconds);
        }
        this.plant = plant;
        this.controller = controller;
        this.dtSeconds = dtSeconds;
    }

    /** Adds an observer; observers see every step in the order they were added. */
    public Simulation observe(TickObserver observer) {
        observers.add(observer);
        list = observers.toArray(new TickObserver[0]);
        return this;
    }

    /** Runs whole ticks until the simulated time reaches {@code endSeconds} (rounded to ticks). */
    public void runUntil(double endSeconds) {
        long endTick = Math.round(endSeconds / dtSeconds);
        while (ticks < endTick) {
            tick();
        }
    }

    /**
     * One tick of dt: sensors, controller, step, observers. For front ends that decide tick by tick
     * when the plant moves (the HIL session waits for the firmware's answer, or for the wall clock).
     */
    public void tick() {
        double t = plant.timeSeconds();
        askController();
        finishTick(t, dtSeconds);
    }

    /**
     * Advances to {@code endSeconds} with a step that adapts to what the plant is doing: dtMin
     * after any change of the actuator commands, growing (at most doubling per step) while the
     * group pressure and the line's move less than {@code pressureStepBar} per step, up to dtMax. The implicit
     * stepper is stable at any step, so large steps only cost accuracy where pressures move, which
     * is exactly where this keeps them small. The controller is still called before every step.
     * For long strategy simulations; lockstep and HIL use the fixed {@link #runUntil}.
     */
    public void advanceAdaptive(double endSeconds, double dtMin, double dtMax, double pressureStepBar) {
        advanceAdaptive(endSeconds, dtMin, dtMax, pressureStepBar, () -> false);
    }

    /** As {@link #advanceAdaptive(double, double, double, double)}, stopping early once {@code stop} says so. */
    public void advanceAdaptive(double endSeconds, double dtMin, double dtMax, double pressureStepBar,
                                java.util.function.BooleanSupplier stop) {
        advanceAdaptive(endSeconds, dtMin, dtMax, pressureStepBar, stop, () -> Double.POSITIVE_INFINITY);
    }

    /**
     * As above, with a cap on the next step from whoever knows when something will happen (e.g. the
     * time left until a shot reaches its target volume), so events are not overshot by a long step.
     */
    public void advanceAdaptive(double endSeconds, double dtMin, double dtMax, double pressureStepBar,
                                java.util.function.BooleanSupplier stop, java.util.function.DoubleSupplier nextEventIn) {
        advanceAdaptive(endSeconds, AdaptiveSteps.changeOnly(dtMin, dtMax, pressureStepBar), stop, nextEventIn);
    }

    /**
     * As above, within the given bounds, the step also held to a bound on its curvature where
     * {@code steps} gives one: it may depart from the straight line through the previous step's
     * rate of change by at most about {@link AdaptiveSteps#pressureErrorBar()} in either pressure
     * (an estimate of backward Euler's local error, which grows as dt²: the next step is the last
     * one times √(bound/departure), at most doubled), so a pressure that moves steadily (a group
     * filling at a near-constant rate, a plateau, a sealed line leaking) takes long steps and one
     * that bends (a knee, a release's decay) short ones. The change per step is then held to
     * {@link AdaptiveSteps#pressureStepBar()} (group and line) while the solenoid connects them and
     * to {@link AdaptiveSteps#releaseStepBar()} (the group alone) while it is released. The first
     * step after a command change has no rate to compare with: the change alone decides it.
     */
    public void advanceAdaptive(double endSeconds, AdaptiveSteps steps, java.util.function.BooleanSupplier stop,
                                java.util.function.DoubleSupplier nextEventIn) {
        double dtMin = steps.dtMinSeconds();
        double dtMax = steps.dtMaxSeconds();
        boolean curvature = steps.boundsCurvature();
        double dt = dtMin;
        double lastDuty = Double.NaN;
        boolean lastSolenoid = false;
        // the previous step's rates of change of the group and line pressures (NaN: none since a change)
        double groupRate = Double.NaN;
        double lineRate = Double.NaN;
        while (plant.timeSeconds() < endSeconds - 1.0e-9) {
            double t = plant.timeSeconds();
            askController();
            double duty = plant.actuators().pumpDuty();
            boolean solenoid = plant.actuators().solenoidEnergised();
            if (duty != lastDuty || solenoid != lastSolenoid) {
                dt = dtMin;
                lastDuty = duty;
                lastSolenoid = solenoid;
                groupRate = Double.NaN;
                lineRate = Double.NaN;
            }
            double before = plant.groupPressureBar();
            double lineBefore = plant.linePressureBar();
            double step = Math.min(dt, endSeconds - t);
            step = Math.max(Math.min(step, nextEventIn.getAsDouble()), Math.min(dtMin, endSeconds - t));
            finishTick(t, step);
            if (stop.getAsBoolean()) {
                return;
            }
            double groupChange = plant.groupPressureBar() - before;
            double lineChange = plant.linePressureBar() - lineBefore;
            double grow;
            if (!curvature) {
                // the step grows while neither the group nor the line it is fed from moves much
                double change = Math.max(Math.abs(groupChange), Math.abs(lineChange));
                grow = change > 0 ? Math.min(2.0, steps.pressureStepBar() / change) : 2.0;
            } else {
                double change = solenoid ? Math.max(Math.abs(groupChange), Math.abs(lineChange)) : Math.abs(groupChange);
                double bound = solenoid ? steps.pressureStepBar() : steps.releaseStepBar();
                grow = change > 0 ? Math.min(2.0, bound / change) : 2.0;
                double taken = plant.timeSeconds() - t;
                if (!Double.isNaN(groupRate)) {
                    double departure = Math.max(Math.abs(groupChange - groupRate * taken),
                            Math.abs(lineChange - lineRate * taken));
                    if (departure > 0) {
                        grow = Math.min(grow, Math.sqrt(steps.pressureErrorBar() / departure));
                    }
                }
                groupRate = groupChange / taken;
                lineRate = lineChange / taken;
            }
            dt = Math.max(dtMin, Math.min(dtMax, dt * grow));
        }
    }

    private void askController() {
        plant.readSensors(sensors);
        controller.control(sensors, plant.actuators());
    }

    private void finishTick(double startSeconds, double dt) {
        plant.step(dt);
        ticks++;
        for (TickObserver observer : list) {
            observer.afterStep(startSeconds, plant);
        }
    }

    public long ticks() {
        return ticks;
    }

    public double dtSeconds() {
        return dtSeconds;
    }

    public Plant plant() {
        return plant;
    }
}
