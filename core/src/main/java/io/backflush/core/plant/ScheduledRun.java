package io.backflush.core.plant;

import java.util.List;

/**
 * Drives a {@link Plant} with an open-loop {@link ActuatorSchedule} and measures every cycle with
 * {@link CycleMetrics}, whichever stepper the plant has:
 * <ul>
 *   <li>a fixed-step plant takes round(endSeconds / dtSeconds) steps of {@code dtSeconds} (the last
 *       may end a little before or after {@code endSeconds}); each step's commands are those in force
 *       at its start and the figures are resolved to one step (crossings at the step's end), as
 *       the product's event detector resolves them;</li>
 *   <li>a reference plant steps from command to command (placing every switch in between exactly)
 *       and the figures come from its dense output, crossings refined on the interpolant.</li>
 * </ul>
 * Times in the result count from the plant's time when the run starts.
 */
public final class ScheduledRun {
    private ScheduledRun() {
    }

    /**
     * @param dtSeconds the fixed step (ignored by a reference plant)
     */
    public static ScheduleResult run(Plant plant, ActuatorSchedule schedule, double endSeconds, double dtSeconds) {
        double origin = plant.timeSeconds();
        double initialWater = plant.heldWaterMl();
        WaterBalance ledgerStart = plant.waterBalance(initialWater);
        boolean dense = plant.stepperKind() == StepperKind.REFERENCE;
        ReferenceStepper stepper = plant.referenceStepper();
        CycleMetrics metrics = new CycleMetrics(plant.machine().pump().freeFlowMlPerS(), plant.circuit().hasExhaust(),
                origin, dense ? stepper.crossings() : CycleMetrics.Crossings.AT_SAMPLE);
        if (dense) {
            stepper.observeDensely((t, y, flows, continuous) -> metrics.sample(t, flows.inflowMlPerS, flows.groupBar,
                    flows.exhaustWaterMlPerS, continuous));
        }
        List<ActuatorSchedule.Command> commands = schedule.commands();
        Actuators actuators = plant.actuators();
        long steps = dense ? 0 : Math.round(endSeconds / dtSeconds);
        long i = 0;
        int next = 0;
        double t = 0.0;
        try {
            while (true) {
                schedule.applyAt(t, actuators);
                metrics.commands(origin + t, actuators.pumpDuty(), actuators.solenoidEnergised(),
                        plant.groupPressureBar(), plant.exhaustedToDripTrayMl());
                if (dense ? t >= endSeconds - ActuatorSchedule.TIME_TOLERANCE_SECONDS : i >= steps) {
                    break;
                }
                double until;
                if (dense) {
                    while (next < commands.size()
                            && commands.get(next).atSeconds() <= t + ActuatorSchedule.TIME_TOLERANCE_SECONDS) {
                        next++;
                    }
                    until = next < commands.size() ? Math.min(commands.get(next).atSeconds(), endSeconds) : endSeconds;
                    plant.step(until - t);
                } else {
                    i++;
                    until = i * dtSeconds;
                    plant.step(dtSeconds);
                    metrics.sample(origin + until, plant.groupInflowMlPerS(), plant.groupPressureBar(),
                            plant.exhaustWaterFlowMlPerS(), true);
                }
                t = until;
            }
        } finally {
            if (dense) {
                stepper.observeDensely(null);
            }
        }
        metrics.finish(plant.exhaustedToDripTrayMl());
        WaterBalance end = plant.waterBalance(initialWater);
        WaterBalance water = new WaterBalance(end.fromTankMl() - ledgerStart.fromTankMl(),
                end.returnedToTankMl() - ledgerStart.returnedToTankMl(), end.toDripTrayMl() - ledgerStart.toDripTrayMl(),
                end.toCupMl() - ledgerStart.toCupMl(), end.heldInMachineDeltaMl());
        return new ScheduleResult(metrics.cycles(), plant.stateCopy(), water);
    }
}
