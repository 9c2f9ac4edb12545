package io.backflush.sim.hil.protocol;

/**
 * Bad input found by a decoder: what was wrong and where. The decoder has already skipped the bad
 * bytes and goes on with the rest of the stream.
 *
 * @param code   what kind of error
 * @param offset byte offset in the stream (binary) or line number from 1 (JSON lines)
 * @param detail one line saying what was wrong
 * @param line   whether {@code offset} is a line number
 */
public record DecodeError(ErrorCode code, long offset, String detail, boolean line) implements Decoded {
    /** An error at a byte offset (binary frames, bytes before the encoding is known). */
    public DecodeError(ErrorCode code, long offset, String detail) {
        this(code, offset, detail, false);
    }

    /** An error in line {@code line} (from 1) of a JSON-lines stream. */
    public static DecodeError atLine(ErrorCode code, long line, String detail) {
        return new DecodeError(code, line, detail, true);
    }

    /** The error as an error frame to send back (with the session's running error count). */
    public Message.Error toFrame(long count) {
        return new Message.Error(code.wire(), count, detail + " at " + (line ? "line " : "byte ") + offset);
    }
}
