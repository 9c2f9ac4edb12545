package io.backflush.sim.usage;

import io.backflush.core.plant.Actuators;
import io.backflush.core.plant.Sensors;
import io.backflush.sim.control.BoilerThermostat;
import io.backflush.sim.control.Controller;

import java.util.function.DoubleSupplier;

/**
 * Pulls one shot like a volumetric machine: solenoid and pump on until the cup holds the target
 * volume (or the time limit), then pump off and solenoid released for the release time.
 */
final class ShotController implements Controller {
    private final ShotRecipe recipe;
    private final BoilerThermostat thermostat;
    private final DoubleSupplier cupMl;
    private final double startSeconds;
    private double stopAtSeconds = Double.NaN;

    ShotController(ShotRecipe recipe, BoilerThermostat thermostat, DoubleSupplier cupMl, double startSeconds) {
        this.recipe = recipe;
        this.thermostat = thermostat;
        this.cupMl = cupMl;
        this.startSeconds = startSeconds;
    }

    @Override
    public void control(Sensors sensors, Actuators actuators) {
        actuators.heaterDuty(thermostat.heaterDuty(sensors.boilerTemperatureC));
        double t = sensors.timeSeconds;
        if (stopAtSeconds != stopAtSeconds
                && (cupMl.getAsDouble() >= recipe.targetCupMl() || t - startSeconds >= recipe.maxSeconds())) {
            stopAtSeconds = t;
        }
        boolean brewing = stopAtSeconds != stopAtSeconds;
        actuators.pumpDuty(brewing ? 1.0 : 0.0).solenoidEnergised(brewing);
    }

    /** When the shot (including its release) is over, or NaN while brewing. */
    double doneAtSeconds() {
        return stopAtSeconds != stopAtSeconds ? Double.NaN : stopAtSeconds + recipe.releaseSeconds();
    }
}
