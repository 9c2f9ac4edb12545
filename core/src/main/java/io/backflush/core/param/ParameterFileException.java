package io.backflush.core.param;

/**
 * A machine, program or strategy file that cannot be used. The message points at the problem the
 * way a compiler does:
 *
 * <pre>
 * my-gaggia.yaml:7:3: chamber.freeVolumeMl: must be between 1.0 and 1000.0, got -5.0
 * </pre>
 *
 * that is {@code file:line:column: field.path: reason}. The line and column are 1-based and
 * left out where the problem has no place in the file (the file is missing, say); the field path
 * is left out where the problem concerns no field (malformed YAML, an empty file).
 */
public class ParameterFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final String fieldPath;
    private final int line;
    private final int column;
    private final String reason;

    /**
     * @param source    the file (or name) that was read
     * @param fieldPath the field's path, e.g. {@code chamber.freeVolumeMl} or {@code phases[1].cycles};
     *                  empty where the problem concerns no field
     * @param line      1-based line, or 0 where unknown
     * @param column    1-based column, or 0 where unknown
     * @param reason    what is wrong, for a person
     * @param cause     the underlying exception, may be null
     */
    public ParameterFileException(String source, String fieldPath, int line, int column, String reason,
                                  Throwable cause) {
        super(format(source, fieldPath, line, column, reason), cause);
        this.source = source;
        this.fieldPath = fieldPath == null ? "" : fieldPath;
        this.line = line;
        this.column = column;
        this.reason = reason;
    }

    /** Copies another problem, for the loaders' own exception types. */
    protected ParameterFileException(ParameterFileException other) {
        this(other.source, other.fieldPath, other.line, other.column, other.reason, other.getCause());
        setStackTrace(other.getStackTrace());
    }

    /** The file (or name) that was read. */
    public String source() {
        return source;
    }

    /** The field's path, e.g. {@code chamber.freeVolumeMl}; empty where no field is at fault. */
    public String fieldPath() {
        return fieldPath;
    }

    /** 1-based line of the field (or of the problem) in the file, 0 where unknown. */
    public int line() {
        return line;
    }

    /** 1-based column, 0 where unknown. */
    public int column() {
        return column;
    }

    /** The reason alone. */
    public String reason() {
        return reason;
    }

    static String format(String source, String fieldPath, int line, int column, String reason) {
        StringBuilder message = new StringBuilder(String.valueOf(source));
        if (line > 0) {
            message.append(':').append(line);
            if (column > 0) {
                message.append(':').append(column);
            }
        }
        message.append(": ");
        if (fieldPath != null && !fieldPath.isEmpty()) {
            message.append(fieldPath).append(": ");
        }
        message.append(reason == null || reason.isBlank() ? "invalid" : reason);
        return message.toString();
    }
}
