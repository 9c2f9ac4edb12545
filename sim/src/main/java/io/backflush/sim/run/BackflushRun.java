package io.backflush.sim.run;

import io.backflush.core.cleaning.Cleaning;
import io.backflush.core.cleaning.Site;
import io.backflush.core.hydraulics.BasketParameters;
import io.backflush.core.machine.Machine;
import io.backflush.core.plant.Plant;
import io.backflush.core.plant.StateLayout;
import io.backflush.core.plant.WaterBalance;
import io.backflush.sim.control.BackflushController;
import io.backflush.sim.control.BoilerThermostat;
import io.backflush.sim.program.BackflushProgram;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a backflush program on a machine with a blind basket, hot, and reports every cycle, the
 * water ledger and what happened to residue and detergent. The dose and the emptied basket between
 * phases are {@link ProgramPhases}'s; the whole program runs under one controller at a fixed dt.
 */
public final class BackflushRun {
    /** Boiler thermostat setpoint during a backflush, °C (machine at operating temperature). */
    public static final double SETPOINT_C = 93.0;

    private BackflushRun() {
    }

    /** Runs on a fresh, clean, hot plant with no detergent. */
    public static RunResult run(Machine machine, BackflushProgram program, double dtSeconds,
                                List<? extends TickObserver> observers) {
        refuseUnsafe(machine);
        return simulate(new Plant(machine, BasketParameters.blind()), program, dtSeconds, 0.0, observers);
    }

    /**
     * Runs the program without the safety refusal: on a machine without a three-way valve this
     * shows what would happen (pressure trapped at the group).
     */
    public static RunResult simulate(Machine machine, BackflushProgram program, double dtSeconds,
                                     List<? extends TickObserver> observers) {
        return simulate(new Plant(machine, BasketParameters.blind()), program, dtSeconds, 0.0, observers);
    }

    /**
     * Runs the program on the given plant (which may already be fouled), putting
     * {@code detergentGrams} in the blind basket at the start of each detergent phase.
     */
    public static RunResult simulate(Plant plant, BackflushProgram program, double dtSeconds, double detergentGrams,
                                     List<? extends TickObserver> observers) {
        Machine machine = plant.machine();
        ProgramPhases.begin(plant);
        Cleaning cleaning = plant.cleaning();
        Map<String, Double> before = residue(cleaning);
        double start = plant.timeSeconds();
        double ledgerStart = plant.heldWaterMl();
        double[] ledger0 = {plant.state(StateLayout.FROM_TANK_ML),
            plant.state(StateLayout.RETURNED_TO_TANK_ML),
            plant.state(StateLayout.TO_DRIP_TRAY_ML),
            plant.state(StateLayout.TO_CUP_ML)};
        BackflushController controller = new BackflushController(program, new BoilerThermostat(SETPOINT_C, 1.0), start);
        CycleDetector detector = new CycleDetector(plant, t -> {
            int i = controller.phaseIndexAt(t);
            return i < 0 ? null : program.phases().get(i).kind().label();
        });
        Simulation simulation = new Simulation(plant, controller, dtSeconds).observe(detector);
        for (TickObserver observer : observers) {
            simulation.observe(observer);
        }
        double dosed = ProgramPhases.run(plant, program, detergentGrams,
                (index, phase) -> simulation.runUntil(program.phaseEndSeconds(index)));
        detector.finish(plant);
        WaterBalance balance = new WaterBalance(
                plant.state(StateLayout.FROM_TANK_ML) - ledger0[0],
                plant.state(StateLayout.RETURNED_TO_TANK_ML) - ledger0[1],
                plant.state(StateLayout.TO_DRIP_TRAY_ML) - ledger0[2],
                plant.state(StateLayout.TO_CUP_ML) - ledger0[3],
                plant.heldWaterMl() - ledgerStart);
        return new RunResult(machine.name(), program.name(), plant.stepperKind().label(), dtSeconds, simulation.ticks() * dtSeconds,
                detector.cycles(), WaterReport.of(balance), dosed, before, residue(cleaning),
                cleaning.detergentLeftMg(), !machine.parameters().hasThreeWayValve());
    }

    private static Map<String, Double> residue(Cleaning cleaning) {
        Map<String, Double> map = new LinkedHashMap<>();
        for (Site site : Site.values()) {
            map.put(site.label(), cleaning.residueMg(site));
        }
        return map;
    }

    /** Refuses machines without a three-way valve, saying why. */
    public static void refuseUnsafe(Machine machine) {
        if (!machine.parameters().hasThreeWayValve()) {
            throw new ProgramRefusedException("machine '" + machine.name() + "' has no three-way solenoid valve: "
                    + "with a blind basket nothing releases the group pressure when the pump stops, so pressure "
                    + "stays trapped at the group and detergent can be forced back toward the boiler. "
                    + "Backflushing it is unsafe; nothing was run (--force simulates it anyway).");
        }
    }
}
