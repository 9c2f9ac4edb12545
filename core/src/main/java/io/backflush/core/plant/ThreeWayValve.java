package io.backflush.core.plant;

import io.backflush.core.machine.MachineParameters;

/**
 * The three-way solenoid valve as a discrete part: energised, it connects the pump to the group
 * and shuts the exhaust; de-energised, it shuts the pump side and opens the group to the exhaust.
 * It follows its coil {@code responseSeconds} after each change of the coil command (a
 * direct-acting solenoid's dead time, see {@link io.backflush.core.hydraulics.ThreeWayValveParameters}).
 * A machine without one has no exhaust and an inlet that follows the coil at once (the brew
 * switch). Both steppers advance it the same way and ask it when it next switches.
 */
public final class ThreeWayValve {
    /** Switches due within this of a time are applied at that time, s. */
    static final double EPS_SECONDS = 1.0e-9;

    private final boolean present;
    private final double responseSeconds;
    private boolean command;
    private boolean energised;
    private double switchAtSeconds = Double.NaN;

    ThreeWayValve(MachineParameters parameters) {
        this.present = parameters.hasThreeWayValve();
        this.responseSeconds = present ? parameters.threeWayValve().responseSeconds() : 0.0;
    }

    /** Whether the machine has a three-way valve (and so an exhaust). */
    public boolean present() {
        return present;
    }

    /**
     * Takes the coil command at time t and carries out a switch that is due by then (a switch due
     * at t is applied at t).
     */
    void command(double tSeconds, boolean coil) {
        if (!present) {
            command = coil;
            energised = coil;
            return;
        }
        if (coil != command) {
            command = coil;
            switchAtSeconds = tSeconds + responseSeconds;
        }
        if (!Double.isNaN(switchAtSeconds) && tSeconds >= switchAtSeconds - EPS_SECONDS) {
            energised = command;
            switchAtSeconds = Double.NaN;
        }
    }

    /** Carries out a pending switch that fell due by t without a new command (an idle jump). */
    void elapse(double tSeconds) {
        command(tSeconds, command);
    }

    /** When the pending switch happens, s; NaN when none is pending. */
    double nextSwitchSeconds() {
        return switchAtSeconds;
    }

    /** Whether the valve (after its dead time) is energised. */
    public boolean energised() {
        return energised;
    }

    /** Pump side open to the group: the valve is energised, or there is no valve. */
    boolean inletOpen() {
        return !present || energised;
    }

    /** Group open to the drip tray. */
    boolean exhaustOpen() {
        return present && !energised;
    }

    /** The valve's state, for a snapshot. */
    State state() {
        return new State(command, energised, switchAtSeconds);
    }

    void restore(State s) {
        command = s.command();
        energised = s.energised();
        switchAtSeconds = s.switchAtSeconds();
    }

    /** @param switchAtSeconds NaN when no switch is pending */
    record State(boolean command, boolean energised, double switchAtSeconds) {
    }
}
