package io.backflush.sim.live;

import com.fasterxml.jackson.databind.JsonNode;
import io.backflush.core.machine.Machine;
import io.backflush.core.machine.Presets;
import io.backflush.sim.cli.BackflushCli;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The live server without a browser: protocol, sessions, bad messages, the stream's signals. */
class LiveServerTest {
    private static final Machine SINGLE = Machine.of(Presets.singleBoiler());
    private static final Duration WAIT = Duration.ofSeconds(20);
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    private LiveServer server(int maxSessions, Duration attach, Duration idle) throws IOException {
        LiveServer.Config d = LiveServer.Config.loopback(SINGLE, 0);
        LiveServer s = LiveServer.start(new LiveServer.Config(SINGLE, d.bind(), maxSessions, attach, idle));
        open.add(s);
        return s;
    }

    private LiveServer server() throws IOException {
        return server(8, Duration.ofSeconds(15), Duration.ofMinutes(30));
    }

    private LiveClient client(LiveServer s) throws Exception {
        LiveClient c = LiveClient.open(s.url());
        open.add(c);
        return c;
    }

    @Test
    void bindsLoopbackByDefault() throws IOException {
        LiveServer s = server();
        assertThat(s.address().getAddress().isLoopbackAddress()).isTrue();
        assertThat(s.url().getHost()).isEqualTo("127.0.0.1");
        assertThat(LiveServer.Config.loopback(SINGLE, 8077).bind().getAddress().isLoopbackAddress()).isTrue();
    }

    @Test
    void theStreamCarriesThePlantsSignalsAndTheEventsInTheReportsWords() throws Exception {
        LiveClient c = client(server());
        LiveClient.Event hello = c.await("hello", d -> true, WAIT);
        assertThat(hello.data().get("machine").asText()).isEqualTo("single-boiler");
        assertThat(hello.data().get("buzzHz").asDouble()).isEqualTo(50.0);
        JsonNode first = c.await("state", d -> true, WAIT).data();
        for (io.backflush.sim.signal.Signal signal : LiveSession.SIGNALS) {
            assertThat(first.has(signal.column())).as(signal.column()).isTrue();
        }
        assertThat(c.send("speed=5").statusCode()).isEqualTo(200);
        assertThat(c.send("brew=on").statusCode()).isEqualTo(200);
        JsonNode pumping = c.await("state", d -> d.get("pump_duty").asDouble() == 1.0
                && d.get("group_bar").asDouble() > 1.0, WAIT).data();
        assertThat(pumping.get("pumpLoudness").asDouble()).isGreaterThan(0.0);
        JsonNode quiet = c.await("log", d -> d.get("kind").asText().equals("quiet"), WAIT).data();
        // at the plateau the pump labours: quieter, and its tone strained (the WAV's rules)
        JsonNode plateau = c.await("state", d -> d.get("pumpStrain").asDouble() > 0.5, WAIT).data();
        assertThat(plateau.get("pumpLoudness").asDouble()).isLessThan(0.5 * pumping.get("pumpLoudness").asDouble());
        assertThat(pumping.get("pumpStrain").asDouble()).isLessThan(plateau.get("pumpStrain").asDouble());
        assertThat(quiet.get("text").asText()).matches("the pump went quiet after \\d+\\.\\d\\d s");
        c.send("brew=off");
        JsonNode whoosh = c.await("log", d -> d.get("kind").asText().equals("whoosh"), WAIT).data();
        assertThat(whoosh.get("text").asText()).startsWith("whoosh: ").endsWith(" ml so far");
        assertThat(whoosh.get("volumeMl").asDouble()).isBetween(10.0, 40.0);
    }

