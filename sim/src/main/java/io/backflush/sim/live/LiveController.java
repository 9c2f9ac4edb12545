package io.backflush.sim.live;

import io.backflush.core.plant.Actuators;
import io.backflush.core.plant.Sensors;
import io.backflush.sim.control.BoilerThermostat;
import io.backflush.sim.control.Controller;
import io.backflush.sim.run.BackflushRun;

/**
 * The page's switches as a controller: pump and solenoid as pressed, and a heater switch that runs
 * the run command's boiler thermostat (93 °C, 1 °C hysteresis) when on. Touched by the session's
 * thread only.
 */
final class LiveController implements Controller {
    private final BoilerThermostat thermostat = new BoilerThermostat(BackflushRun.SETPOINT_C, 1.0);
    boolean pump;
    boolean solenoid;
    boolean heater = true;

    @Override
    public void control(Sensors sensors, Actuators actuators) {
        actuators.pumpDuty(pump ? 1.0 : 0.0).solenoidEnergised(solenoid)
                .heaterDuty(heater ? thermostat.heaterDuty(sensors.boilerTemperatureC()) : 0.0);
    }
}
