package io.backflush.sim.hil.server;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A byte pipe to the firmware: a TCP connection, a serial port, or (in tests) piped streams. The
 * session logic sees only the two streams.
 */
public interface Transport extends Closeable {
    InputStream in();

    OutputStream out();

    /** For the trace and logs, e.g. "tcp 127.0.0.1:40312". */
    String describe();

    /**
     * Whether {@link InputStream#read} on {@link #in()} honours {@link #setReadTimeoutMillis}
     * (throwing {@link java.io.InterruptedIOException} on a timeout). Sessions read such
     * transports directly; others through a reader thread.
     */
    default boolean supportsReadTimeout() {
        return false;
    }

    default void setReadTimeoutMillis(int millis) throws IOException {
        throw new UnsupportedOperationException();
    }

    /**
     * Whether {@link #readNow} can tell, without waiting, what has arrived: what lets a lockstep
     * session spin for the firmware's next frame before it blocks ({@link SessionConfig#lockstepSpinMicros}).
     */
    default boolean supportsReadNow() {
        return false;
    }

    /**
     * Reads what has already arrived, never waiting: the bytes read (at most {@code len}), 0 when
     * nothing has arrived, -1 at the end of the stream where the transport can tell it without
     * waiting (a TCP socket cannot: it says 0, and the blocking read after the spin sees the end).
     * Only where {@link #supportsReadNow}.
     */
    default int readNow(byte[] b, int off, int len) throws IOException {
        throw new UnsupportedOperationException();
    }

    /** Streams without read timeouts (pipes): read through a thread by the session. */
    static Transport of(InputStream in, OutputStream out, String name) {
        return new Transport() {
            @Override
            public InputStream in() {
                return in;
            }

            @Override
            public OutputStream out() {
                return out;
            }

            @Override
            public String describe() {
                return name;
            }

            @Override
            public void close() throws IOException {
                try {
                    in.close();
                } finally {
                    out.close();
                }
            }
        };
    }
}
