package io.backflush.sim.hil.server;

import io.backflush.core.machine.Machine;
import io.backflush.core.plant.Actuators;
import io.backflush.core.plant.Plant;
import io.backflush.sim.run.TickObserver;

/**
 * Something that watches HIL sessions' plants without taking part in them (the live page of
 * {@code serve --live-port}). Its methods run on the session's own thread, inside the lockstep
 * loop: they must return at once and never block on anything a viewer does.
 */
public interface SessionWatcher {
    /**
     * A session has a fresh plant (its start, or a reset). Returns the observer that sees its ticks
     * from now on, or null to watch nothing.
     *
     * @param sessionId the session's number
     * @param machine   the machine simulated
     * @param plant     the plant (read it only from the observer, on the session's thread)
     * @param commanded the firmware's latest commands, before SSR windows and actuator faults
     */
    TickObserver watch(long sessionId, Machine machine, Plant plant, Actuators commanded);

    /** The session has ended, for the given reason. */
    void ended(long sessionId, String reason);
}
