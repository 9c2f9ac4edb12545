package io.backflush.sim.hil.protocol;

/**
 * A push decoder for a byte stream: {@link #feed} bytes as they arrive, then call {@link #next}
 * until it returns null. Bounded memory: it never holds more than {@link #capacity()} bytes, so
 * feed at most {@link #space()} bytes at a time. Never throws on any input.
 */
public interface FrameDecoder {
    /** How many bytes {@link #feed} accepts now. */
    int space();

    int capacity();

    /** Appends bytes; {@code len} must be at most {@link #space()}. */
    void feed(byte[] data, int off, int len);

    /** The next message or error, or null when more bytes are needed. */
    Decoded next();

    /** Errors found so far. */
    long errors();

    Encoding encoding();

    /**
     * Reads what follows as protocol {@code version} (a client tells its decoder the hello_ack's
     * version). Binary frames say their own version; JSON lines do not.
     */
    default void version(int version) {
    }
}
