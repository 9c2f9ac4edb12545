package io.backflush.sim.hil.protocol;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

public class CodecTest {
    /** One message of every type of protocol v1, with payloads that exercise their fields. */
    public static final List<Message> ALL = List.of(
            new Message.Hello(1, 1, Message.Hello.FLAG_RAW, 1000),
            new Message.HelloAck(1, 1, 1000, 7),
            new Message.SensorFrame(12, 12_000, 9.25, 9.5, 93.0, 88.5, 42, 1980.5, 120.25, 8, 2666, 372, 354, 1200, 1),
            new Message.ActuatorFrame(12, 12_000, 0.5, 0.25, true),
            new Message.Pause(), new Message.Resume(), new Message.Step(100), new Message.RunTo(5_000_000),
            new Message.Reset(-3), new Message.Snapshot(2), new Message.Restore(7), new Message.Fault("stuck target=boiler_c"),
            new Message.Bye(), new Message.Ack(BinaryCodec.STEP, 100), new Message.Error(3, 2, "bad \"length\" ü"),
            new Message.GetStats(), new Message.Stats(30_000, 29_990, 61, 180, 420, 1_900, 1, 0, 3, 0xFFFFFFFFL));

    static List<Decoded> decodeAll(Encoding encoding, byte[] bytes) {
        FrameDecoder d = encoding.newDecoder();
        List<Decoded> out = new ArrayList<>();
        for (byte b : bytes) {
            d.feed(new byte[] {b}, 0, 1);
            for (Decoded x = d.next(); x != null; x = d.next()) {
                out.add(x);
            }
        }
        return out;
    }

    @Test
    void everyMessageRoundTripsInBothEncodingsByteByByte() {
        for (Encoding e : Encoding.values()) {
            byte[] buf = new byte[Encoding.MAX_FRAME_BYTES];
            java.io.ByteArrayOutputStream stream = new java.io.ByteArrayOutputStream();
            for (Message m : ALL) {
                stream.write(buf, 0, e.encode(m, buf));
            }
            assertThat(decodeAll(e, stream.toByteArray())).as(e.name()).containsExactlyElementsOf(ALL);
        }
    }

    @Test
    void theBinarySensorFrameIsSmallAndFixed() {
        byte[] buf = new byte[Encoding.MAX_FRAME_BYTES];
        assertThat(BinaryCodec.encode(ALL.get(2), buf)).isEqualTo(6 + 52 + 4);
        assertThat(BinaryCodec.encode(ALL.get(3), buf)).isEqualTo(6 + 24 + 4);
        // CRC-32C check value of "123456789" is 0xE3069283: the C client uses the same table
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update("123456789".getBytes(StandardCharsets.US_ASCII));
        assertThat(crc.getValue()).isEqualTo(0xE3069283L);
    }

    @Test
    void badInputIsReportedSkippedAndDecodingGoesOn() {
        byte[] buf = new byte[64];
        int n = BinaryCodec.encode(new Message.Step(5), buf);
        byte[] good = java.util.Arrays.copyOf(buf, n);
        byte[] badCrc = good.clone();
        badCrc[7] ^= 1;
        byte[] badVersion = good.clone();
        badVersion[2] = 9;
        byte[] oversized = {'B', 'F', 1, 0x12, 0x10, 0x27};
        java.io.ByteArrayOutputStream s = new java.io.ByteArrayOutputStream();
        for (byte[] part : new byte[][] {"xx".getBytes(), badCrc, badVersion, oversized, good}) {
            s.writeBytes(part);
        }
        List<Decoded> out = decodeAll(Encoding.BINARY, s.toByteArray());
        assertThat(out.get(out.size() - 1)).isEqualTo(new Message.Step(5));
        List<ErrorCode> codes = out.stream().filter(d -> d instanceof DecodeError).map(d -> ((DecodeError) d).code()).toList();
        assertThat(codes).contains(ErrorCode.BAD_MAGIC, ErrorCode.BAD_CRC, ErrorCode.BAD_LENGTH);

        String lines = "{\"type\":\"step\",\"n\":5}\nnot json\n{\"type\":\"step\"}\n{\"type\":\"nope\"}\n"
                + "{\"type\":\"step\",\"n\":-1}\n" + "{\"a\":".repeat(3000) + "\n[1]\n{\"type\":\"pause\"}\n";
        List<Decoded> json = decodeAll(Encoding.JSON, lines.getBytes(StandardCharsets.UTF_8));
        assertThat(json.get(0)).isEqualTo(new Message.Step(5));
        assertThat(json.get(json.size() - 1)).isEqualTo(new Message.Pause());
        assertThat(json.stream().filter(d -> d instanceof DecodeError).map(d -> ((DecodeError) d).code()))
                .containsExactly(ErrorCode.BAD_JSON, ErrorCode.BAD_PAYLOAD, ErrorCode.UNKNOWN_TYPE, ErrorCode.BAD_PAYLOAD,
                        ErrorCode.OVERSIZED, ErrorCode.BAD_JSON);
    }
}
