package io.backflush.sim.hil.server;

import io.backflush.core.machine.Machine;
import io.backflush.core.machine.Presets;
import io.backflush.sim.hil.client.HilClient;
import io.backflush.sim.hil.protocol.BinaryCodec;
import io.backflush.sim.hil.protocol.Encoding;
import io.backflush.sim.hil.protocol.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The TCP server on loopback: where it listens and says it listens, sessions numbered from 1 in
 * the order they connect (the hello_ack's session number, docs/protocol.md "Session" 1), sessions
 * served side by side up to the limit, and no connection accepted once it is closed.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HilServerTest {
    static final SessionConfig CONFIG = SessionConfig.lockstep(Machine.of(Presets.singleBoiler()));

    @Test
    void itListensOnLoopbackNumbersItsSessionsAndStopsAcceptingWhenClosed() throws Exception {
        LinkedBlockingQueue<SessionResult> ended = new LinkedBlockingQueue<>();
        HilServer server = new HilServer(CONFIG, InetAddress.getLoopbackAddress(), 0, 3, ended::add);
        int port = server.port();
        try {
            assertThat(port).isPositive();
            assertThat(server.address()).isEqualTo(InetAddress.getLoopbackAddress());
            assertThat(server.describe()).isEqualTo("127.0.0.1:" + port);
            List<HilClient> clients = new ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                HilClient c = HilClient.connect("127.0.0.1", port, Encoding.BINARY);
                clients.add(c);
                assertThat(c.hello(false, 0).sessionId()).as("session %d", i).isEqualTo(i);
                assertThat(c.nextSensors().seq()).isZero();
            }
            // all three at once: each answers its own plant
            for (HilClient c : clients) {
                c.send(new Message.Step(2));
                assertThat(c.next()).isEqualTo(new Message.Ack(BinaryCodec.STEP, 2));
                assertThat(c.nextSensors().seq()).isEqualTo(2);
            }
            for (HilClient c : clients) {
                c.send(new Message.Bye());
                assertThat(c.next()).isEqualTo(new Message.Ack(BinaryCodec.BYE, 2));
                c.close();
            }
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                SessionResult r = ended.poll(20, TimeUnit.SECONDS);
                assertThat(r).isNotNull();
                assertThat(r.reason()).isEqualTo("client said bye");
                // as Transport#describe gives it: "tcp 127.0.0.1:40312" (it had a "/" before the address)
                assertThat(r.transport()).matches("tcp 127\\.0\\.0\\.1:\\d+");
                ids.add(r.sessionId());
            }
            assertThat(ids).containsExactlyInAnyOrder(1L, 2L, 3L);
        } finally {
            server.close();
        }
        assertThat(someoneListensOn(port)).as("closed: nobody listens").isFalse();
    }

    /**
     * Whether a connection to 127.0.0.1:port reaches a listener. Refused: no. Connected from the
     * same port: no either, a TCP self-connection (the kernel gave the probe the port it aimed at
     * as its own ephemeral port, which Linux lets connect to itself when nothing listens there).
     */
    private static boolean someoneListensOn(int port) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
            return s.getLocalPort() != port;
        } catch (ConnectException refused) {
            return false;
        }
    }

    @Test
    void aPortInUseIsAnIoError() throws IOException {
        try (HilServer first = new HilServer(CONFIG, InetAddress.getLoopbackAddress(), 0, 1, r -> { })) {
            assertThatThrownBy(() -> new HilServer(CONFIG, InetAddress.getLoopbackAddress(), first.port(), 1, r -> { }))
                    .isInstanceOf(IOException.class);
        }
    }
}
