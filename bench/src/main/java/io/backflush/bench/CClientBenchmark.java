package io.backflush.bench;

import io.backflush.core.machine.Machine;
import io.backflush.core.machine.Presets;
import io.backflush.sim.hil.server.HilServer;
import io.backflush.sim.hil.server.SessionConfig;
import io.backflush.sim.live.LiveServer;
import io.backflush.sim.live.Watch;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The C client ({@code clients/c/example_firmware.c --bench}, compiled with {@code cc -O2}) in
 * lockstep against a server in this JVM, over loopback TCP or a Unix-domain socket. One invocation
 * starts the C process, which connects, says hello and makes {@value #STEPS} lockstep round trips
 * (actuator frame, one 1 ms plant tick, sensor frame) and says bye; the score is round trips per
 * second (process start and connection included: about 1 ms of some 0.5–1 s). Run from the
 * repository root (or set {@code -Dbackflush.repo=DIR}); needs {@code cc} on the PATH. {@link #spinUs}
 * compares blocking reads with a bounded spin before them (issue 11).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CClientBenchmark {
    static final int STEPS = 50_000;

    @Param({"tcp", "unix"})
    public String transport;

    /**
     * none: nobody watches; page: the live page of {@code serve --live-port} watches the session, with
     * one viewer reading its event stream (as a browser tab would), to measure what watching costs
     * the lockstep path.
     */
    @Param({"none", "page"})
    public String watch;

    /**
     * The lockstep spin, µs, on both sides: the server's ({@code serve --spin-us},
     * {@link SessionConfig#lockstepSpinMicros}) and the C client's ({@code bfh_set_spin_us}, the
     * firmware's {@code --bench STEPS --spin-us US}). 0: both block in a read at once (as before
     * issue 11's spin); 50: the server's default.
     */
    @Param({"0", "50"})
    public long spinUs;

    private Path dir;
    private Path binary;
    private HilServer server;
    private List<String> command;
    private LiveServer page;
    private Thread viewer;

    @Setup(Level.Trial)
    public void start() throws IOException, InterruptedException {
        Path repo = Path.of(System.getProperty("backflush.repo", "."));
        Path source = repo.resolve("clients/c/example_firmware.c");
        if (!Files.isRegularFile(source)) {
            throw new IllegalStateException("no " + source.toAbsolutePath()
                    + ": run from the repository root or set -Dbackflush.repo");
        }
        dir = Files.createTempDirectory("bfh-bench");
        binary = dir.resolve("example_firmware");
        run(List.of("cc", "-O2", "-o", binary.toString(), source.toString(), "-lm"));
        SessionConfig config = SessionConfig.lockstep(Machine.of(Presets.singleBoiler())).withLockstepSpinMicros(spinUs);
        Watch watcher = null;
        if (watch.equals("page")) {
            watcher = new Watch(config.machine(), "the benchmark");
            page = LiveServer.start(LiveServer.Config.loopback(config.machine(), 0), watcher);
            viewer = view(page.url());
        }
        if (transport.equals("unix")) {
            Path socket = dir.resolve("hil.sock");
            server = HilServer.unix(config, socket, 2, r -> { }).watchedBy(watcher);
            command = List.of(binary.toString(), "unix:" + socket, "0", "--bench", Integer.toString(STEPS), "--spin-us",
                    Long.toString(spinUs));
        } else {
            server = new HilServer(config, InetAddress.getLoopbackAddress(), 0, 2, r -> { }).watchedBy(watcher);
            command = List.of(binary.toString(), "127.0.0.1", Integer.toString(server.port()), "--bench",
                    Integer.toString(STEPS), "--spin-us", Long.toString(spinUs));
        }
    }

    /** A browser tab's stand-in: opens a watching session and reads its event stream until the trial ends. */
    private static Thread view(URI base) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        String body = http.send(HttpRequest.newBuilder(base.resolve("/session")).POST(HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        String id = body.replaceAll(".*\"session\":\"([0-9a-f]+)\".*", "$1");
        Thread t = new Thread(() -> {
            try (InputStream in = http.send(HttpRequest.newBuilder(base.resolve("/events?session=" + id)).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream()).body()) {
                in.transferTo(OutputStream.nullOutputStream());
            } catch (IOException e) {
                // the page closed at the end of the trial
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "bench-viewer");
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Benchmark
    @OperationsPerInvocation(STEPS)
    public void lockstepSteps() throws IOException, InterruptedException {
        run(command);
    }

    private static void run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed: " + out);
        }
    }

    @TearDown(Level.Trial)
    public void stop() throws IOException {
        server.close();
        if (page != null) {
            page.close();
        }
        Files.deleteIfExists(binary);
        Files.deleteIfExists(dir.resolve("hil.sock"));
        Files.deleteIfExists(dir);
    }
}
