package io.backflush.sim.run;

import io.backflush.core.hydraulics.BasketParameters;
import io.backflush.core.machine.Machine;
import io.backflush.core.plant.InitialConditions;
import io.backflush.core.plant.Plant;
import io.backflush.sim.control.BackflushController;
import io.backflush.sim.control.BoilerThermostat;
import io.backflush.sim.program.BackflushProgram;

import java.util.List;

/**
 * Runs a backflush program on a machine with a blind basket, from a hot machine with a dry basket,
 * and reports every cycle and the water ledger.
 */
public final class BackflushRun {
    /** Boiler thermostat setpoint during a backflush, °C (machine at operating temperature). */
    public static final double SETPOINT_C = 93.0;

    private BackflushRun() {
    }

    /**
     * @param observers extra observers (trace writers, recorders), may be empty
     * @throws ProgramRefusedException if the machine has no three-way valve
     */
    public static RunResult run(Machine machine, BackflushProgram program, double dtSeconds,
                                List<? extends TickObserver> observers) {
        refuseUnsafe(machine);
        return simulate(machine, program, dtSeconds, observers);
    }

    /**
     * Runs the program without the safety refusal: on a machine without a three-way valve this
     * shows what would happen (pressure trapped at the group).
     */
    public static RunResult simulate(Machine machine, BackflushProgram program, double dtSeconds,
                                     List<? extends TickObserver> observers) {
        InitialConditions initial = InitialConditions.hotAndDry();
        Plant plant = new Plant(machine, BasketParameters.blind(), initial);
        BackflushController controller = new BackflushController(program, new BoilerThermostat(SETPOINT_C, 1.0));
        CycleDetector detector = new CycleDetector(plant, t -> {
            int i = controller.phaseIndexAt(t);
            return i < 0 ? null : program.phases().get(i).kind().label();
        });
        Simulation simulation = new Simulation(plant, controller, dtSeconds).observe(detector);
        for (TickObserver observer : observers) {
            simulation.observe(observer);
        }
        simulation.runUntil(program.durationSeconds());
        detector.finish(plant);
        return new RunResult(machine.name(), program.name(), dtSeconds, simulation.ticks() * dtSeconds,
                detector.cycles(), WaterReport.of(plant.waterBalance(initial.groupWaterMl())));
    }

    /** Refuses machines without a three-way valve, saying why. */
    public static void refuseUnsafe(Machine machine) {
        if (!machine.parameters().hasThreeWayValve()) {
            throw new ProgramRefusedException("machine '" + machine.name() + "' has no three-way solenoid valve: "
                    + "with a blind basket nothing releases the group pressure when the pump stops, so pressure "
                    + "stays trapped at the group and detergent can be forced back toward the boiler. "
                    + "Backflushing it is unsafe; nothing was run.");
        }
    }
}
