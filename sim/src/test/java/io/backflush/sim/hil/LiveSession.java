package io.backflush.sim.hil;

import io.backflush.sim.hil.client.HilClient;
import io.backflush.sim.hil.protocol.BinaryCodec;
import io.backflush.sim.hil.protocol.Encoding;
import io.backflush.sim.hil.protocol.Message;
import io.backflush.sim.hil.server.HilServer;
import io.backflush.sim.hil.server.SessionConfig;
import io.backflush.sim.hil.server.SessionResult;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One firmware connection to a real plant server over loopback TCP, in the binary encoding: a
 * {@link HilClient} for messages, the socket's own stream for raw bytes (corrupted frames, junk),
 * and the session's result once it has ended. Everything waits for frames by their {@code seq}
 * or type, never by sleeping; every read is bounded by the socket timeout.
 */
final class LiveSession implements AutoCloseable {
    private static final int READ_TIMEOUT_MS = 15_000;

    private final HilServer server;
    private final Socket socket;
    private final OutputStream raw;
    private final LinkedBlockingQueue<SessionResult> ended = new LinkedBlockingQueue<>();
    final HilClient client;
    /** The seq of the last sensor frame received (the tick the plant waits at, in lockstep). */
    long seq;
    /** The sensor frame of tick 0 (set by {@link #started}). */
    Message.SensorFrame first;

    private LiveSession(SessionConfig config) throws IOException {
        server = new HilServer(config, InetAddress.getLoopbackAddress(), 0, 1, ended::add);
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5_000);
        socket.setSoTimeout(READ_TIMEOUT_MS);
        raw = socket.getOutputStream();
        client = new HilClient(socket.getInputStream(), raw, Encoding.BINARY, null);
    }

    /** Connects; says nothing yet. */
    static LiveSession open(SessionConfig config) throws IOException {
        return new LiveSession(config);
    }

    /** Connects, says hello and returns the sensor frame of tick 0. */
    static LiveSession started(SessionConfig config, boolean rawSignals) throws IOException {
        LiveSession s = open(config);
        s.client.hello(rawSignals, 0);
        s.first = s.frame(0);
        return s;
    }

    /** The sensor frame of tick {@code n} (earlier frames, i.e. resends, skipped). */
    Message.SensorFrame frame(long n) throws IOException {
        Message.SensorFrame f = client.sensorsFor(n);
        assertThat(f.seq()).as("sensor frame seq").isEqualTo(n);
        seq = f.seq();
        return f;
    }

    /** Answers the current tick with these commands and returns the next tick's frame. */
    Message.SensorFrame actuate(double pump, boolean solenoid, double heater) throws IOException {
        client.send(new Message.ActuatorFrame(seq, seq * 1000, pump, heater, solenoid));
        return frame(seq + 1);
    }

    /** Advances {@code n} ticks holding the commands; returns the frame after them. */
    Message.SensorFrame step(long n) throws IOException {
        client.send(new Message.Step(n));
        return frame(seq + n);
    }

    /** Injects a fault; it must be accepted (acked). */
    void fault(String spec) throws IOException {
        client.send(new Message.Fault(spec));
        Message m = client.next();
        assertThat(m).as("answer to fault '%s'", spec).isEqualTo(new Message.Ack(BinaryCodec.FAULT, 0));
    }

    /** Resets the plant with a seed; returns the frame of the new tick 0. */
    Message.SensorFrame reset(long seed) throws IOException {
        client.send(new Message.Reset(seed));
        Message m;
        do {
            m = client.next(); // frames of the old plant still in flight, then the ack
        } while (m instanceof Message.SensorFrame);
        assertThat(m).isEqualTo(new Message.Ack(BinaryCodec.RESET, 0));
        Message.SensorFrame f = client.nextSensors();
        assertThat(f.seq()).isZero();
        seq = 0;
        return f;
    }

    /** Writes bytes as they are, bypassing the encoder. */
    void writeRaw(byte[] bytes) throws IOException {
        raw.write(bytes);
        raw.flush();
    }

    /**
     * Sends {@code step 0} (advance nothing, then a sensor frame) and returns every message the
     * server sent before that frame, plus the frame itself last: what the server made of the input
     * sent before it.
     */
    List<Message> sync() throws IOException {
        client.send(new Message.Step(0));
        List<Message> got = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            Message m = client.next();
            got.add(m);
            if (m instanceof Message.SensorFrame f && got.size() > 1 && got.get(got.size() - 2).equals(
                    new Message.Ack(BinaryCodec.STEP, 0))) {
                seq = f.seq();
                return got;
            }
        }
        throw new AssertionError("no answer to step 0 in 1000 messages: " + got);
    }

    /** Says bye and returns how the session went. */
    SessionResult bye() throws IOException, InterruptedException {
        client.send(new Message.Bye());
        return result();
    }

    /** Waits (bounded) for the session to end. */
    SessionResult result() throws InterruptedException {
        SessionResult r = ended.poll(20, TimeUnit.SECONDS);
        assertThat(r).as("session ended").isNotNull();
        return r;
    }

    @Override
    public void close() throws IOException {
        try {
            socket.close();
        } finally {
            server.close();
        }
    }

    /** The binary encoding of {@code m}. */
    static byte[] encode(Message m) {
        byte[] buf = new byte[Encoding.MAX_FRAME_BYTES];
        int n = BinaryCodec.encode(m, buf);
        return java.util.Arrays.copyOf(buf, n);
    }

    /** Recomputes a binary frame's CRC-32C after its header or payload was changed on purpose. */
    static byte[] withValidCrc(byte[] frame) {
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(frame, 0, frame.length - 4);
        java.nio.ByteBuffer.wrap(frame).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(frame.length - 4, (int) crc.getValue());
        return frame;
    }
}
