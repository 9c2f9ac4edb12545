package io.backflush.sim.usage;

import io.backflush.core.param.ParameterFileException;

/**
 * A strategy file (or strategy name) that cannot be used; the message reads
 * {@code file:line:column: field.path: reason}.
 */
public final class StrategyFileException extends ParameterFileException {
    private static final long serialVersionUID = 1L;

    StrategyFileException(ParameterFileException problem) {
        super(problem);
    }
}
