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
        double dt = dtMin;
        double lastDuty = Double.NaN;
        boolean lastSolenoid = false;
        while (plant.timeSeconds() < endSeconds - 1.0e-9) {
            double t = plant.timeSeconds();
            askController();
            double duty = plant.actuators().pumpDuty();
            boolean solenoid = plant.actuators().solenoidEnergised();
            if (duty != lastDuty || solenoid != lastSolenoid) {
                dt = dtMin;
                lastDuty = duty;
                lastSolenoid = solenoid;
            }
            double before = plant.groupPressureBar();
            double lineBefore = plant.linePressureBar();
            double step = Math.min(dt, endSeconds - t);
            step = Math.max(Math.min(step, nextEventIn.getAsDouble()), Math.min(dtMin, endSeconds - t));
            finishTick(t, step);
            if (stop.getAsBoolean()) {
                return;
            }
            // the step grows while neither the group nor the line it is fed from moves much
            double change = Math.max(Math.abs(plant.groupPressureBar() - before),
                    Math.abs(plant.linePressureBar() - lineBefore));
            double grow = change > 0 ? pressureStepBar / change : 2.0;
            dt = Math.max(dtMin, Math.min(dtMax, dt * Math.min(2.0, grow)));
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
