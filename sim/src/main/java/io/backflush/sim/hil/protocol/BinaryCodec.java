package io.backflush.sim.hil.protocol;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The compact binary encoding: every frame is
 * <pre>
 *   'B' 'F' | version u8 | type u8 | payload length u16 | payload | CRC-32C u32
 * </pre>
 * little-endian throughout, the CRC-32C (Castagnoli) taken over header and payload. The version
 * byte is the protocol version of the payload's layout: 1 for hello and hello_ack and everything a
 * v1 session sends, the negotiated version for what the server sends in a later session (only the
 * sensor frame's layout differs); the decoder reads each frame by its own version. Each payload
 * is its {@link MessageType}'s fields in order, laid out by their {@link Field.Kind}
 * (docs/protocol.md); only the fault spec and the error text vary in length, up to
 * {@value #MAX_TEXT_BYTES} bytes of UTF-8.
 */
public final class BinaryCodec {
    public static final byte MAGIC_0 = 'B';
    public static final byte MAGIC_1 = 'F';
    public static final int HEADER_BYTES = 6;
    public static final int CRC_BYTES = 4;
    public static final int MAX_PAYLOAD_BYTES = 256;
    public static final int MAX_TEXT_BYTES = 240;

    // The type codes and fixed payload lengths, kept for source compatibility: MessageType is the table.
    public static final int HELLO = MessageType.HELLO.code();
    public static final int HELLO_ACK = MessageType.HELLO_ACK.code();
    public static final int SENSORS = MessageType.SENSORS.code();
    public static final int ACTUATORS = MessageType.ACTUATORS.code();
    public static final int PAUSE = MessageType.PAUSE.code();
    public static final int RESUME = MessageType.RESUME.code();
    public static final int STEP = MessageType.STEP.code();
    public static final int RUN_TO = MessageType.RUN_TO.code();
    public static final int RESET = MessageType.RESET.code();
    public static final int SNAPSHOT = MessageType.SNAPSHOT.code();
    public static final int RESTORE = MessageType.RESTORE.code();
    public static final int FAULT = MessageType.FAULT.code();
    public static final int BYE = MessageType.BYE.code();
    public static final int ACK = MessageType.ACK.code();
    public static final int ERROR = MessageType.ERROR.code();

    public static final int HELLO_BYTES = MessageType.HELLO.payloadBytes();
    public static final int HELLO_ACK_BYTES = MessageType.HELLO_ACK.payloadBytes();
    public static final int SENSORS_BYTES = MessageType.SENSORS.payloadBytes();
    public static final int ACTUATORS_BYTES = MessageType.ACTUATORS.payloadBytes();

    private BinaryCodec() {
    }

    /** The binary type byte of a message. */
    public static int type(Message m) {
        return MessageType.of(m).code();
    }

    /** Encodes {@code m} in protocol v1 into {@code out} (at least 266 bytes); returns the frame length. */
    public static int encode(Message m, byte[] out) {
        return encode(m, out, Message.VERSION);
    }

    /** Encodes {@code m} in protocol {@code version} into {@code out} (at least 266 bytes); returns the frame length. */
    public static int encode(Message m, byte[] out, int version) {
        MessageType type = MessageType.of(m);
        ByteBuffer b = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC_0).put(MAGIC_1).put((byte) version).put((byte) type.code()).putShort((short) 0);
        for (Field f : type.fields()) {
            if (!f.in(version)) {
                continue;
            }
            switch (f.kind) {
                case U8, FLAGS, TYPE, NAMED -> b.put((byte) f.integer.applyAsLong(m));
                case U16, I16 -> b.putShort((short) f.integer.applyAsLong(m));
                case U32 -> b.putInt((int) f.integer.applyAsLong(m));
                case I64 -> b.putLong(f.integer.applyAsLong(m));
                case F32 -> b.putFloat((float) f.real.applyAsDouble(m));
                case BOOL -> b.put((byte) (f.bool.test(m) ? 1 : 0));
                case TEXT -> b.put(utf8(f.text.apply(m)));
                case PAD8 -> b.put((byte) 0);
                case PAD16 -> b.putShort((short) 0);
            }
        }
        int length = b.position() - HEADER_BYTES;
        b.putShort(4, (short) length);
        CRC32C crc = new CRC32C();
        crc.update(out, 0, HEADER_BYTES + length);
        b.putInt((int) crc.getValue());
        return b.position();
    }

    /** UTF-8 bytes of {@code text}, cut to {@value #MAX_TEXT_BYTES} bytes on a character boundary. */
    static byte[] utf8(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= MAX_TEXT_BYTES) {
            return bytes;
        }
        int n = MAX_TEXT_BYTES;
        while (n > 0 && (bytes[n] & 0xC0) == 0x80) {
            n--;
        }
        return java.util.Arrays.copyOf(bytes, n);
    }

    /** The strict stream decoder; see {@link FrameDecoder}. */
    public static final class Decoder extends BufferedFrameDecoder {
        private final CRC32C crc = new CRC32C();
        private final long[] integers = new long[MessageType.MAX_FIELDS];
        private final double[] reals = new double[MessageType.MAX_FIELDS];
        private final String[] texts = new String[MessageType.MAX_FIELDS];
        private long offset;

        public Decoder() {
            super(4096);
        }

        @Override
        public Encoding encoding() {
            return Encoding.BINARY;
        }

        private void drop(int n) {
            start += n;
            offset += n;
            if (start == end) {
                start = 0;
                end = 0;
            }
        }

        private DecodeError error(ErrorCode code, long at, String detail) {
            errors++;
            return new DecodeError(code, at, detail);
        }

        @Override
        public Decoded next() {
            int avail = end - start;
            if (avail == 0) {
                return null;
            }
            long at = offset;
            if (buf[start] != MAGIC_0) {
                int skip = 1;
                while (start + skip < end && buf[start + skip] != MAGIC_0) {
                    skip++;
                }
                drop(skip);
                return error(ErrorCode.BAD_MAGIC, at, "bad magic: skipped " + skip + " byte" + (skip == 1 ? "" : "s"));
            }
            if (avail < 2) {
                return null;
            }
            if (buf[start + 1] != MAGIC_1) {
                drop(1);
                return error(ErrorCode.BAD_MAGIC, at, "bad magic");
            }
            if (avail < HEADER_BYTES) {
                return null;
            }
            int length = (buf[start + 4] & 0xFF) | (buf[start + 5] & 0xFF) << 8;
            if (length > MAX_PAYLOAD_BYTES) {
                drop(2);
                return error(ErrorCode.BAD_LENGTH, at, "payload length " + length + " over " + MAX_PAYLOAD_BYTES);
            }
            DecodeError wrongLength = wrongLength(buf[start + 2] & 0xFF, buf[start + 3] & 0xFF, length, at);
            if (wrongLength != null) {
                // refused from its header: waiting for the announced length would swallow the frames after it
                drop(2);
                return wrongLength;
            }
            int total = HEADER_BYTES + length + CRC_BYTES;
            if (avail < total) {
                return null;
            }
            ByteBuffer b = ByteBuffer.wrap(buf, start, total).order(ByteOrder.LITTLE_ENDIAN);
            crc.reset();
            crc.update(buf, start, HEADER_BYTES + length);
            int expected = b.getInt(start + HEADER_BYTES + length);
            if ((int) crc.getValue() != expected) {
                drop(2);
                return error(ErrorCode.BAD_CRC, at, "CRC-32C mismatch");
            }
            int version = buf[start + 2] & 0xFF;
            int type = buf[start + 3] & 0xFF;
            Decoded result;
            if (version < Message.VERSION || version > Message.MAX_VERSION) {
                result = error(ErrorCode.BAD_VERSION, at, "frame version " + version + ", this side speaks "
                        + Message.VERSION + ".." + Message.MAX_VERSION);
            } else {
                b.position(start + HEADER_BYTES);
                result = payload(type, length, b, at, version);
            }
            drop(total);
            return result;
        }

        /**
         * A header of this version announcing a known type with a payload length that type cannot
         * have: the error, else null (an unknown type or version is judged once the whole frame and
         * its CRC are in).
         */
        private DecodeError wrongLength(int version, int code, int length, long at) {
            MessageType type = MessageType.of(code);
            if (version < Message.VERSION || version > Message.MAX_VERSION || type == null) {
                return null;
            }
            if (type.payloadBytes(version) != MessageType.VARIABLE) {
                if (length != type.payloadBytes(version)) {
                    return error(ErrorCode.BAD_LENGTH, at, String.format("type 0x%02x needs a %d-byte payload, got %d",
                            code, type.payloadBytes(version), length));
                }
            } else if (length < type.minPayloadBytes(version) || length > type.maxPayloadBytes(version)) {
                return error(ErrorCode.BAD_LENGTH, at, type.jsonName() + ": payload must be "
                        + type.minPayloadBytes(version) + ".." + type.maxPayloadBytes(version) + " bytes, got " + length);
            }
            return null;
        }

        private Decoded payload(int code, int length, ByteBuffer b, long at, int version) {
            MessageType type = MessageType.of(code);
            if (type == null) {
                return error(ErrorCode.UNKNOWN_TYPE, at, String.format("unknown frame type 0x%02x", code));
            }
            try {
                int end = b.position() + length;
                List<Field> fields = type.fields();
                for (int i = 0; i < fields.size(); i++) {
                    Field f = fields.get(i);
                    if (!f.in(version)) {
                        continue;
                    }
                    switch (f.kind) {
                        case U8, BOOL, FLAGS, TYPE, NAMED -> integers[i] = b.get() & 0xFF;
                        case U16 -> integers[i] = b.getShort() & 0xFFFF;
                        case I16 -> integers[i] = b.getShort();
                        case U32 -> integers[i] = b.getInt() & 0xFFFFFFFFL;
                        case I64 -> integers[i] = b.getLong();
                        case F32 -> reals[i] = b.getFloat();
                        case TEXT -> {
                            texts[i] = text(b, end - b.position());
                            if (texts[i] == null) {
                                throw new FieldException("\"" + f.key + "\" is not UTF-8");
                            }
                        }
                        case PAD8 -> b.get();
                        case PAD16 -> b.getShort();
                    }
                    if (f.integral()) {
                        type.check(i, integers[i], integers, true);
                    }
                }
                return type.build(integers, reals, texts, version);
            } catch (FieldException e) {
                return error(ErrorCode.BAD_PAYLOAD, at, type.jsonName() + ": " + e.getMessage());
            }
        }

        private static String text(ByteBuffer b, int length) {
            ByteBuffer slice = b.slice();
            slice.limit(length);
            try {
                CharBuffer chars = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(slice);
                return chars.toString();
            } catch (CharacterCodingException e) {
                return null;
            }
        }
    }
}
