package io.backflush.sim.cli;

import io.backflush.core.machine.Machine;
import io.backflush.core.machine.Presets;
import io.backflush.core.param.InvalidParameterException;
import io.backflush.sim.program.BackflushProgram;
import io.backflush.sim.program.Programs;

/** Turns command-line names into machines and programs, with errors a user can act on. */
final class Inputs {
    private Inputs() {
    }

    static Machine machine(String nameOrPath) {
        return Presets.find(nameOrPath)
                .map(p -> {
                    try {
                        return Machine.of(p);
                    } catch (InvalidParameterException e) {
                        throw new UserInputException("machine '" + nameOrPath + "': " + e.getMessage());
                    }
                })
                .orElseThrow(() -> new UserInputException("unknown machine '" + nameOrPath + "': expected one of "
                        + String.join(", ", Presets.all().keySet())));
    }

    static BackflushProgram program(String nameOrPath) {
        return Programs.find(nameOrPath)
                .orElseThrow(() -> new UserInputException("unknown program '" + nameOrPath + "': expected one of "
                        + String.join(", ", Programs.all().keySet())));
    }
}
