package io.backflush.sim.hil.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * What the tests' scripted transports share: a transport with read timeouts that writes nowhere,
 * closes as a no-op and writes down every read timeout it is given; its blocking reads are the
 * script's {@link #readBlocking}.
 */
abstract class ScriptedTransportBase implements Transport {
    /** One blocking read of the input stream: bytes read, -1 at the end, or a timeout thrown. */
    abstract int readBlocking(byte[] b, int off, int len) throws IOException;

    @Override
    public InputStream in() {
        return new InputStream() {
            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return readBlocking(b, off, len);
            }
        };
    }

    /** Every {@link #setReadTimeoutMillis} in turn. */
    final List<Integer> timeouts = new ArrayList<>();
    int lastTimeoutMillis;

    @Override
    public OutputStream out() {
        return OutputStream.nullOutputStream();
    }

    @Override
    public String describe() {
        return "scripted";
    }

    @Override
    public boolean supportsReadTimeout() {
        return true;
    }

    @Override
    public void setReadTimeoutMillis(int millis) {
        lastTimeoutMillis = millis;
        timeouts.add(millis);
    }

    @Override
    public void close() {
    }
}
