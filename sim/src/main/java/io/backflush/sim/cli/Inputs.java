package io.backflush.sim.cli;

import io.backflush.core.machine.Machine;
import io.backflush.core.machine.MachineFiles;
import io.backflush.core.param.InvalidParameterException;
import io.backflush.core.param.ParameterFileException;
import io.backflush.sim.program.BackflushProgram;
import io.backflush.sim.program.ProgramFiles;

/**
 * Turns command-line names into machines and programs: a built-in name, or else a YAML file.
 * Errors become {@link UserInputException}s that name the file, field and line.
 */
final class Inputs {
    private Inputs() {
    }

    static Machine machine(String nameOrPath) {
        try {
            return MachineFiles.resolve(nameOrPath);
        } catch (ParameterFileException e) {
            throw new UserInputException("--machine: " + e.getMessage());
        } catch (InvalidParameterException e) {
            throw new UserInputException("--machine " + nameOrPath + ": " + e.getMessage());
        }
    }

    static BackflushProgram program(String nameOrPath) {
        try {
            return ProgramFiles.resolve(nameOrPath);
        } catch (ParameterFileException e) {
            throw new UserInputException("--program: " + e.getMessage());
        } catch (InvalidParameterException e) {
            throw new UserInputException("--program " + nameOrPath + ": " + e.getMessage());
        }
    }
}
