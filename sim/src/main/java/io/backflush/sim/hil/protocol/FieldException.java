package io.backflush.sim.hil.protocol;

/** A field of a decoded message is missing, mistyped or out of range: a {@code BAD_PAYLOAD}. */
final class FieldException extends RuntimeException {
    FieldException(String message) {
        super(message, null, false, false);
    }
}
