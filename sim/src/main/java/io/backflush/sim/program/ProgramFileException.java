package io.backflush.sim.program;

import io.backflush.core.param.ParameterFileException;

/**
 * A program file (or program name) that cannot be used. The message reads
 * {@code file:line:column: field.path: reason}, e.g.
 * {@code my-clean.yaml:7:5: phases[1].cycles: must be between 1 and 1000, got 0}.
 */
public final class ProgramFileException extends ParameterFileException {
    private static final long serialVersionUID = 1L;

    ProgramFileException(ParameterFileException problem) {
        super(problem);
    }
}
