package io.backflush.sim.hil.protocol;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The binary encoding byte by byte as docs/protocol.md ("Binary encoding", "Errors") lays it out:
 * the header, little-endian fields at their documented offsets, CRC-32C computed here bit by bit
 * from its definition (reflected polynomial 0x82F63B78, init and xorout 0xFFFFFFFF), and each kind
 * of bad frame refused with its code, its offset in the stream and one line saying what.
 */
class BinaryFramesTest {

    /** CRC-32C from its definition, one bit at a time (not the JDK's table). */
    static int crc32c(byte[] b, int from, int to) {
        int crc = 0xFFFFFFFF;
        for (int i = from; i < to; i++) {
            crc ^= b[i] & 0xFF;
            for (int k = 0; k < 8; k++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0x82F63B78 : crc >>> 1;
            }
        }
        return ~crc;
    }

    /** A frame put together by hand: header, payload, CRC. */
    static byte[] frame(int version, int type, byte[] payload) {
        byte[] f = new byte[6 + payload.length + 4];
        f[0] = 'B';
        f[1] = 'F';
        f[2] = (byte) version;
        f[3] = (byte) type;
        f[4] = (byte) payload.length;
        f[5] = (byte) (payload.length >> 8);
        System.arraycopy(payload, 0, f, 6, payload.length);
        ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN).putInt(6 + payload.length, crc32c(f, 0, 6 + payload.length));
        return f;
    }

    static ByteBuffer le(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }

    static byte[] encode(Message m, int version) {
        byte[] buf = new byte[Encoding.MAX_FRAME_BYTES];
        return Arrays.copyOf(buf, BinaryCodec.encode(m, buf, version));
    }

    static List<Decoded> decode(byte[]... parts) {
        ByteArrayOutputStream s = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            s.writeBytes(p);
        }
        byte[] all = s.toByteArray();
        BinaryCodec.Decoder d = new BinaryCodec.Decoder();
        List<Decoded> out = new ArrayList<>();
        for (int at = 0; at < all.length; ) {
            int n = Math.min(d.space(), all.length - at);
            d.feed(all, at, n);
            at += n;
            for (Decoded x = d.next(); x != null; x = d.next()) {
                out.add(x);
            }
        }
        return out;
    }

    static DecodeError err(ErrorCode code, long at, String detail) {
        return new DecodeError(code, at, detail);
    }

    @Test
    void theCrcIsCrc32cAsDefinedAndAPauseIsTenBytes() {
        assertThat(crc32c("123456789".getBytes(StandardCharsets.US_ASCII), 0, 9)).isEqualTo(0xE3069283);
        assertThat(encode(new Message.Pause(), 1)).containsExactly(frame(1, 0x10, new byte[0]));
        assertThat(encode(new Message.Pause(), 2)).containsExactly(frame(2, 0x10, new byte[0]));
    }

    @Test
    void theV2SensorFrameHasItsFieldsAtTheDocumentedOffsets() {
        Message.SensorFrame s = new Message.SensorFrame(0x01020304L, 0x0A0B0C0D0E0FL, 9.25, 8.5, 93.0, 88.5, 4000000000L,
                1980.5, 120.25, 8 | 4, 24000, 372, -32768, 65535, 1, 8000, 16000);
        ByteBuffer p = le(56).putInt(0x01020304).putLong(0x0A0B0C0D0E0FL).putFloat(9.25f).putFloat(8.5f).putFloat(93.0f)
                .putFloat(88.5f).putInt((int) 4000000000L).putFloat(1980.5f).putFloat(120.25f).putShort((short) 12)
                .putShort((short) 24000).putShort((short) 372).putShort((short) -32768).putShort((short) 65535)
                .put((byte) 1).put((byte) 0).putShort((short) 8000).putShort((short) 16000);
        byte[] byHand = frame(2, 0x03, p.array());
        assertThat(byHand).hasSize(66);
        assertThat(encode(s, 2)).containsExactly(byHand);
        assertThat(decode(byHand)).containsExactly(s);
        // v1: 52 bytes, without the two counts at the end (and the line called pump_bar)
        byte[] v1 = frame(1, 0x03, Arrays.copyOf(p.array(), 52));
        assertThat(encode(s, 1)).containsExactly(v1);
        Message.SensorFrame s1 = new Message.SensorFrame(0x01020304L, 0x0A0B0C0D0E0FL, 9.25, 8.5, 93.0, 88.5,
                4000000000L, 1980.5, 120.25, 12, 24000, 372, -32768, 65535, 1);
        assertThat(decode(v1)).containsExactly(s1);
    }

    @Test
    void theOtherFixedLayoutsAreThoseOfTheTable() {
        byte[] act = le(24).putInt(7).putLong(7000).putFloat(0.5f).putFloat(0.25f).put((byte) 1).put((byte) 0)
                .putShort((short) 0).array();
        assertThat(decode(frame(1, 0x04, act))).containsExactly(new Message.ActuatorFrame(7, 7000, 0.5, 0.25, true));
        byte[] hello = le(8).put((byte) 1).put((byte) 2).put((byte) 1).put((byte) 0).putInt(250).array();
        assertThat(decode(frame(1, 0x01, hello))).containsExactly(new Message.Hello(1, 2, Message.Hello.FLAG_RAW, 250));
        byte[] ack = le(12).put((byte) 2).put((byte) 1).putShort((short) 0).putInt(1000).putInt(3).array();
        assertThat(encode(new Message.HelloAck(2, 1, 1000, 3), 1)).containsExactly(frame(1, 0x02, ack));
        byte[] step = le(4).putInt(-1).array(); // u32: 2^32 - 1
        assertThat(decode(frame(1, 0x12, step))).containsExactly(new Message.Step(0xFFFFFFFFL));
        byte[] runTo = le(8).putLong(-1L).array(); // u64 on the wire
        assertThat(decode(frame(1, 0x13, runTo))).containsExactly(new Message.RunTo(-1L));
        byte[] resetV1 = le(8).putLong(-3).array();
        assertThat(decode(frame(1, 0x14, resetV1))).containsExactly(new Message.Reset(-3));
        byte[] resetV2 = le(12).putLong(-3).put((byte) 2).put((byte) 0).putShort((short) 0).array();
        assertThat(decode(frame(2, 0x14, resetV2))).containsExactly(new Message.Reset(-3, Message.Reset.START_COLD));
        assertThat(encode(new Message.Reset(-3, Message.Reset.START_COLD), 2)).containsExactly(frame(2, 0x14, resetV2));
        byte[] ackFrame = le(6).put((byte) 0x12).put((byte) 0).putInt(100).array();
        assertThat(encode(new Message.Ack(0x12, 100), 1)).containsExactly(frame(1, 0x7E, ackFrame));
        byte[] error = le(6 + 3).putShort((short) 6).putInt(2).put("bad".getBytes(StandardCharsets.UTF_8)).array();
        assertThat(encode(new Message.Error(6, 2, "bad"), 1)).containsExactly(frame(1, 0x7F, error));
        byte[] stats = le(40).putInt(1).putInt(2).putInt(3).putInt(4).putInt(5).putInt(6).putInt(7).putInt(8).putInt(9)
                .putInt(-1).array();
        assertThat(decode(frame(1, 0x7D, stats))).containsExactly(new Message.Stats(1, 2, 3, 4, 5, 6, 7, 8, 9, 0xFFFFFFFFL));
    }

    @Test
    void junkBeforeAFrameIsSkippedToTheNextBAndCounted() {
        byte[] good = encode(new Message.Step(5), 1);
        List<Decoded> got = decode("xyz".getBytes(StandardCharsets.US_ASCII), good, "q".getBytes(StandardCharsets.US_ASCII),
                new byte[] {'B', 'x'}, good);
        assertThat(got).containsExactly(err(ErrorCode.BAD_MAGIC, 0, "bad magic: skipped 3 bytes"), new Message.Step(5),
                err(ErrorCode.BAD_MAGIC, 3 + 14, "bad magic: skipped 1 byte"),
                err(ErrorCode.BAD_MAGIC, 3 + 14 + 1, "bad magic"),
                err(ErrorCode.BAD_MAGIC, 3 + 14 + 2, "bad magic: skipped 1 byte"), new Message.Step(5));
    }

    @Test
    void aLengthOver256OrWrongForTheTypeIsRefusedFromTheHeaderAndTheNextFrameIsRead() {
        byte[] good = encode(new Message.Bye(), 1);
        byte[] over = {'B', 'F', 1, 0x17, 0x01, 0x01};                   // 257
        byte[] step5 = {'B', 'F', 1, 0x12, 5, 0};
        byte[] resetV2Short = {'B', 'F', 2, 0x14, 8, 0};
        byte[] resetV1Long = {'B', 'F', 1, 0x14, 12, 0};
        byte[] emptyFault = {'B', 'F', 1, 0x17, 0, 0};
        byte[] longFault = {'B', 'F', 1, 0x17, (byte) 241, 0};
        List<Decoded> got = decode(over, good, step5, good, resetV2Short, good, resetV1Long, good, emptyFault, good,
                longFault, good);
        // each bad header drops its magic (2 bytes) and then skips the rest of it as junk up to the next B
        List<Decoded> errors = got.stream().filter(d -> d instanceof DecodeError e && e.code() == ErrorCode.BAD_LENGTH).toList();
        assertThat(errors).containsExactly(
                err(ErrorCode.BAD_LENGTH, 0, "payload length 257 over 256"),
                err(ErrorCode.BAD_LENGTH, 16, "type 0x12 needs a 4-byte payload, got 5"),
                err(ErrorCode.BAD_LENGTH, 32, "type 0x14 needs a 12-byte payload, got 8"),
                err(ErrorCode.BAD_LENGTH, 48, "type 0x14 needs a 8-byte payload, got 12"),
                err(ErrorCode.BAD_LENGTH, 64, "fault: payload must be 1..240 bytes, got 0"),
                err(ErrorCode.BAD_LENGTH, 80, "fault: payload must be 1..240 bytes, got 241"));
        assertThat(got.stream().filter(d -> d.equals(new Message.Bye())).count()).as("no good frame swallowed").isEqualTo(6);
    }

    @Test
    void aFrameOf256PayloadBytesIsReadWholeBeforeItsTypeIsJudged() {
        byte[] big = frame(1, 0x55, new byte[256]);
        assertThat(decode(big, encode(new Message.Bye(), 1)))
                .containsExactly(err(ErrorCode.UNKNOWN_TYPE, 0, "unknown frame type 0x55"), new Message.Bye());
    }

    @Test
    void aValidFrameOfAnotherVersionIsBadVersionAndABadCrcIsBadCrc() {
        byte[] v3 = frame(3, 0x10, new byte[0]);
        byte[] v0 = frame(0, 0x12, le(4).putInt(1).array());
        byte[] crc = encode(new Message.Step(1), 1);
        crc[crc.length - 1] ^= 0x10;
        assertThat(decode(v3, v0, crc, encode(new Message.Pause(), 1))).containsExactly(
                err(ErrorCode.BAD_VERSION, 0, "frame version 3, this side speaks 1..2"),
                err(ErrorCode.BAD_VERSION, 10, "frame version 0, this side speaks 1..2"),
                err(ErrorCode.BAD_CRC, 24, "CRC-32C mismatch"),
                err(ErrorCode.BAD_MAGIC, 26, "bad magic: skipped 12 bytes"),
                new Message.Pause());
    }

    @Test
    void fieldsOutOfRangeOnTheWireAreBadPayload() {
        assertThat(decode(frame(1, 0x15, new byte[] {8}))).containsExactly(
                err(ErrorCode.BAD_PAYLOAD, 0, "snapshot: \"slot\" must be 0..7, got 8"));
        assertThat(decode(frame(1, 0x16, new byte[] {(byte) 200}))).containsExactly(
                err(ErrorCode.BAD_PAYLOAD, 0, "restore: \"slot\" must be 0..7, got 200"));
        byte[] hello = le(8).put((byte) 2).put((byte) 1).put((byte) 0).put((byte) 0).putInt(0).array();
        assertThat(decode(frame(1, 0x01, hello))).containsExactly(
                err(ErrorCode.BAD_PAYLOAD, 0, "hello: min_version 2 above max_version 1"));
        assertThat(decode(frame(1, 0x17, new byte[] {'a', (byte) 0xC3}))).containsExactly(
                err(ErrorCode.BAD_PAYLOAD, 0, "fault: \"spec\" is not UTF-8"));
        assertThat(decode(frame(2, 0x14, le(12).putLong(1).put((byte) 3).put((byte) 0).putShort((short) 0).array())))
                .singleElement().satisfies(d -> assertThat(((DecodeError) d).code()).isEqualTo(ErrorCode.BAD_PAYLOAD));
    }

    @Test
    void aTextOver240BytesIsCutAtACharacterBoundary() {
        String ascii = "x".repeat(300);
        Message.Error cut = (Message.Error) decode(encode(new Message.Error(1, 1, ascii), 1)).get(0);
        assertThat(cut.message()).isEqualTo("x".repeat(240));
        // 'a' then 'ü's (2 bytes each): 240 bytes would split the 120th 'ü', so 119 are kept
        String wide = "a" + "ü".repeat(130);
        Message.Error cutWide = (Message.Error) decode(encode(new Message.Error(1, 1, wide), 1)).get(0);
        assertThat(cutWide.message()).isEqualTo("a" + "ü".repeat(119));
        String exactly = "ü".repeat(120);
        assertThat(((Message.Error) decode(encode(new Message.Error(1, 1, exactly), 1)).get(0)).message()).isEqualTo(exactly);
    }
}
