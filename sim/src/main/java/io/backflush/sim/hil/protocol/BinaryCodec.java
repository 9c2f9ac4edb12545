package io.backflush.sim.hil.protocol;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * The compact binary encoding (protocol v1): every frame is
 * <pre>
 *   'B' 'F' | version u8 | type u8 | payload length u16 | payload | CRC-32C u32
 * </pre>
 * little-endian throughout, the CRC-32C (Castagnoli) taken over header and payload. Payloads have
 * a fixed layout per type (docs/protocol.md); only the fault spec and the error text vary in
 * length, up to {@value #MAX_TEXT_BYTES} bytes of UTF-8.
 */
public final class BinaryCodec {
    public static final byte MAGIC_0 = 'B';
    public static final byte MAGIC_1 = 'F';
    public static final int HEADER_BYTES = 6;
    public static final int CRC_BYTES = 4;
    public static final int MAX_PAYLOAD_BYTES = 256;
    public static final int MAX_TEXT_BYTES = 240;

    public static final int HELLO = 0x01;
    public static final int HELLO_ACK = 0x02;
    public static final int SENSORS = 0x03;
    public static final int ACTUATORS = 0x04;
    public static final int PAUSE = 0x10;
    public static final int RESUME = 0x11;
    public static final int STEP = 0x12;
    public static final int RUN_TO = 0x13;
    public static final int RESET = 0x14;
    public static final int SNAPSHOT = 0x15;
    public static final int RESTORE = 0x16;
    public static final int FAULT = 0x17;
    public static final int BYE = 0x18;
    public static final int ACK = 0x7E;
    public static final int ERROR = 0x7F;

    public static final int HELLO_BYTES = 8;
    public static final int HELLO_ACK_BYTES = 12;
    public static final int SENSORS_BYTES = 52;
    public static final int ACTUATORS_BYTES = 24;

    private BinaryCodec() {
    }

    /** The binary type byte of a message. */
    public static int type(Message m) {
        if (m instanceof Message.Hello) return HELLO;
        if (m instanceof Message.HelloAck) return HELLO_ACK;
        if (m instanceof Message.SensorFrame) return SENSORS;
        if (m instanceof Message.ActuatorFrame) return ACTUATORS;
        if (m instanceof Message.Pause) return PAUSE;
        if (m instanceof Message.Resume) return RESUME;
        if (m instanceof Message.Step) return STEP;
        if (m instanceof Message.RunTo) return RUN_TO;
        if (m instanceof Message.Reset) return RESET;
        if (m instanceof Message.Snapshot) return SNAPSHOT;
        if (m instanceof Message.Restore) return RESTORE;
        if (m instanceof Message.Fault) return FAULT;
        if (m instanceof Message.Bye) return BYE;
        if (m instanceof Message.Ack) return ACK;
        return ERROR;
    }

    /** Encodes {@code m} into {@code out} (at least 266 bytes); returns the frame length. */
    public static int encode(Message m, byte[] out) {
        ByteBuffer b = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC_0).put(MAGIC_1).put((byte) Message.VERSION).put((byte) type(m)).putShort((short) 0);
        if (m instanceof Message.Hello h) {
            b.put((byte) h.minVersion()).put((byte) h.maxVersion()).put((byte) h.flags()).put((byte) 0)
                    .putInt((int) h.dtMicros());
        } else if (m instanceof Message.HelloAck a) {
            b.put((byte) a.version()).put((byte) a.flags()).putShort((short) 0).putInt((int) a.dtMicros())
                    .putInt((int) a.sessionId());
        } else if (m instanceof Message.SensorFrame s) {
            b.putInt((int) s.seq()).putLong(s.timeMicros())
                    .putFloat((float) s.groupBar()).putFloat((float) s.pumpBar())
                    .putFloat((float) s.boilerC()).putFloat((float) s.groupC())
                    .putInt((int) s.flowPulses()).putFloat((float) s.tankMl()).putFloat((float) s.dripMl())
                    .putShort((short) s.status()).putShort((short) s.rawPressureCounts())
                    .putShort((short) s.rawBoilerQuarterC()).putShort((short) s.rawGroupQuarterC())
                    .putShort((short) s.rawZeroCrossings()).put((byte) s.rawHeaterOn()).put((byte) 0);
        } else if (m instanceof Message.ActuatorFrame a) {
            b.putInt((int) a.seq()).putLong(a.timeMicros()).putFloat((float) a.pumpDuty())
                    .putFloat((float) a.heaterDuty()).put((byte) (a.solenoid() ? 1 : 0)).put((byte) 0)
                    .putShort((short) 0);
        } else if (m instanceof Message.Step s) {
            b.putInt((int) s.ticks());
        } else if (m instanceof Message.RunTo r) {
            b.putLong(r.timeMicros());
        } else if (m instanceof Message.Reset r) {
            b.putLong(r.seed());
        } else if (m instanceof Message.Snapshot s) {
            b.put((byte) s.slot());
        } else if (m instanceof Message.Restore r) {
            b.put((byte) r.slot());
        } else if (m instanceof Message.Fault f) {
            b.put(utf8(f.spec()));
        } else if (m instanceof Message.Ack a) {
            b.put((byte) a.type()).put((byte) 0).putInt((int) a.value());
        } else if (m instanceof Message.Error e) {
            b.putShort((short) e.code()).putInt((int) e.count()).put(utf8(e.message()));
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
            if (version != Message.VERSION) {
                result = error(ErrorCode.BAD_VERSION, at, "frame version " + version + ", this server speaks " + Message.VERSION);
            } else {
                b.position(start + HEADER_BYTES);
                result = payload(type, length, b, at);
            }
            drop(total);
            return result;
        }

        private Decoded payload(int type, int length, ByteBuffer b, long at) {
            int want = switch (type) {
                case HELLO -> HELLO_BYTES;
                case HELLO_ACK -> HELLO_ACK_BYTES;
                case SENSORS -> SENSORS_BYTES;
                case ACTUATORS -> ACTUATORS_BYTES;
                case PAUSE, RESUME, BYE -> 0;
                case STEP -> 4;
                case RUN_TO, RESET -> 8;
                case SNAPSHOT, RESTORE -> 1;
                case ACK -> 6;
                case FAULT, ERROR -> -1;
                default -> -2;
            };
            if (want == -2) {
                return error(ErrorCode.UNKNOWN_TYPE, at, String.format("unknown frame type 0x%02x", type));
            }
            if (want >= 0 && length != want) {
                return error(ErrorCode.BAD_LENGTH, at, String.format("type 0x%02x needs a %d-byte payload, got %d",
                        type, want, length));
            }
            switch (type) {
                case HELLO: {
                    int min = b.get() & 0xFF;
                    int max = b.get() & 0xFF;
                    int flags = b.get() & 0xFF;
                    b.get();
                    long dt = b.getInt() & 0xFFFFFFFFL;
                    if (min > max) {
                        return error(ErrorCode.BAD_PAYLOAD, at, "hello: min version " + min + " above max " + max);
                    }
                    return new Message.Hello(min, max, flags, dt);
                }
                case HELLO_ACK: {
                    int version = b.get() & 0xFF;
                    int flags = b.get() & 0xFF;
                    b.getShort();
                    long dt = b.getInt() & 0xFFFFFFFFL;
                    return new Message.HelloAck(version, flags, dt, b.getInt() & 0xFFFFFFFFL);
                }
                case SENSORS: {
                    long seq = b.getInt() & 0xFFFFFFFFL;
                    long t = b.getLong();
                    double g = b.getFloat();
                    double p = b.getFloat();
                    double bc = b.getFloat();
                    double gc = b.getFloat();
                    long pulses = b.getInt() & 0xFFFFFFFFL;
                    double tank = b.getFloat();
                    double drip = b.getFloat();
                    int status = b.getShort() & 0xFFFF;
                    int counts = b.getShort() & 0xFFFF;
                    int bq = b.getShort();
                    int gq = b.getShort();
                    int zc = b.getShort() & 0xFFFF;
                    int ssr = b.get() & 0xFF;
                    return new Message.SensorFrame(seq, t, g, p, bc, gc, pulses, tank, drip, status, counts, bq, gq, zc, ssr);
                }
                case ACTUATORS: {
                    long seq = b.getInt() & 0xFFFFFFFFL;
                    long t = b.getLong();
                    double pump = b.getFloat();
                    double heater = b.getFloat();
                    int solenoid = b.get() & 0xFF;
                    if (solenoid > 1) {
                        return error(ErrorCode.BAD_PAYLOAD, at, "actuators: solenoid must be 0 or 1, got " + solenoid);
                    }
                    return new Message.ActuatorFrame(seq, t, pump, heater, solenoid == 1);
                }
                case PAUSE:
                    return new Message.Pause();
                case RESUME:
                    return new Message.Resume();
                case BYE:
                    return new Message.Bye();
                case STEP:
                    return new Message.Step(b.getInt() & 0xFFFFFFFFL);
                case RUN_TO: {
                    long t = b.getLong();
                    if (t < 0) {
                        return error(ErrorCode.BAD_PAYLOAD, at, "run_to: negative time " + t);
                    }
                    return new Message.RunTo(t);
                }
                case RESET:
                    return new Message.Reset(b.getLong());
                case SNAPSHOT:
                case RESTORE: {
                    int slot = b.get() & 0xFF;
                    if (slot > 7) {
                        return error(ErrorCode.BAD_PAYLOAD, at, "snapshot slot must be 0..7, got " + slot);
                    }
                    return type == SNAPSHOT ? new Message.Snapshot(slot) : new Message.Restore(slot);
                }
                case ACK: {
                    int t = b.get() & 0xFF;
                    b.get();
                    return new Message.Ack(t, b.getInt() & 0xFFFFFFFFL);
                }
                case FAULT: {
                    if (length == 0 || length > MAX_TEXT_BYTES) {
                        return error(ErrorCode.BAD_LENGTH, at, "fault spec must be 1.." + MAX_TEXT_BYTES + " bytes, got " + length);
                    }
                    String spec = text(b, length);
                    return spec == null ? error(ErrorCode.BAD_PAYLOAD, at, "fault spec is not UTF-8") : new Message.Fault(spec);
                }
                default: { // ERROR
                    if (length < 6 || length > 6 + MAX_TEXT_BYTES) {
                        return error(ErrorCode.BAD_LENGTH, at, "error frame payload must be 6.." + (6 + MAX_TEXT_BYTES)
                                + " bytes, got " + length);
                    }
                    int code = b.getShort() & 0xFFFF;
                    long count = b.getInt() & 0xFFFFFFFFL;
                    String text = text(b, length - 6);
                    return text == null ? error(ErrorCode.BAD_PAYLOAD, at, "error text is not UTF-8")
                            : new Message.Error(code, count, text);
                }
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
