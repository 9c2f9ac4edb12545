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
 * models the same way). Time is the tick count times dt, so long runs do not drift.
 */
public final class Simulation {
    private final Plant plant;
    private final Controller controller;
    private final double dtSeconds;
    private final Sensors sensors = new Sensors();
    private final List<TickObserver> observers = new ArrayList<>();
    private long ticks;

    public Simulation(Plant plant, Controller controller, double dtSeconds) {
        if (!(dtSeconds >= 1.0e-5 && dtSeconds <= 0.1)) {
            throw new InvalidParameterException("dtSeconds", "must be between 1e-5 and 0.1 s, got " + dtSeconds);
        }
        this.plant = plant;
        this.controller = controller;
        this.dtSeconds = dtSeconds;
    }

    public Simulation observe(TickObserver observer) {
        observers.add(observer);
        return this;
    }

    /** Runs whole ticks until the simulated time reaches {@code endSeconds} (rounded to ticks). */
    public void runUntil(double endSeconds) {
        long endTick = Math.round(endSeconds / dtSeconds);
        TickObserver[] list = observers.toArray(new TickObserver[0]);
        while (ticks < endTick) {
            double t = plant.timeSeconds();
            plant.readSensors(sensors);
            controller.control(sensors, plant.actuators());
            plant.step(dtSeconds);
            ticks++;
            for (TickObserver observer : list) {
                observer.afterStep(t, plant);
            }
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
