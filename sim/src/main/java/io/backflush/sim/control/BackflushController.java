package io.backflush.sim.control;

import io.backflush.core.plant.Actuators;
import io.backflush.core.plant.Sensors;
import io.backflush.sim.program.BackflushProgram;
import io.backflush.sim.program.Phase;

/**
 * Runs a {@link BackflushProgram} open loop, as the timer-based cleaning routines in hobby
 * firmware do: each cycle energises the solenoid and runs the pump at the phase's duty for its
 * pump-on time, then stops the pump and releases the solenoid for the release time. A
 * {@link BoilerThermostat} holds the boiler meanwhile (a backflush is done hot). After the last
 * cycle the machine stays in its safe state.
 */
public final class BackflushController implements Controller {
    private final BackflushProgram program;
    private final BoilerThermostat thermostat;
    private final double[] phaseStartSeconds;

    public BackflushController(BackflushProgram program, BoilerThermostat thermostat) {
        this(program, thermostat, 0.0);
    }

    /**
     * @param startSeconds simulation time at which the program starts
     */
    public BackflushController(BackflushProgram program, BoilerThermostat thermostat, double startSeconds) {
        this.program = program;
        this.thermostat = thermostat;
        this.phaseStartSeconds = new double[program.phases().size() + 1];
        double t = startSeconds;
        for (int i = 0; i < program.phases().size(); i++) {
            phaseStartSeconds[i] = t;
            t += program.phases().get(i).durationSeconds();
        }
        phaseStartSeconds[program.phases().size()] = t;
    }

    @Override
    public void control(Sensors sensors, Actuators actuators) {
        actuators.heaterDuty(thermostat.heaterDuty(sensors.boilerTemperatureC()));
        double duty = pumpDuty(sensors.timeSeconds());
        actuators.pumpDuty(duty).solenoidEnergised(duty > 0.0);
    }

    /** The pump duty the program commands at time t: the phase's duty while pumping, else 0. */
    public double pumpDuty(double timeSeconds) {
        int index = phaseIndexAt(timeSeconds);
        return index >= 0 && pumping(timeSeconds) ? program.phases().get(index).pumpDuty() : 0.0;
    }

    /** Whether the program has the pump on (and the solenoid energised) at time t. */
    public boolean pumping(double timeSeconds) {
        // A small tolerance keeps tick times like 9.999999999 on the right side of a boundary.
        double t = timeSeconds + 1.0e-9;
        if (t < phaseStartSeconds[0]) {
            return false;
        }
        for (int i = 0; i < program.phases().size(); i++) {
            if (t < phaseStartSeconds[i + 1]) {
                Phase phase = program.phases().get(i);
                double period = phase.pumpOnSeconds() + phase.releaseSeconds();
                double inPhase = t - phaseStartSeconds[i];
                double inCycle = inPhase - Math.floor(inPhase / period) * period;
                return inCycle < phase.pumpOnSeconds();
            }
        }
        return false;
    }

    /** Which phase (0-based) runs at time t, or -1 after the program. */
    public int phaseIndexAt(double timeSeconds) {
        double t = timeSeconds + 1.0e-9;
        if (t < phaseStartSeconds[0]) {
            return -1;
        }
        for (int i = 0; i < program.phases().size(); i++) {
            if (t < phaseStartSeconds[i + 1]) {
                return i;
            }
        }
        return -1;
    }

    /** Simulation time at which the program ends, s. */
    public double endSeconds() {
        return phaseStartSeconds[phaseStartSeconds.length - 1];
    }

    public BackflushProgram program() {
        return program;
    }
}
