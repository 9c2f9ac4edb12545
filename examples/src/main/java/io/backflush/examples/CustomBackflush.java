package io.backflush.examples;

import io.backflush.core.hydraulics.BasketParameters;
import io.backflush.core.machine.Machine;
import io.backflush.core.machine.Presets;
import io.backflush.core.plant.Plant;
import io.backflush.core.plant.Sensors;
import io.backflush.sim.control.Controller;
import io.backflush.sim.run.CycleDetector;
import io.backflush.sim.run.CycleReport;
import io.backflush.sim.run.Simulation;

/** The README's example: a custom controller runs three backflush cycles on a preset; sensors and cycle reports. */
public final class CustomBackflush {
    public static void main(String[] args) {
        Plant plant = new Plant(Machine.of(Presets.singleBoiler()), BasketParameters.blind());
        // 8 s against the blind basket (pump on, three-way valve closed), then 4 s released; heater on below 93 °C
        Controller controller = (sensors, actuators) -> {
            boolean filling = sensors.timeSeconds() % 12.0 < 8.0;
            actuators.pumpDuty(filling ? 1.0 : 0.0).solenoidEnergised(filling)
                    .heaterDuty(sensors.boilerTemperatureC() < 93.0 ? 1.0 : 0.0);
        };
        CycleDetector cycles = new CycleDetector(plant, t -> "water");
        Simulation sim = new Simulation(plant, controller, 0.001).observe(cycles);
        Sensors s = new Sensors();
        for (int second = 4; second <= 36; second += 4) {
            sim.runUntil(second);
            plant.readSensors(s);
            System.out.printf("t %4.1f s  group %5.2f bar  boiler %5.1f °C  flow meter %6.1f ml%n",
                    s.timeSeconds(), s.groupPressureBar(), s.boilerTemperatureC(), s.flowMeterMl());
        }
        cycles.finish(plant);
        for (CycleReport c : cycles.cycles()) {
            System.out.printf("cycle %d: quiet after %.2f s, %.2f bar at release, whoosh %.1f ml%n",
                    c.index(), c.quietAfterSeconds(), c.plateauBar(), c.whooshVolumeMl());
        }
    }
}
