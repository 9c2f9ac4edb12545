package io.backflush.sim.live;

/** A control message from a page that is malformed or out of range: the message says what and where. */
public final class LiveInputException extends RuntimeException {
    public LiveInputException(String message) {
        super(message);
    }
}
