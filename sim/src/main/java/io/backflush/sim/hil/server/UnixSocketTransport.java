package io.backflush.sim.hil.server;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A Unix-domain-socket connection (Java 17's {@code UnixDomainSocketAddress}). A Unix
 * {@link SocketChannel} has no socket adaptor and so no {@code SO_TIMEOUT}: the channel is
 * non-blocking and each stream waits on a selector of its own, which gives reads a timeout (the
 * session reads it directly, as it does TCP) and lets {@link #close} wake a read or write blocked
 * in another thread.
 */
public final class UnixSocketTransport implements Transport {
    private final SocketChannel channel;
    private final String name;
    private final Selector readable;
    private final Selector writable;
    private final InputStream in = new ChannelIn();
    private final OutputStream out;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile int timeoutMillis;

    /** Takes over a connected channel (made non-blocking here); {@code name} is for logs, e.g. "unix /tmp/bf.sock". */
    public UnixSocketTransport(SocketChannel channel, String name) throws IOException {
        this.channel = channel;
        this.name = name;
        Selector r = null;
        Selector w = null;
        try {
            channel.configureBlocking(false);
            r = Selector.open();
            w = Selector.open();
            channel.register(r, SelectionKey.OP_READ);
            channel.register(w, SelectionKey.OP_WRITE);
        } catch (IOException e) {
            closeQuietly(r);
            closeQuietly(w);
            channel.close();
            throw e;
        }
        this.readable = r;
        this.writable = w;
        this.out = new BufferedOutputStream(new ChannelOut(), 8192);
    }

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
    public boolean supportsReadTimeout() {
        return true;
    }

    /** 0 or less: reads wait for ever. */
    @Override
    public void setReadTimeoutMillis(int millis) {
        timeoutMillis = millis;
    }

    @Override
    public boolean supportsReadNow() {
        return true;
    }

    /** One read of the non-blocking channel: 0 when nothing has arrived, -1 at the end of the stream. */
    @Override
    public int readNow(byte[] b, int off, int len) throws IOException {
        return len == 0 ? 0 : channel.read(ByteBuffer.wrap(b, off, len));
    }

    @Override
    public void close() throws IOException {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            channel.close();
        } finally {
            // closing a selector wakes a thread blocked in it and deregisters the channel, which
            // releases the socket at once (the peer sees the end of the stream)
            closeQuietly(readable);
            closeQuietly(writable);
        }
    }

    private static void closeQuietly(Selector s) {
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // nothing left to release
            }
        }
    }

    private final class ChannelIn extends InputStream {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            ByteBuffer buffer = ByteBuffer.wrap(b, off, len);
            int timeout = timeoutMillis;
            long deadline = timeout > 0 ? System.nanoTime() + timeout * 1_000_000L : 0;
            try {
                while (true) {
                    int n = channel.read(buffer);
                    if (n != 0) {
                        return n;
                    }
                    long waitMillis = 0;
                    if (timeout > 0) {
                        long left = deadline - System.nanoTime();
                        if (left <= 0) {
                            throw new SocketTimeoutException("read timed out after " + timeout + " ms");
                        }
                        waitMillis = Math.max(1, (left + 999_999) / 1_000_000);
                    }
                    readable.select(waitMillis);
                    readable.selectedKeys().clear();
                }
            } catch (ClosedSelectorException e) {
                throw new ClosedChannelException();
            }
        }
    }

    private final class ChannelOut extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            ByteBuffer buffer = ByteBuffer.wrap(b, off, len);
            try {
                while (true) {
                    channel.write(buffer);
                    if (!buffer.hasRemaining()) {
                        return;
                    }
                    // the peer is not reading: wait until it does (as a blocking TCP write would)
                    writable.select();
                    writable.selectedKeys().clear();
                }
            } catch (ClosedSelectorException e) {
                throw new ClosedChannelException();
            }
        }
    }
}
