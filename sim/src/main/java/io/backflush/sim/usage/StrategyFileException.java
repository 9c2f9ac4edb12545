package io.backflush.sim.usage;

import io.backflush.core.param.ParameterFileException;

/**
 * A strategy file (or strategy name) that cannot be used; the message reads
 * {@code file:line:column: field.path: reason}.
 */
public final class StrategyFileException extends ParameterFileException {
    private static final long serialVersionUID = 1L;

    public StrategyFileException(String source, String fieldPath, int line, int column, String reason,
                                 Throwable cause) {
        super(source, fieldPath, line, column, reason, cause);
    }

    StrategyFileException(ParameterFileException problem) {
        super(problem);
    }
}
