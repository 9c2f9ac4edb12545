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
        actuators.heaterDuty(thermostat.heaterDuty(sensors.boilerTemperatureC()));
        double t = sensors.timeSeconds();
        if (Double.isNaN(stopAtSeconds)
                && (cupMl.getAsDouble() >= recipe.targetCupMl() || t - startSeconds >= recipe.maxSeconds())) {
            stopAtSeconds = t;
        }
        boolean brewing = Double.isNaN(stopAtSeconds);
        actuators.pumpDuty(brewing ? 1.0 : 0.0).solenoidEnergised(brewing);
    }

    /**
     * Time until the cup reaches the target at the current flow, s (infinite once stopped or with
     * no flow): caps the adaptive step so the shot ends on its volume, not a long step later.
     */
    double secondsToTarget(double cupFlowMlPerS) {
        if (!Double.isNaN(stopAtSeconds) || cupFlowMlPerS <= 0) {
            return Double.POSITIVE_INFINITY;
        }
        return Math.max(0.0, (recipe.targetCupMl() - cupMl.getAsDouble()) / cupFlowMlPerS);
    }

    /** When the shot (including its release) is over, or NaN while brewing. */
    double doneAtSeconds() {
        return Double.isNaN(stopAtSeconds) ? Double.NaN : stopAtSeconds + recipe.releaseSeconds();
    }
}