    @Test
    void steppedCycleWhooshesWhatTheRunCommandReports(@TempDir Path dir) throws Exception {
        LiveClient c = client(server());
        c.await("hello", d -> true, WAIT);
        for (String m : new String[] {"reset=1", "brew=on", "step=8", "brew=off", "step=5", "brew=on", "step=0.01"}) {
            assertThat(c.send(m).statusCode()).as(m).isEqualTo(200);
        }
        JsonNode cycle = c.await("log", d -> d.get("kind").asText().equals("cycle"), WAIT).data();
        double cli = LiveClient.cliWhooshMl("single-boiler", 8, 5, dir);
        assertThat(cycle.get("volumeMl").asDouble()).isCloseTo(cli, within(0.01 * cli));
        assertThat(cycle.get("text").asText()).startsWith(String.format(java.util.Locale.ROOT, "whoosh: %.1f ml",
                cycle.get("volumeMl").asDouble()));
    }

    @Test
    void aSessionBeyondTheLimitIsRefusedAndAClosedTabFreesItsPlace() throws Exception {
        LiveServer s = server(2, Duration.ofSeconds(15), Duration.ofMinutes(30));
        LiveClient a = client(s);
        client(s);
        HttpResponse<String> refused = LiveClient.post(s.url().resolve("/session"), "");
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.body()).contains("2 live sessions are open already");
        a.await("state", d -> true, WAIT);
        a.close();
        long end = System.nanoTime() + WAIT.toNanos();
        while (s.sessionCount() > 1 && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        assertThat(s.sessionCount()).as("sessions after a tab's stream closed").isEqualTo(1);
        assertThat(LiveClient.post(s.url().resolve("/session"), "").statusCode()).isEqualTo(200);
    }

