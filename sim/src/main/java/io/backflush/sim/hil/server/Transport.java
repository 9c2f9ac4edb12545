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
