package io.backflush.sim.hil.server;

import io.backflush.core.machine.Machine;
import io.backflush.core.machine.Presets;
import io.backflush.sim.hil.protocol.BinaryCodec;
import io.backflush.sim.hil.protocol.DecodeError;
import io.backflush.sim.hil.protocol.Decoded;
import io.backflush.sim.hil.protocol.Encoding;
import io.backflush.sim.hil.protocol.ErrorCode;
import io.backflush.sim.hil.protocol.Message;
import io.backflush.sim.run.CycleReport;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Server parts with pure logic: choosing the encoding from the first byte (docs/protocol.md,
 * "Session" 1: white space skipped, {@code B} binary, <code>{</code> JSON, anything else a BAD_MAGIC
 * error naming where and how many bytes), the trace file of session n ("Trace"), and the session's
 * log line.
 */
class ServerPartsTest {
    static final byte[] HELLO_JSON = "{\"type\":\"hello\",\"min_version\":1,\"max_version\":2}\n".getBytes(StandardCharsets.UTF_8);
    static final Message.Hello HELLO = new Message.Hello(1, 2, 0, 0);

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] concat(byte[]... parts) {
        int n = Arrays.stream(parts).mapToInt(p -> p.length).sum();
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    static List<Decoded> drain(AutoDecoder d) {
        List<Decoded> out = new ArrayList<>();
        for (Decoded x = d.next(); x != null; x = d.next()) {
            out.add(x);
        }
        return out;
    }

    static byte[] binaryHello() {
        byte[] buf = new byte[Encoding.MAX_FRAME_BYTES];
        int n = BinaryCodec.encode(HELLO, buf, 1);
        return Arrays.copyOf(buf, n);
    }

    @Test
    void beforeTheFirstByteNothingIsDecodedAndTheEncodingIsJson() {
        AutoDecoder d = new AutoDecoder();
        assertThat(d.next()).isNull();
        assertThat(d.errors()).isZero();
        assertThat(d.encoding()).isEqualTo(Encoding.JSON);
        assertThat(d.space()).isEqualTo(4096);
        assertThat(d.capacity()).isEqualTo(4096);
        d.feed(bytes(" \r\n\t "), 0, 5);
        assertThat(d.next()).isNull();
        assertThat(d.errors()).as("white space is no error").isZero();
    }

    @Test
    void anOpeningBraceChoosesJsonLinesAndTheRestOfTheChunkIsDecodedAsJson() {
        AutoDecoder d = new AutoDecoder();
        byte[] in = concat(bytes("\n  "), HELLO_JSON);
        d.feed(in, 0, in.length);
        assertThat(drain(d)).containsExactly(HELLO);
        assertThat(d.encoding()).isEqualTo(Encoding.JSON);
        // the JSON decoder's buffer: two 4096-byte lines and their newlines
        assertThat(d.capacity()).isEqualTo(2 * 4096 + 2);
        assertThat(d.errors()).isZero();
    }

    @Test
    void theMagicChoosesBinaryAndLaterChunksGoToTheBinaryDecoder() {
        AutoDecoder d = new AutoDecoder();
        byte[] frame = binaryHello();
        // a chunk that starts inside a larger buffer, split in the middle of the frame
        byte[] buf = concat(bytes("xyz"), bytes("\t"), frame);
        int split = 3 + 1 + 5;
        d.feed(buf, 3, split - 3);
        assertThat(d.encoding()).isEqualTo(Encoding.BINARY);
        assertThat(d.next()).as("half a frame").isNull();
        assertThat(d.space()).isEqualTo(4096 - 5);
        d.feed(buf, split, buf.length - split);
        assertThat(drain(d)).containsExactly(HELLO);
        assertThat(d.errors()).isZero();
    }

    @Test
    void bytesBeforeTheFirstFrameAreOneBadMagicErrorSayingWhereAndHowManyWhiteSpaceNotCounted() {
        AutoDecoder d = new AutoDecoder();
        byte[] in = concat(bytes("  ab c\n"), HELLO_JSON);
        d.feed(in, 0, in.length);
        List<Decoded> got = drain(d);
        assertThat(got).hasSize(2);
        assertThat(got.get(0)).isEqualTo(new DecodeError(ErrorCode.BAD_MAGIC, 2,
                "expected a binary frame ('B') or a JSON line ('{'): skipped 3 bytes"));
        assertThat(got.get(1)).isEqualTo(HELLO);
        assertThat(d.errors()).isEqualTo(1);
    }

    @Test
    void eachChunkOfJunkIsItsOwnErrorAtItsOffsetInTheStream() {
        AutoDecoder d = new AutoDecoder();
        d.feed(bytes("ab"), 0, 2);
        d.feed(bytes(" \nz"), 0, 3);
        byte[] rest = concat(bytes("q"), HELLO_JSON);
        d.feed(rest, 0, rest.length);
        assertThat(drain(d)).containsExactly(
                new DecodeError(ErrorCode.BAD_MAGIC, 0, "expected a binary frame ('B') or a JSON line ('{'): skipped 2 bytes"),
                new DecodeError(ErrorCode.BAD_MAGIC, 4, "expected a binary frame ('B') or a JSON line ('{'): skipped 1 byte"),
                new DecodeError(ErrorCode.BAD_MAGIC, 5, "expected a binary frame ('B') or a JSON line ('{'): skipped 1 byte"),
                HELLO);
        assertThat(d.errors()).isEqualTo(3);
    }

    @Test
    void theErrorsCountedIncludeTheChosenDecodersOwn() {
        AutoDecoder d = new AutoDecoder();
        byte[] in = concat(bytes("!"), bytes("{not json\n"), HELLO_JSON);
        d.feed(in, 0, in.length);
        List<Decoded> got = drain(d);
        assertThat(got).hasSize(3);
        assertThat(((DecodeError) got.get(1)).code()).isEqualTo(ErrorCode.BAD_JSON);
        assertThat(got.get(2)).isEqualTo(HELLO);
        assertThat(d.errors()).isEqualTo(2);
    }

    @Test
    void sessionOneWritesTheTraceFileAndSessionNWritesItWithMinusNBeforeItsExtension() {
        SessionConfig none = SessionConfig.lockstep(Machine.of(Presets.singleBoiler()));
        assertThat(none.traceFor(1)).isNull();
        assertThat(none.traceFor(2)).isNull();
        SessionConfig c = none.withTrace(Path.of("out", "run.csv"));
        assertThat(c.traceFor(1)).isEqualTo(Path.of("out", "run.csv"));
        assertThat(c.traceFor(2)).isEqualTo(Path.of("out", "run-2.csv"));
        assertThat(c.traceFor(13)).isEqualTo(Path.of("out", "run-13.csv"));
        assertThat(none.withTrace(Path.of("run")).traceFor(3)).isEqualTo(Path.of("run-3"));
        assertThat(none.withTrace(Path.of("a.b.csv")).traceFor(2)).isEqualTo(Path.of("a.b-2.csv"));
        // a leading dot is no extension
        assertThat(none.withTrace(Path.of(".trace")).traceFor(2)).isEqualTo(Path.of(".trace-2"));
    }

    @Test
    void theConfigsWithersChangeOnlyWhatTheyName() {
        SessionConfig c = SessionConfig.lockstep(Machine.of(Presets.singleBoiler()));
        assertThat(c.realtime()).isFalse();
        assertThat(c.rateHz()).isEqualTo(1000.0);
        assertThat(c.watchdogMillis()).isEqualTo(10_000);
        assertThat(c.resendMillis()).isEqualTo(1_000);
        assertThat(c.mlPerPulse()).isEqualTo(0.5);
        assertThat(c.tankMl()).isEqualTo(2000.0);
        assertThat(c.traceMaxBytes()).isEqualTo(512L * 1024 * 1024);
        SessionConfig r = c.withRealtime(500, 2.0).withTimeouts(300, 40).withTraceMaxBytes(77);
        assertThat(r).isEqualTo(new SessionConfig(c.machine(), true, 500, 2.0, 300, 40, null, List.of(), 0.5, 2000.0, 77));
    }

    static CycleReport cycle(int i, Double whooshMl) {
        return new CycleReport(i, "water", 0.0, 1.0, 9.0, 10.0, whooshMl == null ? null : 40.0, whooshMl,
                whooshMl == null ? null : 0.7, null, null);
    }

    @Test
    void theLogLineCountsWhooshesAndSaysEveryCount() {
        SessionResult r = new SessionResult(3, "tcp 127.0.0.1:4000", "bye", 12000, 4, 2, 5, 1,
                List.of(cycle(1, 20.0), cycle(2, null), cycle(3, 18.5)), null);
        assertThat(r.whooshes()).isEqualTo(2);
        assertThat(r.summary()).isEqualTo("session 3 (tcp 127.0.0.1:4000): bye; 12000 ticks, 2 whooshes, 4 errors, "
                + "2 duplicates, 5 resends, 1 watchdog trips");
    }

    @Test
    void inRealTimeTheLogLineAddsTheLatenessPercentiles() {
        Histogram h = new Histogram(3);
        for (int i = 1; i <= 1000; i++) {
            h.recordValue(i); // p50 500, p99 990, p99.9 999, max 1000 µs
        }
        SessionResult r = new SessionResult(1, "unix", "disconnected", 1000, 0, 0, 0, 0, List.of(), h);
        assertThat(r.summary()).isEqualTo("session 1 (unix): disconnected; 1000 ticks, 0 whooshes, 0 errors, "
                + "0 duplicates, 0 resends, 0 watchdog trips; tick lateness p50 500 us, p99 990 us, p99.9 999 us, max 1000 us");
        SessionResult empty = new SessionResult(1, "unix", "bye", 0, 0, 0, 0, 0, List.of(), new Histogram(3));
        assertThat(empty.summary()).doesNotContain("lateness");
    }
}
