package io.backflush.sim.hil.client;

import io.backflush.sim.hil.protocol.DecodeError;
import io.backflush.sim.hil.protocol.Decoded;
import io.backflush.sim.hil.protocol.Encoding;
import io.backflush.sim.hil.protocol.FrameDecoder;
import io.backflush.sim.hil.protocol.Message;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/**
 * A small Java client of the plant server (tests, benchmarks, firmware written in Java): send
 * messages, receive them in order. Not thread-safe.
 */
public final class HilClient implements Closeable {
    private final InputStream in;
    private final OutputStream out;
    private final Closeable resource;
    private final Encoding encoding;
    private final FrameDecoder decoder;
    private final byte[] chunk = new byte[4096];
    private final byte[] outBuffer = new byte[Encoding.MAX_FRAME_BYTES];
    private int version = Message.VERSION;

    public HilClient(InputStream in, OutputStream out, Encoding encoding, Closeable resource) {
        this.in = in;
        this.out = out;
        this.encoding = encoding;
        this.decoder = encoding.newDecoder();
        this.resource = resource;
    }

    /** Connects over TCP (Nagle off). */
    public static HilClient connect(String host, int port, Encoding encoding) throws IOException {
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        s.connect(new InetSocketAddress(host, port), 5_000);
        s.setSoTimeout(30_000);
        return new HilClient(s.getInputStream(), new BufferedOutputStream(s.getOutputStream()), encoding, s);
    }

    /**
     * Connects to a Unix-domain socket. Reads block (no timeout: bound them from the caller, e.g.
     * with JUnit's {@code @Timeout}, which interrupts the blocked read and closes the channel).
     */
    public static HilClient connectUnix(Path path, Encoding encoding) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.connect(UnixDomainSocketAddress.of(path));
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        return new HilClient(Channels.newInputStream(channel), new BufferedOutputStream(Channels.newOutputStream(channel)),
                encoding, channel);
    }

    /** Says hello in protocol v1 only (as clients before v2 did); returns the server's answer. */
    public Message.HelloAck hello(boolean raw, long dtMicros) throws IOException {
        return hello(raw, dtMicros, Message.VERSION, Message.VERSION);
    }

    /**
     * Says hello offering versions {@code minVersion..maxVersion}; returns the server's answer and
     * speaks the version it chose from then on.
     */
    public Message.HelloAck hello(boolean raw, long dtMicros, int minVersion, int maxVersion) throws IOException {
        send(new Message.Hello(minVersion, maxVersion, raw ? Message.Hello.FLAG_RAW : 0, dtMicros));
        Message m = next();
        if (m instanceof Message.HelloAck a) {
            version = a.version();
            decoder.version(version);
            return a;
        }
        throw new IOException("expected hello_ack, got " + m);
    }

    /** The protocol version in use (1 until a hello_ack says otherwise). */
    public int version() {
        return version;
    }

    public void send(Message m) throws IOException {
        int n = encoding.encode(m, outBuffer, version);
        out.write(outBuffer, 0, n);
        out.flush();
    }

    /** The next message (errors from the server included); decode errors become exceptions. */
    public Message next() throws IOException {
        while (true) {
            Decoded d = decoder.next();
            if (d instanceof Message m) {
                return m;
            }
            if (d instanceof DecodeError e) {
                throw new IOException("bad frame from server: " + e.detail());
            }
            int n = in.read(chunk, 0, Math.min(chunk.length, decoder.space()));
            if (n < 0) {
                throw new EOFException("server closed the connection");
            }
            decoder.feed(chunk, 0, n);
        }
    }

    /** The next sensor frame, skipping acks (an error frame is an exception). */
    public Message.SensorFrame nextSensors() throws IOException {
        while (true) {
            Message m = next();
            if (m instanceof Message.SensorFrame s) {
                return s;
            }
            if (m instanceof Message.Error e) {
                throw new IOException("server error " + e.code() + ": " + e.message());
            }
        }
    }

    /**
     * The sensor frame of tick {@code seq}: frames of earlier ticks still in flight (resends the
     * server sent while this client was busy) are skipped, so a slow client never mistakes a resend
     * for the answer to its last actuator frame. Sequence numbers compare modulo 2^32.
     */
    public Message.SensorFrame sensorsFor(long seq) throws IOException {
        while (true) {
            Message.SensorFrame s = nextSensors();
            long behind = (seq - s.seq()) & 0xFFFFFFFFL;
            if (behind == 0 || behind >= 0x80000000L) {
                return s;
            }
        }
    }

    /** Answers sensor frame {@code s}. */
    public void actuate(Message.SensorFrame s, double pump, boolean solenoid, double heater) throws IOException {
        send(new Message.ActuatorFrame(s.seq(), s.timeMicros(), pump, heater, solenoid));
    }

    @Override
    public void close() throws IOException {
        if (resource != null) {
            resource.close();
        } else {
            in.close();
            out.close();
        }
    }
}
