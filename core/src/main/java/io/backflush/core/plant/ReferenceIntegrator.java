package io.backflush.core.plant;

import io.backflush.core.cleaning.CleaningParameters;
import io.backflush.core.hydraulics.BasketParameters;
import io.backflush.core.machine.Machine;
import io.backflush.core.param.InvalidParameterException;
import io.backflush.core.param.Require;

/**
 * The reference solution against which the fixed stepper is validated: a {@link Plant} advanced by
 * the reference stepper ({@link StepperKind#REFERENCE}: the same {@link BrewCircuit} equations
 * integrated by Commons Math's adaptive Dormand–Prince 8(5,3) method to tight tolerances, with the
 * exact supply solution and every switch placed exactly; see {@code ReferenceStepper}) under an
 * open-loop {@link ActuatorSchedule}, from command to command, with the cycle figures measured by
 * the one {@link CycleMetrics} definition on dense output: a sample every 0.5 ms and at every
 * integrator step's end, threshold crossings refined by bisection on the interpolant. The plant's
 * parts (valve, pump drive, residue and its effects, faults) are the product's own, so the reference
 * covers what users run, fouled machines included.
 *
 * <p>Immutable and thread-safe: every {@link #run} builds its own plant.
 */
public final class ReferenceIntegrator {
    /** Default relative tolerance. */
    public static final double DEFAULT_RELATIVE_TOLERANCE = ReferenceStepper.DEFAULT_RELATIVE_TOLERANCE;
    /** Default absolute tolerance (ml, atm-ml, °C). */
    public static final double DEFAULT_ABSOLUTE_TOLERANCE = ReferenceStepper.DEFAULT_ABSOLUTE_TOLERANCE;

    private final Machine machine;
    private final BasketParameters basket;
    private final double relativeTolerance;
    private final double absoluteTolerance;

    public ReferenceIntegrator(Machine machine, BasketParameters basket) {
        this(machine, basket, DEFAULT_RELATIVE_TOLERANCE, DEFAULT_ABSOLUTE_TOLERANCE);
    }

    public ReferenceIntegrator(Machine machine, BasketParameters basket, double relativeTolerance,
                               double absoluteTolerance) {
        this.machine = Require.present(machine, "machine");
        this.basket = Require.present(basket, "basket");
        this.relativeTolerance = Require.positive(relativeTolerance, "relativeTolerance");
        this.absoluteTolerance = Require.positive(absoluteTolerance, "absoluteTolerance");
    }

    public Machine machine() {
        return machine;
    }

    public BasketParameters basket() {
        return basket;
    }

    /** Runs the schedule from a hot machine with a dry group ({@link InitialConditions#hotAndDry}). */
    public ScheduleResult run(ActuatorSchedule schedule, double endSeconds) {
        return run(schedule, InitialConditions.hotAndDry(), endSeconds);
    }

    /**
     * Integrates from t = 0 to {@code endSeconds} under the schedule, from the given start.
     *
     * @throws InvalidParameterException if endSeconds is not positive
     */
    public ScheduleResult run(ActuatorSchedule schedule, InitialConditions initial, double endSeconds) {
        Require.present(schedule, "schedule");
        Require.present(initial, "initial");
        Require.positive(endSeconds, "endSeconds");
        return drive(newPlant(initial), schedule, endSeconds);
    }

    /**
     * Runs the schedule from a saved plant of the same machine (a fouled one, one with faults set),
     * its times counted from the snapshot's time.
     */
    public ScheduleResult run(ActuatorSchedule schedule, Plant.Snapshot start, double endSeconds) {
        Require.present(schedule, "schedule");
        Require.present(start, "start");
        Require.positive(endSeconds, "endSeconds");
        Plant plant = newPlant(InitialConditions.hotAndDry());
        plant.restore(start);
        return drive(plant, schedule, endSeconds);
    }

    private Plant newPlant(InitialConditions initial) {
        return new Plant(machine, basket, initial, CleaningParameters.defaults(), relativeTolerance, absoluteTolerance);
    }

    private static ScheduleResult drive(Plant plant, ActuatorSchedule schedule, double endSeconds) {
        return ScheduledRun.run(plant, schedule, endSeconds, Double.NaN);
    }
}
