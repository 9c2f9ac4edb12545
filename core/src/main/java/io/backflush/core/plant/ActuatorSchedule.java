package io.backflush.core.plant;

import io.backflush.core.param.InvalidParameterException;
import io.backflush.core.param.Require;

import java.util.ArrayList;
import java.util.List;

/**
 * An open-loop actuator program: timed commands, each in force from its time until the next one.
 * Immutable and validated. Before the first command the machine is in its safe state (pump off,
 * solenoid released, heater off).
 *
 * <p>Both steppers can be driven by the same schedule: the reference integrator reads the command
 * times directly, and a fixed-step driver calls {@link #applyAt} at the start of every step.
 */
public final class ActuatorSchedule {
    /**
     * A command is treated as in force at time t if it is due no later than t plus this, s. A
     * fixed-step driver whose clock accumulates round-off (10 000 × 0.001 s is not exactly 10 s)
     * then sees a command due at 10 s in the step that starts at 9.999999999998 s, not one step
     * late.
     */
    public static final double TIME_TOLERANCE_SECONDS = 1.0e-9;

    /**
     * One command.
     *
     * @param atSeconds         when it takes effect, s (≥ 0)
     * @param pumpDuty          pump duty 0..1
     * @param solenoidEnergised three-way valve coil
     * @param heaterDuty        heater duty 0..1
     */
    public record Command(double atSeconds, double pumpDuty, boolean solenoidEnergised, double heaterDuty) {
        public Command {
            Require.nonNegative(atSeconds, "atSeconds");
            Require.inRange(pumpDuty, 0.0, 1.0, "pumpDuty");
            Require.inRange(heaterDuty, 0.0, 1.0, "heaterDuty");
        }

        /** Writes this command into {@code actuators}. */
        public void applyTo(Actuators actuators) {
            actuators.pumpDuty(pumpDuty).solenoidEnergised(solenoidEnergised).heaterDuty(heaterDuty);
        }
    }

    private final List<Command> commands;
    private final double[] times;

    /**
     * @param commands in strictly increasing time order
     * @throws InvalidParameterException if empty, null or not strictly increasing in time
     */
    public ActuatorSchedule(List<Command> commands) {
        Require.present(commands, "commands");
        if (commands.isEmpty()) {
            throw new InvalidParameterException("commands", "must hold at least one command");
        }
        this.commands = List.copyOf(commands);
        this.times = new double[this.commands.size()];
        for (int i = 0; i < times.length; i++) {
            times[i] = this.commands.get(i).atSeconds();
            if (i > 0 && times[i] <= times[i - 1]) {
                throw new InvalidParameterException("commands",
                        "times must increase strictly; command " + (i + 1) + " at " + times[i]
                                + " s does not follow " + times[i - 1] + " s");
            }
        }
    }

    /**
     * A backflush: {@code cycles} times pump on with the solenoid energised for
     * {@code pumpOnSeconds}, then pump off with the solenoid released for {@code releaseSeconds}.
     * Cycle i starts at i·(on + release); the heater runs at {@code heaterDuty} throughout.
     */
    public static ActuatorSchedule backflush(int cycles, double pumpOnSeconds, double releaseSeconds, double heaterDuty) {
        if (cycles < 1) {
            throw new InvalidParameterException("cycles", "must be at least 1, got " + cycles);
        }
        Require.positive(pumpOnSeconds, "pumpOnSeconds");
        Require.positive(releaseSeconds, "releaseSeconds");
        List<Command> list = new ArrayList<>(2 * cycles);
        double period = pumpOnSeconds + releaseSeconds;
        for (int i = 0; i < cycles; i++) {
            list.add(new Command(i * period, 1.0, true, heaterDuty));
            list.add(new Command(i * period + pumpOnSeconds, 0.0, false, heaterDuty));
        }
        return new ActuatorSchedule(list);
    }

    /** The commands in time order (unmodifiable). */
    public List<Command> commands() {
        return commands;
    }

    /** Time of the last command, s. */
    public double lastCommandSeconds() {
        return times[times.length - 1];
    }

    /**
     * Index of the command in force at time t (see {@link #TIME_TOLERANCE_SECONDS}), or −1 before
     * the first command.
     */
    public int indexAt(double tSeconds) {
        double t = tSeconds + TIME_TOLERANCE_SECONDS;
        int lo = 0;
        int hi = times.length - 1;
        if (t < times[0]) {
            return -1;
        }
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (times[mid] <= t) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /**
     * Writes the command in force at time t into {@code actuators} (the safe state before the
     * first command). Allocates nothing.
     */
    public void applyAt(double tSeconds, Actuators actuators) {
        int i = indexAt(tSeconds);
        if (i < 0) {
            actuators.safeState();
        } else {
            commands.get(i).applyTo(actuators);
        }
    }

    @Override
    public String toString() {
        return "ActuatorSchedule" + commands;
    }
}
