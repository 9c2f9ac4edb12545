package io.backflush.sim.hil.server;

import io.backflush.core.machine.Machine;
import io.backflush.core.machine.Presets;
import io.backflush.core.plant.Actuators;
import io.backflush.core.plant.Plant;
import io.backflush.sim.hil.client.HilClient;
import io.backflush.sim.hil.protocol.BinaryCodec;
import io.backflush.sim.hil.protocol.Encoding;
import io.backflush.sim.hil.protocol.ErrorCode;
import io.backflush.sim.hil.protocol.Message;
import io.backflush.sim.run.TickObserver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A session's life over loopback TCP, from the connection to the end (docs/protocol.md, "Session"
 * 1 and 6): no hello in time, a disconnect before hello, what the hello's flags and dt give, the
 * server's stop, the connection closed after bye, and what a {@link SessionWatcher} sees (a plant
 * at the start and at every reset, its ticks, the end and its reason). Every read is bounded by
 * the socket's timeout, every wait for the session's end by a poll with a timeout.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SessionLifecycleTest {
    static final Machine MACHINE = Machine.of(Presets.singleBoiler());
    static final int READ_TIMEOUT_MS = 10_000;

    /** A server with one session slot, a client socket on it, and the results of its sessions. */
    static final class Conn implements AutoCloseable {
        final HilServer server;
        final Socket socket;
        final HilClient client;
        final LinkedBlockingQueue<SessionResult> ended = new LinkedBlockingQueue<>();

        Conn(SessionConfig config, SessionWatcher watcher) throws IOException {
            server = new HilServer(config, InetAddress.getLoopbackAddress(), 0, 1, ended::add).watchedBy(watcher);
            socket = new Socket();
            socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5_000);
            socket.setSoTimeout(READ_TIMEOUT_MS);
            client = new HilClient(socket.getInputStream(), socket.getOutputStream(), Encoding.BINARY, null);
        }

        /** Says hello (v1, no raw signals, the server's dt) and returns the sensor frame of tick 0. */
        Message.SensorFrame start() throws IOException {
            client.hello(false, 0);
            Message.SensorFrame f = client.nextSensors();
            assertThat(f.seq()).isZero();
            return f;
        }

        SessionResult result(long seconds) throws InterruptedException {
            return ended.poll(seconds, TimeUnit.SECONDS);
        }

        /** Reads the socket to its end: what the server sent before closing it. */
        byte[] restUntilClosed() throws IOException {
            InputStream in = socket.getInputStream();
            return in.readAllBytes();
        }

        @Override
        public void close() throws IOException {
            try {
                socket.close();
            } finally {
                server.close();
            }
        }
    }

    /** Records what the server tells it. */
    static final class Watcher implements SessionWatcher {
        final List<String> calls = new CopyOnWriteArrayList<>();
        final AtomicLong ticks = new AtomicLong();
        final boolean observe;

        Watcher(boolean observe) {
            this.observe = observe;
        }

        @Override
        public TickObserver watch(long sessionId, Machine machine, Plant plant, Actuators commanded) {
            calls.add("watch " + sessionId + " " + (machine == MACHINE) + " " + (plant != null) + " " + (commanded != null));
            return observe ? (t, p) -> ticks.incrementAndGet() : null;
        }

        @Override
        public void ended(long sessionId, String reason) {
            calls.add("ended " + sessionId + ": " + reason);
        }
    }

    static SessionConfig config(long watchdogMs, long resendMs) {
        return SessionConfig.lockstep(MACHINE).withTimeouts(watchdogMs, resendMs);
    }

    @Test
    void noHelloWithinTheWatchdogClosesTheConnectionWithoutAWord() throws Exception {
        Watcher w = new Watcher(true);
        try (Conn c = new Conn(config(300, 100), w)) {
            long start = System.nanoTime();
            assertThat(c.restUntilClosed()).as("nothing sent before the close").isEmpty();
            SessionResult r = c.result(20);
            assertThat(r).isNotNull();
            assertThat(System.nanoTime() - start).as("not before the watchdog").isGreaterThanOrEqualTo(300_000_000L);
            assertThat(r.reason()).isEqualTo("no hello within 300 ms");
            assertThat(r.ticks()).isZero();
            assertThat(r.errors()).isZero();
            assertThat(r.cycles()).isEmpty();
            assertThat(w.calls).containsExactly("ended 1: no hello within 300 ms");
        }
    }

    @Test
    void aDisconnectBeforeHelloEndsTheSessionSo() throws Exception {
        Watcher w = new Watcher(true);
        try (Conn c = new Conn(config(20_000, 1_000), w)) {
            c.socket.close();
            SessionResult r = c.result(20);
            assertThat(r).isNotNull();
            assertThat(r.reason()).isEqualTo("disconnected before hello");
            assertThat(w.calls).containsExactly("ended 1: disconnected before hello");
        }
    }

    @Test
    void junkBeforeHelloGetsItsDecodeErrorNotNoHelloAndTheHelloStillWorks() throws Exception {
        try (Conn c = new Conn(config(20_000, 1_000), null)) {
            // a binary frame with a bad CRC: the decoder's errors (the CRC, then the rest of the
            // frame skipped while it looks for the next magic), counted from 1, never NO_HELLO
            byte[] bye = new byte[Encoding.MAX_FRAME_BYTES];
            int n = BinaryCodec.encode(new Message.Bye(), bye);
            bye[n - 1] ^= 0x55;
            c.socket.getOutputStream().write(bye, 0, n);
            c.client.send(new Message.Hello(1, 1, 0, 0));
            List<Message> before = new java.util.ArrayList<>();
            Message m;
            while (!((m = c.client.next()) instanceof Message.HelloAck)) {
                before.add(m);
                assertThat(before).as("bounded").hasSizeLessThan(10);
            }
            assertThat(before).isNotEmpty().allSatisfy(e -> assertThat(e).isInstanceOf(Message.Error.class));
            assertThat(((Message.Error) before.get(0)).code()).isEqualTo(ErrorCode.BAD_CRC.wire());
            for (int i = 0; i < before.size(); i++) {
                Message.Error e = (Message.Error) before.get(i);
                assertThat(e.code()).as(e.toString()).isNotEqualTo(ErrorCode.NO_HELLO.wire());
                assertThat(e.count()).as("running count").isEqualTo(i + 1);
            }
            assertThat(((Message.HelloAck) m).sessionId()).isEqualTo(1);
            assertThat(c.client.nextSensors().seq()).isZero();
            c.client.send(new Message.Bye());
            assertThat(c.client.next()).isEqualTo(new Message.Ack(BinaryCodec.BYE, 0));
            SessionResult r = c.result(20);
            assertThat(r.reason()).isEqualTo("client said bye");
            assertThat(r.errors()).isEqualTo(before.size());
        }
    }

    @Test
    void theHelloAckGrantsRawOnlyWhenAskedAndGivesTheTickInForce() throws Exception {
        // lockstep at 500 Hz: dt_us 0 is the server's 2000 µs; 250 is honoured
        SessionConfig lockstep = new SessionConfig(MACHINE, false, 500, 1, 20_000, 1_000, null, List.of(), 0.5, 2000,
                SessionConfig.DEFAULT_TRACE_MAX_MB * SessionConfig.BYTES_PER_MB);
        for (boolean raw : new boolean[] {false, true}) {
            for (long dt : new long[] {0, 250}) {
                try (Conn c = new Conn(lockstep, null)) {
                    Message.HelloAck ack = c.client.hello(raw, dt, 1, 2);
                    assertThat(ack.flags()).as("raw %s", raw).isEqualTo(raw ? Message.Hello.FLAG_RAW : 0);
                    assertThat(ack.dtMicros()).as("dt_us %d", dt).isEqualTo(dt == 0 ? 2000 : 250);
                    assertThat(ack.version()).isEqualTo(2);
                    Message.SensorFrame f0 = c.client.nextSensors();
                    c.client.actuate(f0, 0, false, 0);
                    assertThat(c.client.sensorsFor(1).timeMicros()).isEqualTo(dt == 0 ? 2000 : 250);
                }
            }
        }
        // real time at 500 Hz: the hello's dt_us is ignored, even one out of range
        SessionConfig realTime = lockstep.withRealtime(500, 1);
        for (long dt : new long[] {250, 5}) {
            try (Conn c = new Conn(realTime, null)) {
                Message.HelloAck ack = c.client.hello(false, dt, 1, 2);
                assertThat(ack.dtMicros()).as("real time, dt_us %d", dt).isEqualTo(2000);
                assertThat(c.client.nextSensors().status() & Message.SensorFrame.STATUS_REALTIME).isNotZero();
            }
        }
    }

    @Test
    void theServersStopEndsALockstepSessionAtOnceAndClosesTheConnection() throws Exception {
        // resend and watchdog far off: only the stop can end the wait for the firmware
        Conn c = new Conn(config(60_000, 30_000), null);
        try {
            c.start();
            long start = System.nanoTime();
            c.server.close();
            SessionResult r = c.result(20);
            assertThat(r).isNotNull();
            assertThat(r.reason()).isEqualTo("server stopped");
            assertThat(System.nanoTime() - start).as("ended at once, not at a resend").isLessThan(10_000_000_000L);
            assertThatThrownBy(c.client::next).as("connection closed").isNotInstanceOf(SocketTimeoutException.class)
                    .isInstanceOf(IOException.class);
        } finally {
            c.socket.close();
        }
    }

    @Test
    void afterByeTheServerClosesTheConnectionAndTheWatcherHearsTheEnd() throws Exception {
        Watcher w = new Watcher(true);
        try (Conn c = new Conn(config(20_000, 10_000), w)) {
            Message.SensorFrame f = c.start();
            for (int i = 0; i < 3; i++) {
                c.client.actuate(f, 0.5, true, 0);
                f = c.client.sensorsFor(i + 1);
            }
            assertThat(w.ticks.get()).isEqualTo(3);
            c.client.send(new Message.Reset(7));
            assertThat(c.client.next()).isEqualTo(new Message.Ack(BinaryCodec.RESET, 0));
            f = c.client.nextSensors();
            assertThat(f.seq()).isZero();
            c.client.send(new Message.Step(5));
            assertThat(c.client.next()).isEqualTo(new Message.Ack(BinaryCodec.STEP, 5));
            assertThat(c.client.nextSensors().seq()).isEqualTo(5);
            assertThat(w.ticks.get()).as("the reset's plant watched too").isEqualTo(8);
            c.client.send(new Message.Bye());
            assertThat(c.client.next()).isEqualTo(new Message.Ack(BinaryCodec.BYE, 5));
            assertThat(c.restUntilClosed()).as("nothing after the bye's ack, then the end").isEmpty();
            SessionResult r = c.result(20);
            assertThat(r.reason()).isEqualTo("client said bye");
            assertThat(r.ticks()).isEqualTo(5);
            assertThat(w.calls).containsExactly("watch 1 true true true", "watch 1 true true true",
                    "ended 1: client said bye");
        }
    }

    @Test
    void aWatcherThatWatchesNothingLeavesTheSessionAlone() throws Exception {
        Watcher w = new Watcher(false);
        try (Conn c = new Conn(config(20_000, 10_000), w)) {
            Message.SensorFrame f = c.start();
            c.client.actuate(f, 0.5, true, 0);
            assertThat(c.client.sensorsFor(1).seq()).isEqualTo(1);
            c.client.send(new Message.Bye());
            assertThat(c.client.next()).isEqualTo(new Message.Ack(BinaryCodec.BYE, 1));
            SessionResult r = c.result(20);
            assertThat(r.reason()).isEqualTo("client said bye");
            assertThat(w.calls).containsExactly("watch 1 true true true", "ended 1: client said bye");
        }
    }

    @Test
    void aDisconnectAfterHelloEndsTheSessionAsFirmwareDisconnected() throws Exception {
        Watcher w = new Watcher(true);
        try (Conn c = new Conn(config(20_000, 10_000), w)) {
            c.start();
            c.socket.close();
            SessionResult r = c.result(20);
            assertThat(r.reason()).isEqualTo("firmware disconnected");
            assertThat(w.calls).containsExactly("watch 1 true true true", "ended 1: firmware disconnected");
        }
    }
}
