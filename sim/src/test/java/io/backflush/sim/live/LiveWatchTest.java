package io.backflush.sim.live;

import com.fasterxml.jackson.databind.JsonNode;
import io.backflush.core.machine.Machine;
import io.backflush.core.machine.Presets;
import io.backflush.sim.hil.client.HilClient;
import io.backflush.sim.hil.protocol.Encoding;
import io.backflush.sim.hil.protocol.Message;
import io.backflush.sim.hil.server.HilServer;
import io.backflush.sim.hil.server.SessionConfig;
import io.backflush.sim.hil.server.SessionResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The live page watching a HIL session ({@code serve --live-port}), without a browser: the view gets
 * the session's own plant and events, refuses controls, and a viewer that never reads cannot hold
 * the firmware up.
 */
class LiveWatchTest {
    private static final Machine SINGLE = Machine.of(Presets.singleBoiler());
    private static final Duration WAIT = Duration.ofSeconds(30);
    private final List<AutoCloseable> open = new ArrayList<>();
    private final LinkedBlockingQueue<SessionResult> ended = new LinkedBlockingQueue<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private HilServer hil(Watch watch) throws IOException {
        HilServer s = new HilServer(SessionConfig.lockstep(SINGLE), InetAddress.getLoopbackAddress(), 0, 2, ended::add)
                .watchedBy(watch);
        open.add(s);
        return s;
    }

    /**
     * A lockstep firmware: brew switch on for {@code onTicks}, off for {@code offTicks}, then bye;
     * sleeps 1 ms every {@code pauseEvery} ticks (0: never) so a viewer at 25 frames a second sees
     * the cycle, not only its end.
     */
    private static void firmware(int port, int onTicks, int offTicks, int pauseEvery) throws Exception {
        try (HilClient c = HilClient.connect("127.0.0.1", port, Encoding.BINARY)) {
            c.hello(false, 0);
            Message.SensorFrame s = c.nextSensors();
            for (int i = 0; i < onTicks + offTicks; i++) {
                boolean on = i < onTicks;
                c.actuate(s, on ? 1 : 0, on, 0);
                s = c.sensorsFor(s.seq() + 1);
                if (pauseEvery > 0 && i % pauseEvery == 0) {
                    Thread.sleep(1);
                }
            }
            c.send(new Message.Bye());
        }
    }

    @Test
    void theViewShowsTheFirmwaresPlantItsCommandsAndItsEventsAndRefusesControls() throws Exception {
        Watch watch = new Watch(SINGLE, "the test's server");
        HilServer server = hil(watch);
        LiveServer page = LiveServer.start(LiveServer.Config.loopback(SINGLE, 0), watch);
        open.add(page);
        LiveClient view = LiveClient.open(page.url());
        open.add(view);
        JsonNode waiting = view.await("hello", h -> true, WAIT).data();
        assertThat(waiting.get("readOnly").asBoolean()).isTrue();
        assertThat(waiting.get("watching").asText()).startsWith("waiting for a firmware");

        HttpResponse<String> refused = view.send("pump=on");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("read-only");

        CompletableFuture<Void> fw = CompletableFuture.runAsync(() -> {
            try {
                firmware(server.port(), 8000, 3000, 10);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        JsonNode hello = view.await("hello", h -> h.get("watching").asText().contains("session 1"), WAIT).data();
        assertThat(hello.get("machine").asText()).isEqualTo(SINGLE.name());
        // the firmware's commands lit, and the plant under them: pressure against the blind basket
        JsonNode running = view.await("state", s -> s.get("pump").asBoolean() && s.get("group_bar").asDouble() > 5,
                WAIT).data();
        assertThat(running.get("solenoid").asBoolean()).isTrue();
        assertThat(running.get("pumpLoudness").asDouble()).isPositive();
        assertThat(running.get("speed").asText()).isEqualTo("firmware");
        assertThat(view.await("log", e -> e.get("kind").asText().equals("quiet"), WAIT).data().get("text").asText())
                .contains("pump went quiet");
        double soFar = view.await("log", e -> e.get("kind").asText().equals("whoosh"), WAIT).data()
                .get("volumeMl").asDouble();
        double whoosh = view.await("log", e -> e.get("kind").asText().equals("cycle"), WAIT).data()
                .get("volumeMl").asDouble();
        assertThat(view.await("log", e -> e.get("text").asText().contains("session 1 ended: client said bye"), WAIT))
                .isNotNull();
        fw.get(30, TimeUnit.SECONDS);
        SessionResult r = ended.poll(10, TimeUnit.SECONDS);
        assertThat(r.ticks()).isEqualTo(11_000);
        // the page's whoosh is the session's own cycle report (the figure so far is told once the group has
        // settled; the drain goes on adding to it until the session ends)
        assertThat(r.cycles()).hasSize(1);
        assertThat(whoosh).isCloseTo(r.cycles().get(0).whooshVolumeMl(), within(1e-9));
        assertThat(soFar).isBetween(0.9 * whoosh, whoosh);
        // still read-only while a session is shown
        assertThat(view.send("speed=5").statusCode()).isEqualTo(403);
    }

    @Test
    @Timeout(60)
    void aViewerThatNeverReadsCannotHoldTheFirmwareUp() throws Exception {
        Watch watch = new Watch(SINGLE, "the test's server");
        HilServer server = hil(watch);
        CountDownLatch stuck = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // a browser that takes the hello, then never reads again: its first state write blocks
        OutputStream browser = new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                if (new String(b, off, len, StandardCharsets.UTF_8).startsWith("event: state")) {
                    stuck.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        };
        Tab viewer = watch.viewer("stuck");
        assertThat(viewer.attach()).isTrue();
        Thread viewing = new Thread(() -> {
            try {
                viewer.stream(browser);
            } catch (IOException e) {
                // the test's stream does not fail
            }
        }, "stuck-viewer");
        viewing.setDaemon(true);
        try {
            CompletableFuture<Void> fw = CompletableFuture.runAsync(() -> {
                try {
                    firmware(server.port(), 20_000, 5_000, 0);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            // the viewer blocks once the session's first frame is there to show
            viewing.start();
            assertThat(stuck.await(30, TimeUnit.SECONDS)).as("the viewer reached its blocking write").isTrue();
            assertThat(watch.viewers()).isEqualTo(1);
            fw.get(45, TimeUnit.SECONDS);
            SessionResult r = ended.poll(10, TimeUnit.SECONDS);
            assertThat(r).isNotNull();
            assertThat(r.ticks()).isEqualTo(25_000);
            assertThat(r.reason()).isEqualTo("client said bye");
            assertThat(viewing.isAlive()).as("the viewer is still stuck in its write").isTrue();
        } finally {
            viewer.close("test over");
            release.countDown();
        }
        viewing.join(5000);
        assertThat(viewing.isAlive()).isFalse();
    }
}
