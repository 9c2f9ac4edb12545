package io.backflush.sim.control;

import io.backflush.core.plant.Actuators;
import io.backflush.core.plant.Sensors;

/**
 * Control logic in the loop: called once per tick with the sensor readings, writes the actuator
 * commands the plant applies during the next step. Built-in programs, in-process firmware and the
 * HIL bridge to remote firmware all implement it.
 */
@FunctionalInterface
public interface Controller {
    /**
     * @param sensors   readings at the start of the tick (sensors.timeSeconds() is the time)
     * @param actuators commands to apply for the next step; they persist between ticks
     */
    void control(Sensors sensors, Actuators actuators);
}
