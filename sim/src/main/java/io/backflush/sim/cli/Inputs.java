package io.backflush.sim.cli;

import io.backflush.core.machine.Machine;
import io.backflush.core.machine.MachineFiles;
import io.backflush.core.param.InvalidParameterException;
import io.backflush.core.param.ParameterFileException;
import io.backflush.core.param.ParameterFiles;
import io.backflush.sim.program.BackflushProgram;
import io.backflush.sim.program.ProgramFiles;
import io.backflush.sim.usage.Strategy;
import io.backflush.sim.usage.StrategyFiles;

/**
 * Turns command-line names into machines, programs and strategies: a built-in name, or else a
 * YAML file. Errors become {@link UserInputException}s that name the flag, file, field and line.
 */
final class Inputs {
    private Inputs() {
    }

    static Machine machine(String nameOrPath) {
        return resolve("--machine", MachineFiles.files(), nameOrPath);
    }

    static BackflushProgram program(String nameOrPath) {
        return resolve("--program", ProgramFiles.files(), nameOrPath);
    }

    static Strategy strategy(String nameOrPath) {
        return resolve("--strategies", StrategyFiles.files(), nameOrPath);
    }

    private static <T> T resolve(String flag, ParameterFiles<T> files, String nameOrPath) {
        try {
            return files.resolve(nameOrPath);
        } catch (ParameterFileException e) {
            throw new UserInputException(flag + ": " + e.getMessage());
        } catch (InvalidParameterException e) {
            throw new UserInputException(flag + " " + nameOrPath + ": " + e.getMessage());
        }
    }
}
