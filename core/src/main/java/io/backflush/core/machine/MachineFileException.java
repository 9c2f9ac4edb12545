package io.backflush.core.machine;

import io.backflush.core.param.ParameterFileException;

/**
 * A machine file (or machine name) that cannot be used. The message reads
 * {@code file:line:column: field.path: reason}, e.g.
 * {@code my-gaggia.yaml:7:3: chamber.freeVolumeMl: must be between 1.0 and 1000.0, got -5.0}.
 */
public final class MachineFileException extends ParameterFileException {
    private static final long serialVersionUID = 1L;

    MachineFileException(ParameterFileException problem) {
        super(problem);
    }
}
