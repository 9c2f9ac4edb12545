package io.backflush.sim.cli;

import io.backflush.core.scale.Scale;
import io.backflush.core.scale.ScaleParameters;
import io.backflush.core.machine.WaterChemistry;

import io.backflush.core.cleaning.CleaningParameters;
import io.backflush.core.cleaning.Roast;
import io.backflush.core.hydraulics.BasketParameters;
import io.backflush.core.machine.Machine;
import io.backflush.core.machine.StartState;
import io.backflush.core.plant.InitialConditions;
import io.backflush.core.plant.Plant;
import io.backflush.core.plant.StepperKind;
import io.backflush.sim.program.BackflushProgram;
import io.backflush.sim.program.PhaseKind;
import io.backflush.sim.usage.MachineLife;
import io.backflush.sim.usage.ScaleDiary;
import io.backflush.sim.usage.ScaleHistory;
import io.backflush.sim.usage.StepPolicy;
import io.backflush.sim.usage.Strategies;
import io.backflush.sim.usage.Usage;

/** Prepares the plant a {@code run} starts from, and checks the run's flags. */
final class RunSetup {
    /** Dose used when a program has a detergent phase and no dose is given, g (Clive Coffee; Puly). */
    static final double DEFAULT_DETERGENT_G = 3.0;

    private RunSetup() {
    }

    static double detergentGrams(Double requested, BackflushProgram program) {
        boolean hasDetergentPhase = program.phases().stream().anyMatch(p -> p.kind() == PhaseKind.DETERGENT);
        if (requested == null) {
            return hasDetergentPhase ? DEFAULT_DETERGENT_G : 0.0;
        }
        if (!(requested >= 0 && requested <= 20)) {
            throw new UserInputException("--detergent must be between 0 and 20 g, got " + requested);
        }
        if (requested > 0 && !hasDetergentPhase) {
            throw new UserInputException("--detergent " + requested + ": program '" + program.name()
                    + "' has no detergent phase to put it in");
        }
        return requested;
    }

    static Roast roast(String text) {
        try {
            return Roast.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--roast: " + e.getMessage());
        }
    }

    /** Checks the fouling flags before anything runs. */
    static void checkFouling(int fouledDays, double shotsPerDay, String roast) {
        if (fouledDays < 0 || fouledDays > 3650) {
            throw new UserInputException("--fouled-days must be between 0 and 3650, got " + fouledDays);
        }
        if (!(shotsPerDay >= 0 && shotsPerDay <= 500)) {
            throw new UserInputException("--shots-per-day must be between 0 and 500, got " + shotsPerDay);
        }
        roast(roast);
    }

    static Plant plant(Machine machine, int fouledDays, double shotsPerDay, String roast) {
        return plant(machine, fouledDays, shotsPerDay, roast, StepperKind.FIXED, InitialConditions.hotAndDry());
    }

    /**
     * A hot plant with a blind basket advanced by the given stepper, clean or fouled by days of use
     * (simulated with the fixed stepper, then carried over to a reference plant by a snapshot).
     */
    static Plant plant(Machine machine, int fouledDays, double shotsPerDay, String roast, StepperKind stepper,
                       InitialConditions start) {
        return fouled(machine, fouledDays, shotsPerDay, roast, stepper, start, null).plant();
    }

    /**
     * The plant a run starts from, the scale the days of use left (null without a water) and that
     * scale day by day (null without a water; no days when the machine starts clean).
     */
    record Fouled(Plant plant, Scale scale, ScaleHistory history) {
    }

    /**
     * As {@link #plant(Machine, int, double, String, StepperKind, InitialConditions)}, the days of
     * use scaling the machine from {@code water} (null: no scale): the plant then runs on the
     * scaled machine, its seat leak as a fault.
     */
    static Fouled fouled(Machine machine, int fouledDays, double shotsPerDay, String roast, StepperKind stepper,
                         InitialConditions start, WaterChemistry water) {
        checkFouling(fouledDays, shotsPerDay, roast);
        Roast r = roast(roast);
        if (fouledDays == 0) {
            Scale clean = water == null ? null : new Scale(water, ScaleParameters.defaults());
            return new Fouled(new Plant(machine, BasketParameters.blind(), start, CleaningParameters.defaults(), stepper),
                    clean, clean == null ? null : new ScaleDiary(0).watch(clean).finish());
        }
        ScaleDiary diary = water == null ? null : new ScaleDiary(fouledDays);
        MachineLife life = new MachineLife(machine, Usage.home(fouledDays, shotsPerDay, r),
                Strategies.find("none").orElseThrow(), 1L, StepPolicy.fast(), CleaningParameters.defaults(), diary)
                .water(water, ScaleParameters.defaults());
        if (diary != null) {
            diary.watch(life.scale());
        }
        life.run();
        // the life's machine: the scaled one when it scaled
        Plant plant = new Plant(life.plant().machine(), BasketParameters.blind(), start, CleaningParameters.defaults(),
                stepper);
        plant.restore(life.plant().snapshot());
        // the days of use end with the machine hot; a cold start is the next morning's
        plant.setTemperatures(start.boilerC(), start.groupMetalC());
        return new Fouled(plant, life.scale(), diary == null ? null : diary.finish());
    }

    /** The {@code --start} flag: {@code hot} or {@code cold}; null (not given): null. */
    static StartState startState(String name) {
        if (name == null) {
            return null;
        }
        return switch (name) {
            case "hot" -> StartState.HOT;
            case "cold" -> StartState.COLD;
            default -> throw new UserInputException("--start must be hot or cold, got '" + name + "'");
        };
    }

    /** The {@code --start} flag's initial conditions; not given: the machine file's start. */
    static InitialConditions start(String name, Machine machine) {
        StartState s = startState(name);
        return InitialConditions.of(s == null ? machine.parameters().start() : s);
    }

    /** The {@code --stepper} flag: {@code fixed} or {@code reference}. */
    static StepperKind stepper(String name) {
        for (StepperKind kind : StepperKind.values()) {
            if (kind.label().equals(name)) {
                return kind;
            }
        }
        throw new UserInputException("--stepper must be fixed or reference, got '" + name + "'");
    }
}
