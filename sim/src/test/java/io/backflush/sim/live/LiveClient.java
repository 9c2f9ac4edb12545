package io.backflush.sim.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.backflush.sim.cli.BackflushCli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** A test's browser stand-in: opens a session, reads its event stream, posts controls (127.0.0.1 only). */
final class LiveClient implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** One server-sent event. */
    record Event(String name, JsonNode data) {
    }

    final URI base;
    final String session;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private Stream<String> lines;
    private Thread reader;

    private LiveClient(URI base, String session) {
        this.base = base;
        this.session = session;
    }

    /** Opens a session and its event stream. */
    static LiveClient open(URI base) throws IOException, InterruptedException {
        HttpResponse<String> r = post(base.resolve("/session"), "");
        if (r.statusCode() != 200) {
            throw new AssertionError("session refused: " + r.statusCode() + " " + r.body());
        }
        LiveClient c = new LiveClient(base, JSON.readTree(r.body()).get("session").asText());
        c.attach();
        return c;
    }

    private void attach() throws IOException, InterruptedException {
        HttpResponse<Stream<String>> r = HTTP.send(HttpRequest.newBuilder(base.resolve("/events?session=" + session))
                .timeout(Duration.ofSeconds(60)).GET().build(), HttpResponse.BodyHandlers.ofLines());
        if (r.statusCode() != 200) {
            throw new AssertionError("events: " + r.statusCode());
        }
        lines = r.body();
        reader = new Thread(() -> {
            String[] name = {null};
            try {
                lines.forEach(line -> {
                    if (line.startsWith("event: ")) {
                        name[0] = line.substring(7);
                    } else if (line.startsWith("data: ")) {
                        try {
                            events.add(new Event(name[0], JSON.readTree(line.substring(6))));
                        } catch (IOException e) {
                            events.add(new Event("unparseable", JSON.getNodeFactory().textNode(line)));
                        }
                    }
                });
            } catch (RuntimeException e) {
                // the stream was closed
            }
        }, "live-test-reader");
        reader.setDaemon(true);
        reader.start();
    }

    static HttpResponse<String> post(URI uri, String body) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Posts one control; returns the response. */
    HttpResponse<String> send(String body) throws IOException, InterruptedException {
        return post(base.resolve("/control?session=" + session), body);
    }

    /** Waits (bounded) for the next event matching; fails with what it saw last if none comes. */
    Event await(String name, Predicate<JsonNode> matches, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        Event last = null;
        while (System.nanoTime() < end) {
            Event e = events.poll(50, TimeUnit.MILLISECONDS);
            if (e == null) {
                continue;
            }
            if (!e.name().equals("state")) {
                last = e;
            }
            if (e.name().equals(name) && matches.test(e.data())) {
                return e;
            }
        }
        throw new AssertionError("no '" + name + "' event matching within " + timeout + " (last non-state event: "
                + last + ")");
    }

    @Override
    public void close() {
        if (lines != null) {
            lines.close();
        }
    }

    /**
     * The whoosh volume the command line's {@code run} reports for one water cycle of the given
     * timing on the given machine, ml.
     */
    static double cliWhooshMl(String machine, double pumpOnSeconds, double releaseSeconds, Path dir) throws IOException {
        Path program = dir.resolve("one-cycle.yaml");
        Files.writeString(program, "name: one-cycle\nphases:\n  - kind: water\n    cycles: 1\n    pumpOnSeconds: "
                + pumpOnSeconds + "\n    releaseSeconds: " + releaseSeconds + "\n");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = BackflushCli.execute(new PrintWriter(out), new PrintWriter(err), "run", "--machine", machine,
                "--program", program.toString(), "--json");
        if (code != 0) {
            throw new AssertionError("run failed: " + err);
        }
        return JSON.readTree(out.toString()).get("cycles").get(0).get("whooshVolumeMl").asDouble();
    }
}
