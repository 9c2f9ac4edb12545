package io.backflush.sim.cli;

import io.backflush.core.machine.Machine;
import io.backflush.core.plant.StepperKind;
import io.backflush.sim.program.BackflushProgram;
import io.backflush.sim.run.BackflushRun;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * What a backflush run is made of, shared by {@code run} and {@code report}: the machine, the
 * program, the step, the dose and where the machine starts from.
 */
final class RunOptions {
    @Option(names = "--machine", required = true, paramLabel = "M",
            description = "A preset (see 'backflush machines') or a machine YAML file.")
    String machine;

    @Option(names = "--program", required = true, paramLabel = "P",
            description = "A named program (see 'backflush programs') or a program YAML file.")
    String program;

    @Option(names = "--dt", paramLabel = "SECONDS", defaultValue = "0.001",
            description = "Fixed step, s (1e-5 to 0.1; default ${DEFAULT-VALUE}).")
    double dtSeconds;

    @Option(names = "--stepper", paramLabel = "S", defaultValue = "fixed",
            description = "fixed (default: the product's implicit fixed-step stepper) or reference (the Commons Math "
                    + "Dormand-Prince integrator on the same equations, every switch placed exactly; thousands of "
                    + "times slower): run both to check the fixed stepper on your machine file.")
    String stepper;

    @Option(names = "--start", paramLabel = "STATE",
            description = "hot (boiler at 93 °C, the group in steady state with it) or cold (the whole machine at room "
                    + "temperature, just switched on); default: the machine file's start, hot on every preset.")
    String start;

    @Option(names = "--detergent", paramLabel = "GRAMS",
            description = "Detergent put in the blind basket at the start of each detergent phase, g "
                    + "(default: 3 g for programs with a detergent phase, else 0).")
    Double detergentGrams;

    @Option(names = "--fouled-days", paramLabel = "DAYS", defaultValue = "0",
            description = "Start from a machine used this many days without cleaning (default ${DEFAULT-VALUE}: clean).")
    int fouledDays;

    @Option(names = "--shots-per-day", paramLabel = "N", defaultValue = "10",
            description = "Shots a day while fouling (default ${DEFAULT-VALUE}).")
    double shotsPerDay;

    @Option(names = "--roast", paramLabel = "R", defaultValue = "medium",
            description = "Roast while fouling: light, medium or dark (default ${DEFAULT-VALUE}).")
    String roast;

    @Mixin
    WaterOptions water;

    @Option(names = "--force",
            description = "Run even on a machine without a three-way valve, to see what happens instead.")
    boolean force;

    /** The checked inputs of a run; {@link #fouled()} builds (and, if asked, fouls) the machine. */
    record Run(Machine machine, BackflushProgram program, double dtSeconds, double detergentGrams, StepperKind stepper,
               RunOptions options) {
        /** The plant and the scale the days of use left (with {@code --hardness}/{@code --alkalinity}). */
        RunSetup.Fouled fouled() {
            return RunSetup.fouled(machine, options.fouledDays, options.shotsPerDay, options.roast, stepper,
                    RunSetup.start(options.start, machine),
                    options.water.water() != null ? options.water.water() : machine.water());
        }
    }

    /** Checks the flags and resolves machine and program; refuses unsafe programs unless forced. */
    Run resolve() {
        RunCommand.validateDt(dtSeconds);
        StepperKind kind = RunSetup.stepper(stepper);
        RunSetup.startState(start);
        Machine m = Inputs.machine(machine);
        BackflushProgram p = Inputs.program(program);
        if (p.phases().stream().anyMatch(phase -> phase.kind().openGroup())) {
            throw new UserInputException("--program " + program + ": its descale and flush phases run through the open "
                    + "group in days of use: put it in a strategy's task and use 'backflush compare'");
        }
        water.water();
        if (!force) {
            BackflushRun.refuseUnsafe(m);
        }
        RunSetup.checkFouling(fouledDays, shotsPerDay, roast);
        return new Run(m, p, dtSeconds, RunSetup.detergentGrams(detergentGrams, p), kind, this);
    }
}
