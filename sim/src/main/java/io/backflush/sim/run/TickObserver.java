package io.backflush.sim.run;

import io.backflush.core.plant.Plant;

/** Sees the plant after every step: recorders, event detectors, metrics. */
@FunctionalInterface
public interface TickObserver {
    /**
     * @param stepStartSeconds time at which the step began (the commands in
     *                         {@code plant.actuators()} were applied from then)
     * @param plant            the plant after the step ({@code plant.timeSeconds()} is the end)
     */
    void afterStep(double stepStartSeconds, Plant plant);
}
