package io.backflush.sim.cli;

import io.backflush.sim.hil.client.HilClient;
import io.backflush.sim.hil.protocol.Encoding;
import io.backflush.sim.hil.protocol.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code serve}: the command line's side (refusals with exit 2, the socket file's life). */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ServeCommandTest {
    @Test
    void aFileThatIsNotASocketIsRefusedWithExitTwoAndOneLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("plant.sock");
        Files.writeString(file, "not a socket");
        CliTest.Outcome o = CliTest.run("serve", "--machine", "single-boiler", "--unix", file.toString());
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.out()).isEmpty();
        assertThat(o.err()).isEqualTo("backflush: --unix " + file + ": exists and is not a socket; refusing to replace it"
                + System.lineSeparator());
        assertThat(Files.readString(file)).isEqualTo("not a socket");
    }

    @Test
    void aTraceLimitOutOfRangeIsRefusedWithExitTwoAndOneLine() {
        for (String mb : new String[] {"0", "-5", "1000001"}) {
            CliTest.Outcome o = CliTest.run("serve", "--machine", "single-boiler", "--trace-max-mb", mb);
            assertThat(o.code()).as(mb).isEqualTo(2);
            assertThat(o.err()).as(mb).isEqualTo("backflush: --trace-max-mb must be 1..1000000, got " + mb
                    + System.lineSeparator());
        }
    }

    @Test
    void unixExcludesTcpAndSerialOptions(@TempDir Path dir) {
        String path = dir.resolve("plant.sock").toString();
        CliTest.Outcome withPort = CliTest.run("serve", "--machine", "single-boiler", "--unix", path, "--port", "6000");
        assertThat(withPort.code()).isEqualTo(2);
        assertThat(withPort.err()).contains("drop --port and --bind").doesNotContain("Exception");
        CliTest.Outcome withSerial = CliTest.run("serve", "--machine", "single-boiler", "--unix", path, "--serial", "/dev/null");
        assertThat(withSerial.code()).isEqualTo(2);
        assertThat(withSerial.err()).contains("exclusive");
        assertThat(dir.resolve("plant.sock")).doesNotExist();
    }

    @Test
    void servesOverAUnixSocketAndRemovesItsFileOnExit(@TempDir Path dir) throws Exception {
        Path socket = dir.resolve("plant.sock");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CompletableFuture<Integer> code = CompletableFuture.supplyAsync(() -> BackflushCli.execute(new PrintWriter(out),
                new PrintWriter(err), "serve", "--machine", "single-boiler", "--unix", socket.toString(), "--exit-after", "1"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        // the file appears at bind(2), a moment before listen(2): wait for the serving line
        while (!out.toString().contains("serving") && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(out.toString()).as(err.toString()).contains("serving");
        assertThat(socket).exists();
        try (HilClient c = HilClient.connectUnix(socket, Encoding.BINARY)) {
            c.hello(false, 0);
            Message.SensorFrame s = c.nextSensors();
            c.actuate(s, 1, true, 0);
            assertThat(c.sensorsFor(1).seq()).isEqualTo(1);
            c.send(new Message.Bye());
        }
        assertThat(code.get(20, TimeUnit.SECONDS)).as(err.toString()).isZero();
        assertThat(out.toString()).contains("serving single-boiler on unix " + socket)
                .contains("session 1 (unix " + socket + "): client said bye; 1 ticks");
        assertThat(socket).doesNotExist();
    }

    @Test
    void liveOptionsOutOfRangeAreRefusedWithExitTwoAndOneLineBeforeAnythingIsBound() {
        CliTest.Outcome port = CliTest.run("serve", "--machine", "single-boiler", "--port", "0", "--live-port", "70000");
        assertThat(port.code()).isEqualTo(2);
        assertThat(port.err()).isEqualTo("backflush: --live-port must be between 0 and 65535, got 70000"
                + System.lineSeparator());
        CliTest.Outcome bind = CliTest.run("serve", "--machine", "single-boiler", "--port", "0", "--live-port", "0",
                "--live-bind", "no.such.host.invalid");
        assertThat(bind.code()).isEqualTo(2);
        assertThat(bind.err()).isEqualTo("backflush: --live-bind no.such.host.invalid: unknown address"
                + System.lineSeparator());
    }

    @Test
    void livePortServesTheWatchingPageOnLoopbackAndSaysWhere(@TempDir Path dir) throws Exception {
        Path socket = dir.resolve("plant.sock");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CompletableFuture<Integer> code = CompletableFuture.supplyAsync(() -> BackflushCli.execute(new PrintWriter(out),
                new PrintWriter(err), "serve", "--machine", "single-boiler", "--unix", socket.toString(), "--live-port", "0",
                "--exit-after", "1"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!out.toString().contains("live page at") && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("live page at (http://127\\.0\\.0\\.1:\\d+/)")
                .matcher(out.toString());
        assertThat(m.find()).as(out + " " + err).isTrue();
        java.net.http.HttpResponse<String> page = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(m.group(1)))
                        .timeout(java.time.Duration.ofSeconds(10)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("backflush live");
        try (HilClient c = HilClient.connectUnix(socket, Encoding.BINARY)) {
            c.hello(false, 0);
            c.nextSensors();
            c.send(new Message.Bye());
        }
        assertThat(code.get(20, TimeUnit.SECONDS)).as(err.toString()).isZero();
    }
}
