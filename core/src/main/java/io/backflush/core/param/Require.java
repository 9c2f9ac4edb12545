package io.backflush.core.param;

/** Validation helpers used by the parameter records' compact constructors. */
public final class Require {
    private Require() {
    }

    public static double finite(double value, String field) {
        if (!Double.isFinite(value)) {
            throw new InvalidParameterException(field, "must be a finite number, got " + value);
        }
        return value;
    }

    public static double positive(double value, String field) {
        finite(value, field);
        if (value <= 0) {
            throw new InvalidParameterException(field, "must be greater than 0, got " + value);
        }
        return value;
    }

    public static double nonNegative(double value, String field) {
        finite(value, field);
        if (value < 0) {
            throw new InvalidParameterException(field, "must not be negative, got " + value);
        }
        return value;
    }

    public static double inRange(double value, double min, double max, String field) {
        finite(value, field);
        if (value < min || value > max) {
            throw new InvalidParameterException(field,
                    "must be between " + min + " and " + max + ", got " + value);
        }
        return value;
    }

    public static <T> T present(T value, String field) {
        if (value == null) {
            throw new InvalidParameterException(field, "is missing");
        }
        return value;
    }
}
