package io.backflush.sim.hil;

import io.backflush.sim.hil.client.HilClient;
import io.backflush.sim.hil.protocol.Encoding;
import io.backflush.sim.hil.protocol.Message;
import io.backflush.sim.hil.server.HilServer;
import io.backflush.sim.hil.server.SessionConfig;
import io.backflush.sim.hil.server.SessionResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static io.backflush.sim.hil.HilSessionTest.MACHINE;
import static io.backflush.sim.hil.HilSessionTest.assertSameBytes;
import static io.backflush.sim.hil.HilSessionTest.firmware;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The lockstep spin ({@code serve --spin-us}, {@link SessionConfig#lockstepSpinMicros}) changes when
 * the server reads the firmware's frames, never what the plant does: the trace is the same bytes
 * with the spin off, at its default and long, over TCP and a Unix socket; and a session that spins
 * still resends and trips its watchdog on silence and ends on a disconnect.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class LockstepSpinTest {
    /** Runs the firmware for 3000 ticks over TCP or a Unix socket with this spin; returns the trace. */
    static byte[] trace(Path dir, String transport, long spinUs, int slowEvery) throws Exception {
        Path trace = dir.resolve(transport + "-" + spinUs + "-" + slowEvery + ".csv");
        SessionConfig config = SessionConfig.lockstep(MACHINE).withTrace(trace).withLockstepSpinMicros(spinUs);
        LinkedBlockingQueue<SessionResult> ended = new LinkedBlockingQueue<>();
        Path socket = dir.resolve("spin.sock");
        try (HilServer server = transport.equals("unix") ? HilServer.unix(config, socket, 1, ended::add)
                : new HilServer(config, InetAddress.getLoopbackAddress(), 0, 1, ended::add);
             HilClient c = transport.equals("unix") ? HilClient.connectUnix(socket, Encoding.BINARY)
                     : HilClient.connect("127.0.0.1", server.port(), Encoding.BINARY)) {
            c.hello(false, 0);
            firmware(c, 3_000, slowEvery);
            SessionResult r = ended.poll(20, TimeUnit.SECONDS);
            assertThat(r).isNotNull();
            assertThat(r.reason()).isEqualTo("client said bye");
            assertThat(r.ticks()).isEqualTo(3_000);
            assertThat(r.errors()).isZero();
        }
        return Files.readAllBytes(trace);
    }

    @Test
    void theTraceIsTheSameBytesWithTheSpinOffAtItsDefaultAndLong(@TempDir Path dir) throws Exception {
        byte[] blocking = trace(dir, "tcp", 0, 0);
        assertThat(blocking.length).isGreaterThan(50_000);
        assertSameBytes(trace(dir, "tcp", SessionConfig.DEFAULT_LOCKSTEP_SPIN_MICROS, 0), blocking);
        // a client slower than the spin now and then (2 ms sleeps): the spin runs out, the read blocks
        assertSameBytes(trace(dir, "tcp", 500, 100), blocking);
        assertSameBytes(trace(dir, "unix", 0, 0), blocking);
        assertSameBytes(trace(dir, "unix", 500, 100), blocking);
    }

    @Test
    void aSpinningSessionStillResendsTripsItsWatchdogAndEndsOnADisconnect(@TempDir Path dir) throws Exception {
        for (String transport : new String[] {"tcp", "unix"}) {
            SessionConfig config = SessionConfig.lockstep(MACHINE).withTimeouts(300, 100).withLockstepSpinMicros(2_000);
            LinkedBlockingQueue<SessionResult> ended = new LinkedBlockingQueue<>();
            Path socket = dir.resolve(transport + ".sock");
            try (HilServer server = transport.equals("unix") ? HilServer.unix(config, socket, 1, ended::add)
                    : new HilServer(config, InetAddress.getLoopbackAddress(), 0, 1, ended::add)) {
                HilClient c = transport.equals("unix") ? HilClient.connectUnix(socket, Encoding.BINARY)
                        : HilClient.connect("127.0.0.1", server.port(), Encoding.BINARY);
                try {
                    c.hello(false, 0);
                    Message.SensorFrame s = c.nextSensors();
                    for (int i = 0; i < 20; i++) {
                        c.actuate(s, 1, true, 0);
                        s = c.sensorsFor(i + 1L);
                    }
                    // silence: the last frame comes again, marked resent, then in the safe state
                    boolean resent = false;
                    boolean safe = false;
                    for (int i = 0; i < 100 && !safe; i++) {
                        Message.SensorFrame f = c.nextSensors();
                        assertThat(f.seq()).isEqualTo(20);
                        resent |= (f.status() & Message.SensorFrame.STATUS_RESENT) != 0;
                        safe = (f.status() & Message.SensorFrame.STATUS_SAFE) != 0;
                    }
                    assertThat(resent).as(transport + ": resent after silence").isTrue();
                    assertThat(safe).as(transport + ": watchdog tripped").isTrue();
                    // the firmware is back: the answer to tick 20 is taken, through the spin again
                    c.actuate(s, 0, false, 0);
                    assertThat(c.sensorsFor(21).seq()).isEqualTo(21);
                } finally {
                    c.close();
                }
                SessionResult r = ended.poll(20, TimeUnit.SECONDS);
                assertThat(r).as(transport + ": the session ended on the disconnect").isNotNull();
                assertThat(r.reason()).isEqualTo("firmware disconnected");
                assertThat(r.watchdogTrips()).isEqualTo(1);
                assertThat(r.resends()).isPositive();
                assertThat(r.ticks()).isEqualTo(21);
            }
        }
    }

    @Test
    void aSpinOutsideItsBoundsIsRefused() {
        SessionConfig config = SessionConfig.lockstep(MACHINE);
        assertThat(config.lockstepSpinMicros()).isEqualTo(SessionConfig.DEFAULT_LOCKSTEP_SPIN_MICROS);
        assertThatThrownBy(() -> config.withLockstepSpinMicros(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0..10000");
        assertThatThrownBy(() -> config.withLockstepSpinMicros(SessionConfig.MAX_LOCKSTEP_SPIN_MICROS + 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(config.withLockstepSpinMicros(0).lockstepSpinMicros()).isZero();
    }
}
