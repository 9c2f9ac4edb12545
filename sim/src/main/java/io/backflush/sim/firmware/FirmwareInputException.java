package io.backflush.sim.firmware;

/** Something the user can fix: a sketch that does not compile, a bad pin map or scenario, a missing compiler. */
public final class FirmwareInputException extends RuntimeException {
    public FirmwareInputException(String message) {
        super(message, null, false, false);
    }
}