    @Test
    void aSessionWhoseStreamNeverOpensEnds() throws Exception {
        LiveServer s = server(8, Duration.ofMillis(300), Duration.ofMinutes(30));
        assertThat(LiveClient.post(s.url().resolve("/session"), "").statusCode()).isEqualTo(200);
        assertThat(s.sessionCount()).isEqualTo(1);
        long end = System.nanoTime() + WAIT.toNanos();
        while (s.sessionCount() > 0 && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        assertThat(s.sessionCount()).isZero();
    }

    @Test
    void anIdleSessionIsToldWhyItEnds() throws Exception {
        LiveServer s = server(8, Duration.ofSeconds(15), Duration.ofMillis(500));
        LiveClient c = client(s);
        JsonNode bye = c.await("bye", d -> true, WAIT).data();
        assertThat(bye.get("reason").asText()).startsWith("idle for");
    }

    @Test
    void badMessagesAreRefusedWithOneLineAndChangeNothing() throws Exception {
        LiveServer s = server();
        LiveClient c = client(s);
        c.await("state", d -> true, WAIT);
        String[][] bad = {
                {"detergent=99", "detergent must be between 0 and 20 g, got 99"},
                {"detergent=lots", "detergent must be a number of g, got 'lots'"},
                {"pump=maybe", "pump must be on or off, got 'maybe'"},
                {"days=2.5", "days must be a whole number"},
                {"days=-1", "days must be between 0 and 365"},
                {"basket=paper", "basket must be blind, puck or none"},
                {"speed=100", "speed must be 1, 5 or pause"},
                {"step=60", "step must be between 0.001 and 10 s"},
                {"machine=../../etc/passwd", "machine must be a preset"},
                {"warp=9", "unknown control 'warp'"},
                {"pump", "expected one name=value"},
                {"pump=on&heater=off", "expected one name=value"},
                {"=on", "expected one name=value"},
                {"pump=%zz", "bad %-escape"},
                {"x".repeat(2000), "longer than 1024 bytes"},
        };
        for (String[] b : bad) {
            HttpResponse<String> r = c.send(b[0]);
            assertThat(r.statusCode()).as(b[0]).isIn(400, 413);
            assertThat(LiveClient.JSON.readTree(r.body()).get("error").asText()).as(b[0]).contains(b[1]).doesNotContain("\n");
        }
        // a well-formed message the session cannot apply now: the page is told on the stream
        assertThat(c.send("step=1").statusCode()).isEqualTo(200);
        assertThat(c.await("problem", d -> true, WAIT).data().get("error").asText()).contains("pause the machine first");
        JsonNode after = c.await("state", d -> true, WAIT).data();
        assertThat(after.get("detergent_left_mg").asDouble()).isZero();
        assertThat(after.get("pump").asBoolean()).isFalse();
        assertThat(after.get("speed").asText()).isEqualTo("1");
        assertThat(after.get("days").asInt()).isZero();
        // other requests that are wrong
        assertThat(LiveClient.post(s.url().resolve("/control?session=nope"), "pump=on").statusCode()).isEqualTo(404);
        assertThat(LiveClient.post(s.url().resolve("/control"), "pump=on").statusCode()).isEqualTo(404);
        assertThat(get(s.url().resolve("/events?session=nope")).statusCode()).isEqualTo(404);
        assertThat(get(s.url().resolve("/events?session=" + c.session)).statusCode()).as("second stream").isEqualTo(409);
        assertThat(get(s.url().resolve("/control")).statusCode()).isEqualTo(405);
        assertThat(get(s.url().resolve("/../../etc/passwd")).statusCode()).isEqualTo(404);
        // and the session still runs
        assertThat(c.send("pump=on").statusCode()).isEqualTo(200);
        c.await("state", d -> d.get("pump").asBoolean(), WAIT);
    }

    @Test
    void onAMachineWithoutAThreeWayValveThePageIsToldWhyAndSeesThePressureStayTrapped() throws Exception {
        LiveClient c = client(server());
        assertThat(c.await("hello", d -> true, WAIT).data().get("refusal").isNull()).isTrue();
        assertThat(c.send("machine=no-3way").statusCode()).isEqualTo(200);
        JsonNode hello = c.await("hello", d -> true, WAIT).data();
        assertThat(hello.get("machine").asText()).isEqualTo("no-3way");
        assertThat(hello.get("hasThreeWayValve").asBoolean()).isFalse();
        assertThat(hello.get("refusal").asText()).contains("has no three-way solenoid valve")
                .contains("pressure stays trapped");
        for (String m : new String[] {"brew=on", "step=8", "brew=off", "step=2"}) {
            assertThat(c.send(m).statusCode()).as(m).isEqualTo(200);
        }
        JsonNode trapped = c.await("log", d -> d.get("kind").asText().equals("trapped"), WAIT).data();
        assertThat(trapped.get("text").asText()).contains("no three-way valve").contains("stays trapped");
        JsonNode after = c.await("state", d -> d.get("t").asDouble() >= 10.0, WAIT).data();
        assertThat(after.get("group_bar").asDouble()).as("group pressure 2 s after the release").isGreaterThan(1.0);
    }

    @Test
    void daysOfUseFoulTheMachineAndItsWhooshRunsDark() throws Exception {
        LiveClient c = client(server());
        c.await("state", d -> true, WAIT);
        for (String m : new String[] {"speed=pause", "days=7"}) {
            assertThat(c.send(m).statusCode()).as(m).isEqualTo(200);
        }
        JsonNode fouled = c.await("log", d -> d.get("text").asText().startsWith("the machine was used 7 days"), WAIT)
                .data();
        JsonNode state = c.await("state", d -> d.get("days").asInt() == 7, WAIT).data();
        assertThat(state.get("residueMg").asDouble()).isGreaterThan(10.0);
        assertThat(fouled.get("text").asText()).contains(String.format(java.util.Locale.ROOT, "%.0f mg",
                state.get("residueMg").asDouble()));
        for (String m : new String[] {"brew=on", "step=8", "brew=off", "step=5", "brew=on", "step=0.01"}) {
            assertThat(c.send(m).statusCode()).as(m).isEqualTo(200);
        }
        JsonNode cycle = c.await("log", d -> d.get("kind").asText().equals("cycle"), WAIT).data();
        assertThat(cycle.get("text").asText()).contains("discharge dark");
    }

    @Test
    void aBasketCannotBeChangedUnderPressure() throws Exception {
        LiveClient c = client(server());
        c.send("speed=5");
        c.send("brew=on");
        c.await("state", d -> d.get("group_bar").asDouble() > 2.0, WAIT);
        c.send("basket=puck");
        assertThat(c.await("problem", d -> true, WAIT).data().get("error").asText())
                .contains("the group is under pressure");
        assertThat(c.await("state", d -> true, WAIT).data().get("basket").asText()).isEqualTo("blind");
    }

    @Test
    void thePageAndScriptComeFromTheJarWithNoExternalReferences() throws Exception {
        LiveServer s = server();
        String page = get(s.url()).body();
        assertThat(page).contains("<svg id=\"diagram\"").contains("src=\"/live.js\"");
        Matcher refs = Pattern.compile("(?:src|href)=\"([^\"]*)\"").matcher(page);
        int n = 0;
        while (refs.find()) {
            assertThat(refs.group(1)).as("page reference").startsWith("/").doesNotStartWith("//");
            n++;
        }
        assertThat(n).isGreaterThanOrEqualTo(2);
        for (String asset : new String[] {"/live.js", "/live.css"}) {
            HttpResponse<String> r = get(s.url().resolve(asset));
            assertThat(r.statusCode()).isEqualTo(200);
            String text = r.body().replace("http://www.w3.org/2000/svg", "");
            assertThat(text).as(asset).doesNotContain("http://").doesNotContain("https://").doesNotContain("url(");
        }
        assertThat(get(s.url()).headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
                csp -> assertThat(csp).contains("default-src 'self'"));
    }

    @Test
    void theCommandLineRefusesABadPortOrAddressInOneLine() {
        for (String[] args : new String[][] {{"live", "--port", "70000"}, {"live", "--bind", "no-such-host.invalid"},
                {"live", "--machine", "no-such-machine"}}) {
            StringWriter err = new StringWriter();
            int code = BackflushCli.execute(new PrintWriter(new StringWriter()), new PrintWriter(err), args);
            assertThat(code).as(String.join(" ", args)).isEqualTo(2);
            assertThat(err.toString().strip()).startsWith("backflush: ").doesNotContain("\n").doesNotContain("Exception");
        }
    }

    @Test
    void onLoopbackOnlyRequestsNamingThisComputerAreAnswered() throws Exception {
        LiveServer s = server();
        InetSocketAddress a = s.address();
        for (String host : new String[] {"attacker.example:" + a.getPort(), "127.0.0.1:1", ""}) {
            try (java.net.Socket socket = new java.net.Socket(a.getAddress(), a.getPort())) {
                socket.setSoTimeout(5000);
                socket.getOutputStream().write(("POST /session HTTP/1.1\r\nHost: " + host
                        + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
                assertThat(answer).as("Host: " + host).startsWith("HTTP/1.1 421").contains("answers to 127.0.0.1:");
            }
        }
        assertThat(s.sessionCount()).isZero();
        assertThat(get(URI.create("http://localhost:" + a.getPort() + "/")).statusCode()).isEqualTo(200);
    }

    @Test
    void garbageOnTheSocketDoesNotStopTheServer() throws Exception {
        LiveServer s = server();
        InetSocketAddress a = s.address();
        for (String junk : new String[] {"\u0000\u0001\u0002\r\n\r\n", "GET\r\n\r\n", "POST /control HTTP/1.1\r\n"
                + "Content-Length: 99999\r\n\r\nab"}) {
            try (java.net.Socket socket = new java.net.Socket(a.getAddress(), a.getPort())) {
                socket.setSoTimeout(2000);
                socket.getOutputStream().write(junk.getBytes(StandardCharsets.ISO_8859_1));
                socket.shutdownOutput();
                try (InputStream in = socket.getInputStream()) {
                    in.readNBytes(4096);
                } catch (IOException e) {
                    // the server may just drop it
                }
            }
        }
        assertThat(get(s.url()).statusCode()).isEqualTo(200);
    }

    private static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return LiveClient.HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
