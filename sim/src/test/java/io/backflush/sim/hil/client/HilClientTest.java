package io.backflush.sim.hil.client;

import io.backflush.sim.hil.protocol.BinaryCodec;
import io.backflush.sim.hil.protocol.Decoded;
import io.backflush.sim.hil.protocol.Encoding;
import io.backflush.sim.hil.protocol.FrameDecoder;
import io.backflush.sim.hil.protocol.Message;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Java client against a server played from bytes: what it sends (the hello's versions, frames
 * in the negotiated version), and how it reads (acks and resends skipped, sequence numbers compared
 * modulo 2³², errors and a closed connection reported).
 */
class HilClientTest {

    static Message.SensorFrame frame(long seq) {
        return new Message.SensorFrame(seq, seq * 1000, 1.5, 2.5, 93.0, 85.0, 3, 1990.0, 0.0, 0, 0, 0, 0, 0, 0);
    }

    /** The server's side of a conversation: messages encoded one after another. */
    static byte[] server(Encoding e, int version, Message... messages) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[Encoding.MAX_FRAME_BYTES];
        for (Message m : messages) {
            int n = e.encode(m, buf, m instanceof Message.HelloAck ? 1 : version);
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    /** Delivers its bytes a few at a time, as a socket may. */
    static InputStream trickle(byte[] bytes) {
        return new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 7));
            }
        };
    }

    static List<Message> decodeAll(Encoding e, byte[] bytes) {
        FrameDecoder d = e.newDecoder();
        d.feed(bytes, 0, bytes.length);
        List<Message> out = new ArrayList<>();
        for (Decoded x = d.next(); x != null; x = d.next()) {
            out.add((Message) x);
        }
        return out;
    }

    @Test
    void helloOffersVersionOneByDefaultAndTheClientSpeaksTheVersionTheServerChose() throws IOException {
        byte[] in = server(Encoding.BINARY, 2, new Message.HelloAck(2, 1, 1000, 7));
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        HilClient c = new HilClient(trickle(in), sent, Encoding.BINARY, null);
        assertThat(c.version()).isEqualTo(1);
        assertThat(c.hello(true, 250, 1, 2)).isEqualTo(new Message.HelloAck(2, 1, 1000, 7));
        assertThat(c.version()).isEqualTo(2);
        c.send(new Message.Reset(9, Message.Reset.START_COLD));
        byte[] out = sent.toByteArray();
        assertThat(decodeAll(Encoding.BINARY, out)).containsExactly(new Message.Hello(1, 2, Message.Hello.FLAG_RAW, 250),
                new Message.Reset(9, Message.Reset.START_COLD));
        // the hello's header says version 1, the reset's version 2 (12-byte payload)
        assertThat(out[2]).isEqualTo((byte) 1);
        int resetAt = 6 + 8 + 4;
        assertThat(out[resetAt + 2]).isEqualTo((byte) 2);
        assertThat(out[resetAt + 4]).isEqualTo((byte) 12);
    }

    @Test
    void theOneArgumentHelloOffersOnlyVersionOneWithoutRaw() throws IOException {
        byte[] in = server(Encoding.BINARY, 1, new Message.HelloAck(1, 0, 1000, 1));
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        // buffered, as over a socket: each message must be flushed as it is sent
        HilClient c = new HilClient(trickle(in), new java.io.BufferedOutputStream(sent), Encoding.BINARY, null);
        assertThat(c.hello(false, 0)).isEqualTo(new Message.HelloAck(1, 0, 1000, 1));
        assertThat(decodeAll(Encoding.BINARY, sent.toByteArray())).containsExactly(new Message.Hello(1, 1, 0, 0));
        assertThat(c.version()).isEqualTo(1);
    }

    @Test
    void aJsonClientReadsSensorLinesByTheVersionTheServerChose() throws IOException {
        String v2 = "{\"type\":\"hello_ack\",\"version\":2,\"raw\":false,\"dt_us\":1000,\"session\":1}\n"
                + "{\"type\":\"sensors\",\"seq\":0,\"t_us\":0,\"group_bar\":1.0,\"line_bar\":4.0,\"boiler_c\":93.0,"
                + "\"group_c\":85.0,\"flow_pulses\":0,\"tank_ml\":2000.0,\"drip_ml\":0.0,\"status\":0}\n";
        HilClient c2 = new HilClient(trickle(v2.getBytes(StandardCharsets.UTF_8)), new ByteArrayOutputStream(),
                Encoding.JSON, null);
        c2.hello(false, 0, 1, 2);
        assertThat(c2.nextSensors().lineBar()).isEqualTo(4.0);

        String v1 = v2.replace("\"version\":2", "\"version\":1").replace("line_bar", "pump_bar");
        HilClient c1 = new HilClient(trickle(v1.getBytes(StandardCharsets.UTF_8)), new ByteArrayOutputStream(),
                Encoding.JSON, null);
        c1.hello(false, 0, 1, 2);
        assertThat(c1.version()).isEqualTo(1);
        assertThat(c1.nextSensors().lineBar()).isEqualTo(4.0);
    }

    @Test
    void anAnswerToHelloThatIsNotHelloAckIsAnError() {
        byte[] in = server(Encoding.BINARY, 1, new Message.Error(4, 1, "no common version at byte 0"));
        HilClient c = new HilClient(trickle(in), new ByteArrayOutputStream(), Encoding.BINARY, null);
        assertThatThrownBy(() -> c.hello(false, 0, 3, 4)).isInstanceOf(IOException.class)
                .hasMessage("expected hello_ack, got " + new Message.Error(4, 1, "no common version at byte 0"));
    }

    @Test
    void nextSensorsSkipsAcksAndStatsAndReportsAnErrorFrame() throws IOException {
        Message.Stats stats = new Message.Stats(1, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        byte[] in = server(Encoding.BINARY, 1, new Message.Ack(BinaryCodec.STEP, 5), stats, frame(5),
                new Message.Error(10, 2, "actuators for tick 9 while at tick 5 at byte 80"));
        HilClient c = new HilClient(trickle(in), new ByteArrayOutputStream(), Encoding.BINARY, null);
        assertThat(c.nextSensors()).isEqualTo(frame(5));
        assertThatThrownBy(c::nextSensors).isInstanceOf(IOException.class)
                .hasMessage("server error 10: actuators for tick 9 while at tick 5 at byte 80");
    }

    @Test
    void sensorsForSkipsResendsOfEarlierTicksButReturnsALaterTickOrTheOneAsked() throws IOException {
        byte[] in = server(Encoding.BINARY, 1, frame(3), frame(3), frame(4), frame(4), frame(9));
        HilClient c = new HilClient(trickle(in), new ByteArrayOutputStream(), Encoding.BINARY, null);
        assertThat(c.sensorsFor(4)).isEqualTo(frame(4));
        // tick 9 is past 5 (a reset or restore can only go back, so a later one is not skipped)
        assertThat(c.next()).isEqualTo(frame(4));
        assertThat(c.sensorsFor(5)).isEqualTo(frame(9));
    }

    @Test
    void sensorsForComparesSequenceNumbersModulo2To32() throws IOException {
        long top = 0xFFFFFFFFL;
        byte[] in = server(Encoding.BINARY, 1, frame(top - 1), frame(top), frame(0), frame(1));
        HilClient c = new HilClient(trickle(in), new ByteArrayOutputStream(), Encoding.BINARY, null);
        // waiting for tick 0 after the wrap: 2^32 − 2 and 2^32 − 1 are earlier, skipped
        assertThat(c.sensorsFor(0)).isEqualTo(frame(0));
        // half the sequence space ahead counts as later, not earlier
        byte[] in2 = server(Encoding.BINARY, 1, frame(0x80000000L + 5), frame(5));
        HilClient c2 = new HilClient(trickle(in2), new ByteArrayOutputStream(), Encoding.BINARY, null);
        assertThat(c2.sensorsFor(5)).as("2^31 behind is a later tick").isEqualTo(frame(0x80000000L + 5));
        byte[] in3 = server(Encoding.BINARY, 1, frame(0x80000000L + 6), frame(5));
        HilClient c3 = new HilClient(trickle(in3), new ByteArrayOutputStream(), Encoding.BINARY, null);
        assertThat(c3.sensorsFor(5)).as("2^31 − 1 behind is an earlier tick").isEqualTo(frame(5));
    }

    @Test
    void actuateAnswersTheFrameItIsGivenWithItsSeqAndTime() throws IOException {
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        HilClient c = new HilClient(new ByteArrayInputStream(new byte[0]), sent, Encoding.BINARY, null);
        c.actuate(frame(12), 0.75, true, 0.25);
        assertThat(decodeAll(Encoding.BINARY, sent.toByteArray()))
                .containsExactly(new Message.ActuatorFrame(12, 12_000, 0.75, 0.25, true));
    }

    @Test
    void aBadFrameFromTheServerAndAClosedConnectionAreExceptions() {
        byte[] good = server(Encoding.BINARY, 1, frame(1));
        byte[] bad = Arrays.copyOf(good, good.length);
        bad[10] ^= 0x40; // payload changed, CRC not
        HilClient c = new HilClient(trickle(bad), new ByteArrayOutputStream(), Encoding.BINARY, null);
        assertThatThrownBy(c::next).isInstanceOf(IOException.class).hasMessageStartingWith("bad frame from server: ")
                .hasMessageContaining("CRC");
        HilClient closed = new HilClient(trickle(Arrays.copyOf(good, 20)), new ByteArrayOutputStream(), Encoding.BINARY, null);
        assertThatThrownBy(closed::next).isInstanceOf(EOFException.class).hasMessage("server closed the connection");
    }

    @Test
    void closeClosesTheResourceOrElseBothStreams() throws IOException {
        boolean[] closed = new boolean[3];
        InputStream in = new ByteArrayInputStream(new byte[0]) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        ByteArrayOutputStream out = new ByteArrayOutputStream() {
            @Override
            public void close() {
                closed[1] = true;
            }
        };
        new HilClient(in, out, Encoding.BINARY, () -> closed[2] = true).close();
        assertThat(closed).containsExactly(false, false, true);
        closed[2] = false;
        new HilClient(in, out, Encoding.BINARY, null).close();
        assertThat(closed).containsExactly(true, true, false);
    }
}
