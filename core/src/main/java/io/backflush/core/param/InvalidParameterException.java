package io.backflush.core.param;

/**
 * A parameter value that the model cannot use: negative volume, NaN, a relief pressure above the
 * pump's stall pressure, and so on. Carries the field's name so that a loader can point at the
 * offending line of a machine or program file.
 */
public final class InvalidParameterException extends IllegalArgumentException {
    private final String field;

    public InvalidParameterException(String field, String reason) {
        super(field + ": " + reason);
        this.field = field;
    }

    /** The parameter's name as it appears in a machine file, e.g. {@code freeVolumeMl}. */
    public String field() {
        return field;
    }

    /** The reason alone, without the field name. */
    public String reason() {
        String message = getMessage();
        return message.substring(field.length() + 2);
    }
}
