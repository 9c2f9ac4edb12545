package io.backflush.sim.hil.protocol;

/**
 * Bad input found by a decoder: what was wrong and where. The decoder has already skipped the bad
 * bytes and goes on with the rest of the stream.
 *
 * @param code   what kind of error
 * @param offset byte offset in the stream (binary) or line number from 1 (JSON lines)
 * @param detail one line saying what was wrong
 */
public record DecodeError(ErrorCode code, long offset, String detail) implements Decoded {
    /** The error as an error frame to send back (with the session's running error count). */
    public Message.Error toFrame(long count) {
        return new Message.Error(code.wire(), count, detail + " at " + (code == ErrorCode.BAD_JSON
                || code == ErrorCode.OVERSIZED ? "line " : "byte ") + offset);
    }
}
