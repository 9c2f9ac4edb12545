package io.backflush.sim.hil.fault;

/** A fault spec that cannot be understood; the message says which key and why. */
public final class FaultSpecException extends RuntimeException {
    public FaultSpecException(String message) {
        super(message, null, false, false);
    }
}
