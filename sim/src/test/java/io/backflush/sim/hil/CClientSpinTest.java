package io.backflush.sim.hil;

import io.backflush.core.machine.MachineFiles;
import io.backflush.sim.hil.server.HilSession;
import io.backflush.sim.hil.server.SessionConfig;
import io.backflush.sim.hil.server.SessionResult;
import io.backflush.sim.hil.server.SocketTransport;
import io.backflush.sim.hil.server.Transport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The C client's spin backs off ({@code bfh_set_spin_us} in clients/c/backflush_hil.h): against a
 * server that answers every frame 5 ms late, far longer than the client's 50 µs spin, the client
 * spins on reads 1, 3, 6, 11, 20, 37 and 70 of 101 (skipping 1, 2, 4 … 32 reads after them) and
 * blocks on the others, instead of spinning in vain on all of them.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class CClientSpinTest {
    static Path binary;

    @BeforeAll
    static void compile(@TempDir Path dir) throws Exception {
        binary = dir.resolve("example_firmware");
        CFirmwareTest.compileC(binary, CFirmwareTest.SOURCE_DIR.resolve("example_firmware.c").toString(), "-lm");
    }

    /** A TCP connection whose every flush (one per frame the session sends) waits 5 ms first. */
    static Transport late(SocketTransport tcp) {
        OutputStream out = new FilterOutputStream(tcp.out()) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void flush() throws IOException {
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException();
                }
                out.flush();
            }
        };
        return new Transport() {
            @Override
            public InputStream in() {
                return tcp.in();
            }

            @Override
            public OutputStream out() {
                return out;
            }

            @Override
            public String describe() {
                return "late " + tcp.describe();
            }

            @Override
            public boolean supportsReadTimeout() {
                return true;
            }

            @Override
            public void setReadTimeoutMillis(int millis) throws IOException {
                tcp.setReadTimeoutMillis(millis);
            }

            @Override
            public void close() throws IOException {
                tcp.close();
            }
        };
    }

    @Test
    void aSpinThatNeverCatchesAFrameBacksOff() throws Exception {
        SessionConfig config = SessionConfig.lockstep(MachineFiles.resolve("single-boiler")).withLockstepSpinMicros(0);
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<SessionResult> session = CompletableFuture.supplyAsync(() -> {
                try {
                    return new HilSession(config, late(new SocketTransport(listener.accept())), 1).call();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            String out = CFirmwareTest.runToEnd(List.of(binary.toString(), "127.0.0.1",
                    String.valueOf(listener.getLocalPort()), "--bench", "100", "--spin-us", "50"), 60);
            SessionResult result = session.get(20, TimeUnit.SECONDS);
            assertThat(result.ticks()).isEqualTo(100);

            Matcher m = Pattern.compile("spin_hits=(\\d+) spin_misses=(\\d+)").matcher(out);
            assertThat(m.find()).as(out).isTrue();
            long hits = Long.parseLong(m.group(1));
            long misses = Long.parseLong(m.group(2));
            // a frame can be there before the client looks (the client descheduled for 5 ms on a busy
            // machine): each such hit starts the back-off again, at most 7 more misses per 101 reads
            assertThat(misses).as(out).isBetween(1L, 7L * (hits + 1));
            if (hits == 0) {
                assertThat(misses).as(out).isEqualTo(7);
            }
        }
    }
}
