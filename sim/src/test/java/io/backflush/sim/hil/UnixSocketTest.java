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
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static io.backflush.sim.hil.HilSessionTest.MACHINE;
import static io.backflush.sim.hil.HilSessionTest.assertSameBytes;
import static io.backflush.sim.hil.HilSessionTest.firmware;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The plant server over a Unix-domain socket (a @TempDir path; nothing leaves this machine). */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class UnixSocketTest {
    @Test
    void aLockstepSessionOverAUnixSocketTracesTheSameBytesAsOverTcp(@TempDir Path dir) throws Exception {
        LinkedBlockingQueue<SessionResult> ended = new LinkedBlockingQueue<>();
        try (HilServer tcp = new HilServer(SessionConfig.lockstep(MACHINE).withTrace(dir.resolve("tcp.csv")),
                InetAddress.getLoopbackAddress(), 0, 1, ended::add)) {
            try (HilClient c = HilClient.connect("127.0.0.1", tcp.port(), Encoding.BINARY)) {
                c.hello(false, 0);
                firmware(c, 6_000, 0);
            }
            assertThat(ended.poll(20, TimeUnit.SECONDS)).isNotNull();
        }
        Path socket = dir.resolve("plant.sock");
        try (HilServer unix = HilServer.unix(SessionConfig.lockstep(MACHINE).withTrace(dir.resolve("unix.csv")), socket, 2,
                ended::add)) {
            assertThat(unix.describe()).isEqualTo("unix " + socket);
            assertThat(unix.port()).isEqualTo(-1);
            for (Encoding encoding : new Encoding[] {Encoding.BINARY, Encoding.JSON}) {
                try (HilClient c = HilClient.connectUnix(socket, encoding)) {
                    Message.HelloAck ack = c.hello(false, 0);
                    assertThat(ack.dtMicros()).isEqualTo(1000);
                    firmware(c, 6_000, 0);
                }
                SessionResult r = ended.poll(20, TimeUnit.SECONDS);
                assertThat(r).isNotNull();
                assertThat(r.transport()).isEqualTo("unix " + socket);
                assertThat(r.reason()).isEqualTo("client said bye");
                assertThat(r.ticks()).isEqualTo(6_000);
                assertThat(r.errors()).isZero();
            }
        }
        byte[] overTcp = Files.readAllBytes(dir.resolve("tcp.csv"));
        assertThat(overTcp.length).isGreaterThan(100_000);
        assertSameBytes(Files.readAllBytes(dir.resolve("unix.csv")), overTcp);
        assertThat(socket).as("socket file removed at close").doesNotExist();
    }

    @Test
    void anExistingFileThatIsNotASocketIsRefusedAndLeftAlone(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("notes.txt");
        Files.writeString(file, "keep me");
        assertThatThrownBy(() -> HilServer.unix(SessionConfig.lockstep(MACHINE), file, 1, r -> { }))
                .isInstanceOf(IOException.class).hasMessage("exists and is not a socket; refusing to replace it");
        assertThat(Files.readString(file)).isEqualTo("keep me");
        Path missingDir = dir.resolve("nowhere").resolve("plant.sock");
        assertThatThrownBy(() -> HilServer.unix(SessionConfig.lockstep(MACHINE), missingDir, 1, r -> { }))
                .isInstanceOf(IOException.class).hasMessageContaining("does not exist");
    }

    @Test
    void aStaleSocketFileIsReplacedButALiveOneIsRefused(@TempDir Path dir) throws Exception {
        Path socket = dir.resolve("plant.sock");
        // a server that went away without removing its socket file
        ServerSocketChannel crashed = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        crashed.bind(UnixDomainSocketAddress.of(socket));
        crashed.close();
        assertThat(socket).exists();
        LinkedBlockingQueue<SessionResult> ended = new LinkedBlockingQueue<>();
        // two sessions: the second server's probe opens one for a moment
        try (HilServer server = HilServer.unix(SessionConfig.lockstep(MACHINE), socket, 2, ended::add)) {
            assertThatThrownBy(() -> HilServer.unix(SessionConfig.lockstep(MACHINE), socket, 1, r -> { }))
                    .isInstanceOf(IOException.class).hasMessage("another server is listening on this socket");
            try (HilClient c = HilClient.connectUnix(socket, Encoding.BINARY)) {
                c.hello(false, 0);
                firmware(c, 100, 0);
            }
            SessionResult r;
            do { // skipping the empty session of the second server's probe
                r = ended.poll(10, TimeUnit.SECONDS);
                assertThat(r).isNotNull();
            } while (!r.reason().equals("client said bye"));
            assertThat(r.ticks()).isEqualTo(100);
        }
        assertThat(socket).doesNotExist();
    }

    @Test
    void sessionsOverTheLimitAreRefusedAndClosingTheServerEndsASilentSession(@TempDir Path dir) throws Exception {
        Path socket = dir.resolve("plant.sock");
        LinkedBlockingQueue<SessionResult> ended = new LinkedBlockingQueue<>();
        HilServer server = HilServer.unix(SessionConfig.lockstep(MACHINE), socket, 1, ended::add);
        try (HilClient first = HilClient.connectUnix(socket, Encoding.JSON)) {
            first.hello(false, 0);
            first.nextSensors();
            try (SocketChannel second = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                second.connect(UnixDomainSocketAddress.of(socket));
                StringBuilder line = new StringBuilder();
                ByteBuffer buf = ByteBuffer.allocate(1024);
                while (second.read(buf) >= 0) {
                    buf.flip();
                    line.append(StandardCharsets.UTF_8.decode(buf));
                    buf.clear();
                }
                assertThat(line.toString()).contains("\"type\":\"error\"").contains("\"code\":13").contains("server busy");
            }
            // the first firmware now falls silent; closing the server must wake its session's read
            long start = System.nanoTime();
            server.close();
            SessionResult r = ended.poll(10, TimeUnit.SECONDS);
            assertThat(r).isNotNull();
            assertThat(r.reason()).isEqualTo("server stopped");
            assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(5));
        }
        assertThat(socket).doesNotExist();
    }
}
