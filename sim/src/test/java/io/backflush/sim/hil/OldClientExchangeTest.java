package io.backflush.sim.hil;

import io.backflush.core.machine.Machine;
import io.backflush.core.machine.Presets;
import io.backflush.sim.hil.protocol.BinaryCodec;
import io.backflush.sim.hil.protocol.Encoding;
import io.backflush.sim.hil.protocol.JsonLineCodec;
import io.backflush.sim.hil.protocol.Message;
import io.backflush.sim.hil.server.HilSession;
import io.backflush.sim.hil.server.SessionConfig;
import io.backflush.sim.hil.server.Transport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A protocol-v1 client (the hello of the C and Python clients before protocol v2: versions 1..1)
 * still gets, byte for byte, the frames the server sent it before v2: the client's bytes and the
 * server's answer were recorded from the v1 server (commit f129eef) in
 * {@code src/test/resources/io/backflush/sim/hil/v1/} and are replayed here, in both encodings, raw
 * signals on, on {@code single-boiler}: 300 ticks of pumping against the blind basket, 200
 * released (the line holding its pressure), a fault, step, run_to, snapshot and restore, reset,
 * get_stats and bye. {@code -Dbackflush.hil.record=true} writes the recording anew (only ever from
 * a v1 server).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OldClientExchangeTest {
    private static final Path RECORDINGS = Path.of("src/test/resources/io/backflush/sim/hil/v1");

    /** What the old client sent: hello 1..1 with raw signals, then a scripted lockstep run. */
    static byte[] oldClientBytes(Encoding encoding) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[Encoding.MAX_FRAME_BYTES];
        java.util.function.Consumer<Message> send = m -> {
            int n = encoding == Encoding.BINARY ? BinaryCodec.encode(m, buf) : JsonLineCodec.encode(m, buf);
            out.write(buf, 0, n);
        };
        send.accept(new Message.Hello(1, 1, Message.Hello.FLAG_RAW, 0));
        long seq = 0;
        for (; seq < 500; seq++) {
            boolean filling = seq < 300;
            send.accept(new Message.ActuatorFrame(seq, seq * 1000, filling ? 1.0 : 0.0, 0.5, filling));
        }
        send.accept(new Message.Fault("noise target=group_bar sigma=0.05"));
        send.accept(new Message.Snapshot(2));
        send.accept(new Message.Step(250));
        seq += 250;
        send.accept(new Message.RunTo(900_000));
        seq = 900;
        for (int i = 0; i < 50; i++, seq++) {
            send.accept(new Message.ActuatorFrame(seq, seq * 1000, 1.0, 1.0, true));
        }
        send.accept(new Message.Restore(2));
        send.accept(new Message.Step(20));
        send.accept(new Message.GetStats());
        send.accept(new Message.Reset(7));
        send.accept(new Message.ActuatorFrame(0, 0, 1.0, 0.0, true));
        send.accept(new Message.GetStats());
        send.accept(new Message.Bye());
        return out.toByteArray();
    }

    /** The server's bytes for a client's bytes, over an in-memory transport. */
    static byte[] serve(byte[] client) {
        ByteArrayOutputStream server = new ByteArrayOutputStream();
        SessionConfig config = SessionConfig.lockstep(Machine.of(Presets.singleBoiler())).withTimeouts(60_000, 60_000);
        InputStream in = new ByteArrayInputStream(client);
        new HilSession(config, Transport.of(in, server, "recording"), 1).call();
        return server.toByteArray();
    }

    private static void check(Encoding encoding, String name) throws IOException {
        Path clientFile = RECORDINGS.resolve(name + ".client");
        Path serverFile = RECORDINGS.resolve(name + ".server");
        if (Boolean.getBoolean("backflush.hil.record")) {
            byte[] client = oldClientBytes(encoding);
            Files.write(clientFile, client);
            Files.write(serverFile, serve(client));
        }
        byte[] client = Files.readAllBytes(clientFile);
        byte[] expected = Files.readAllBytes(serverFile);
        byte[] got = serve(client);
        assertThat(got.length).as("%s: bytes the server sent", name).isEqualTo(expected.length);
        for (int i = 0; i < expected.length; i++) {
            if (got[i] != expected[i]) {
                int from = Math.max(0, i - 40);
                throw new AssertionError(name + ": first difference at byte " + i + " of " + expected.length
                        + ": recorded ..." + new String(expected, from, Math.min(80, expected.length - from),
                        java.nio.charset.StandardCharsets.ISO_8859_1) + "... got ..." + new String(got, from,
                        Math.min(80, got.length - from), java.nio.charset.StandardCharsets.ISO_8859_1));
            }
        }
    }

    @Test
    void anOldBinaryClientGetsTheFramesItGotBeforeVersion2() throws IOException {
        check(Encoding.BINARY, "binary");
    }

    @Test
    void anOldJsonClientGetsTheLinesItGotBeforeVersion2() throws IOException {
        check(Encoding.JSON, "json");
    }

    @Test
    void theRecordingIsAWholeSession() throws IOException {
        String json = Files.readString(RECORDINGS.resolve("json.server"));
        assertThat(json).startsWith("{\"type\":\"hello_ack\",\"version\":1,\"raw\":true")
                .contains("\"pump_bar\":").contains("\"type\":\"stats\"").endsWith("{\"type\":\"ack\",\"of\":\"bye\",\"value\":1}\n");
        assertThat(json.lines().filter(l -> l.contains("\"type\":\"sensors\"")).count()).isGreaterThan(550);
    }
}
