package io.backflush.sim.hil.server;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;

/** A TCP connection (Nagle off, so each frame leaves at once). */
public final class SocketTransport implements Transport {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private int timeout = -1;

    public SocketTransport(Socket socket) throws IOException {
        this.socket = socket;
        socket.setTcpNoDelay(true);
        this.in = socket.getInputStream();
        this.out = new BufferedOutputStream(socket.getOutputStream(), 8192);
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
        // "tcp 127.0.0.1:40312": InetSocketAddress.toString() would put a "/" before the address
        return "tcp " + socket.getInetAddress().getHostAddress() + ":" + socket.getPort();
    }

    @Override
    public boolean supportsReadTimeout() {
        return true;
    }

    @Override
    public void setReadTimeoutMillis(int millis) throws IOException {
        if (millis != timeout) {
            socket.setSoTimeout(millis);
            timeout = millis;
        }
    }

    @Override
    public boolean supportsReadNow() {
        return true;
    }

    /** {@link InputStream#available} (FIONREAD on the socket), then a read of no more than that, which cannot block. */
    @Override
    public int readNow(byte[] b, int off, int len) throws IOException {
        int ready = in.available();
        return ready <= 0 || len == 0 ? 0 : in.read(b, off, Math.min(len, ready));
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
