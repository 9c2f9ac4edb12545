package io.backflush.sim.hil.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;

/**
 * The JSON-lines encoding (protocol v1): one JSON object per line, {@code "type"} naming the
 * message, keys in snake_case (docs/protocol.md). Lines longer than {@value #MAX_LINE_BYTES} bytes
 * are refused; numbers that are not finite are written as {@code null}.
 */
public final class JsonLineCodec {
    public static final int MAX_LINE_BYTES = 4096;

    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(8).maxStringLength(1024)
                    .maxNumberLength(64).build())
            .build())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private JsonLineCodec() {
    }

    /** The JSON type name of a message. */
    public static String typeName(Message m) {
        return typeName(BinaryCodec.type(m));
    }

    public static String typeName(int binaryType) {
        return switch (binaryType) {
            case BinaryCodec.HELLO -> "hello";
            case BinaryCodec.HELLO_ACK -> "hello_ack";
            case BinaryCodec.SENSORS -> "sensors";
            case BinaryCodec.ACTUATORS -> "actuators";
            case BinaryCodec.PAUSE -> "pause";
            case BinaryCodec.RESUME -> "resume";
            case BinaryCodec.STEP -> "step";
            case BinaryCodec.RUN_TO -> "run_to";
            case BinaryCodec.RESET -> "reset";
            case BinaryCodec.SNAPSHOT -> "snapshot";
            case BinaryCodec.RESTORE -> "restore";
            case BinaryCodec.FAULT -> "fault";
            case BinaryCodec.BYE -> "bye";
            case BinaryCodec.ACK -> "ack";
            case BinaryCodec.ERROR -> "error";
            default -> "unknown";
        };
    }

    private static int typeCode(String name) {
        for (int t : new int[] {BinaryCodec.HELLO, BinaryCodec.HELLO_ACK, BinaryCodec.SENSORS, BinaryCodec.ACTUATORS,
                BinaryCodec.PAUSE, BinaryCodec.RESUME, BinaryCodec.STEP, BinaryCodec.RUN_TO, BinaryCodec.RESET,
                BinaryCodec.SNAPSHOT, BinaryCodec.RESTORE, BinaryCodec.FAULT, BinaryCodec.BYE, BinaryCodec.ACK,
                BinaryCodec.ERROR}) {
            if (typeName(t).equals(name)) {
                return t;
            }
        }
        return -1;
    }

    /** Encodes {@code m} as one line (with its newline) into {@code out}; returns the byte count. */
    public static int encode(Message m, byte[] out) {
        StringBuilder s = new StringBuilder(256);
        s.append("{\"type\":\"").append(typeName(m)).append('"');
        if (m instanceof Message.Hello h) {
            num(s, "min_version", h.minVersion());
            num(s, "max_version", h.maxVersion());
            s.append(",\"raw\":").append((h.flags() & Message.Hello.FLAG_RAW) != 0);
            num(s, "dt_us", h.dtMicros());
        } else if (m instanceof Message.HelloAck a) {
            num(s, "version", a.version());
            s.append(",\"raw\":").append((a.flags() & Message.Hello.FLAG_RAW) != 0);
            num(s, "dt_us", a.dtMicros());
            num(s, "session", a.sessionId());
        } else if (m instanceof Message.SensorFrame f) {
            num(s, "seq", f.seq());
            num(s, "t_us", f.timeMicros());
            num(s, "group_bar", f.groupBar());
            num(s, "pump_bar", f.pumpBar());
            num(s, "boiler_c", f.boilerC());
            num(s, "group_c", f.groupC());
            num(s, "flow_pulses", f.flowPulses());
            num(s, "tank_ml", f.tankMl());
            num(s, "drip_ml", f.dripMl());
            num(s, "status", f.status());
            if ((f.status() & Message.SensorFrame.STATUS_RAW) != 0) {
                num(s, "raw_pressure_counts", f.rawPressureCounts());
                num(s, "raw_boiler_tc_q", f.rawBoilerQuarterC());
                num(s, "raw_group_tc_q", f.rawGroupQuarterC());
                num(s, "raw_zero_cross", f.rawZeroCrossings());
                num(s, "raw_heater_on", f.rawHeaterOn());
            }
        } else if (m instanceof Message.ActuatorFrame a) {
            num(s, "seq", a.seq());
            num(s, "t_us", a.timeMicros());
            num(s, "pump", a.pumpDuty());
            num(s, "heater", a.heaterDuty());
            s.append(",\"solenoid\":").append(a.solenoid());
        } else if (m instanceof Message.Step st) {
            num(s, "n", st.ticks());
        } else if (m instanceof Message.RunTo r) {
            num(s, "t_us", r.timeMicros());
        } else if (m instanceof Message.Reset r) {
            num(s, "seed", r.seed());
        } else if (m instanceof Message.Snapshot sn) {
            num(s, "slot", sn.slot());
        } else if (m instanceof Message.Restore r) {
            num(s, "slot", r.slot());
        } else if (m instanceof Message.Fault f) {
            str(s, "spec", f.spec());
        } else if (m instanceof Message.Ack a) {
            str(s, "of", typeName(a.type()));
            num(s, "value", a.value());
        } else if (m instanceof Message.Error e) {
            num(s, "code", e.code());
            num(s, "count", e.count());
            str(s, "message", e.message());
        }
        s.append("}\n");
        byte[] bytes = s.toString().getBytes(StandardCharsets.UTF_8);
        int n = Math.min(bytes.length, out.length);
        System.arraycopy(bytes, 0, out, 0, n);
        return n;
    }

    private static void num(StringBuilder s, String key, long v) {
        s.append(",\"").append(key).append("\":").append(v);
    }

    private static void num(StringBuilder s, String key, double v) {
        s.append(",\"").append(key).append("\":");
        if (Double.isFinite(v)) {
            s.append(v);
        } else {
            s.append("null");
        }
    }

    private static void str(StringBuilder s, String key, String v) {
        s.append(",\"").append(key).append("\":\"");
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '"' || c == '\\') {
                s.append('\\').append(c);
            } else if (c < 0x20) {
                s.append(String.format("\\u%04x", (int) c));
            } else {
                s.append(c);
            }
        }
        s.append('"');
    }

    /** The strict line decoder; see {@link FrameDecoder}. Unknown keys are ignored (forward compatibility). */
    public static final class Decoder extends BufferedFrameDecoder {
        private int scanned;
        private long line = 1;
        private boolean discarding;

        public Decoder() {
            super(2 * MAX_LINE_BYTES + 2);
        }

        @Override
        protected void compacted(int shift) {
            scanned -= shift;
        }

        @Override
        public Encoding encoding() {
            return Encoding.JSON;
        }

        private DecodeError error(ErrorCode code, long at, String detail) {
            errors++;
            return new DecodeError(code, at, detail);
        }

        private void dropTo(int index) {
            start = index;
            if (scanned < start) {
                scanned = start;
            }
            if (start == end) {
                start = 0;
                end = 0;
                scanned = 0;
            }
        }

        @Override
        public Decoded next() {
            while (true) {
                int newline = -1;
                for (int i = Math.max(scanned, start); i < end; i++) {
                    if (buf[i] == '\n') {
                        newline = i;
                        break;
                    }
                }
                if (newline < 0) {
                    scanned = end;
                    if (discarding) {
                        dropTo(end);
                        return null;
                    }
                    if (end - start > MAX_LINE_BYTES) {
                        discarding = true;
                        dropTo(end);
                        return error(ErrorCode.OVERSIZED, line, "line longer than " + MAX_LINE_BYTES + " bytes");
                    }
                    return null;
                }
                int from = start;
                int length = newline - from;
                long at = line++;
                dropTo(newline + 1);
                if (discarding) {
                    discarding = false;
                    continue;
                }
                if (length > MAX_LINE_BYTES) {
                    return error(ErrorCode.OVERSIZED, at, "line longer than " + MAX_LINE_BYTES + " bytes");
                }
                if (length > 0 && buf[from + length - 1] == '\r') {
                    length--;
                }
                if (isBlank(from, length)) {
                    continue;
                }
                return parse(from, length, at);
            }
        }

        private boolean isBlank(int from, int length) {
            for (int i = from; i < from + length; i++) {
                byte c = buf[i];
                if (c != ' ' && c != '\t' && c != '\r') {
                    return false;
                }
            }
            return true;
        }

        private Decoded parse(int from, int length, long at) {
            JsonNode node;
            try {
                node = MAPPER.readTree(buf, from, length);
            } catch (Exception e) { // Jackson's exceptions, including stream constraint violations
                String msg = String.valueOf(e.getMessage());
                int cut = msg.indexOf('\n');
                return error(ErrorCode.BAD_JSON, at, "malformed JSON: " + (cut < 0 ? msg : msg.substring(0, cut)));
            }
            if (node == null || !node.isObject()) {
                return error(ErrorCode.BAD_JSON, at, "a line must be one JSON object");
            }
            JsonNode typeNode = node.get("type");
            if (typeNode == null || !typeNode.isTextual()) {
                return error(ErrorCode.BAD_PAYLOAD, at, "missing \"type\"");
            }
            int type = typeCode(typeNode.asText());
            if (type < 0) {
                return error(ErrorCode.UNKNOWN_TYPE, at, "unknown type \"" + clip(typeNode.asText()) + "\"");
            }
            try {
                return message(type, node);
            } catch (FieldException e) {
                return error(ErrorCode.BAD_PAYLOAD, at, typeName(type) + ": " + e.getMessage());
            }
        }

        private static String clip(String s) {
            return s.length() > 40 ? s.substring(0, 40) + "..." : s;
        }

        private static Message message(int type, JsonNode n) {
            switch (type) {
                case BinaryCodec.HELLO: {
                    int min = (int) integer(n, "min_version", 0, 255, 1L);
                    int max = (int) integer(n, "max_version", 0, 255, (long) min);
                    if (min > max) {
                        throw new FieldException("min_version " + min + " above max_version " + max);
                    }
                    int flags = bool(n, "raw", false) ? Message.Hello.FLAG_RAW : 0;
                    return new Message.Hello(min, max, flags, integer(n, "dt_us", 0, 0xFFFFFFFFL, 0L));
                }
                case BinaryCodec.HELLO_ACK:
                    return new Message.HelloAck((int) integer(n, "version", 0, 255, null),
                            bool(n, "raw", false) ? Message.Hello.FLAG_RAW : 0, integer(n, "dt_us", 0, 0xFFFFFFFFL, null),
                            integer(n, "session", 0, 0xFFFFFFFFL, null));
                case BinaryCodec.SENSORS:
                    return new Message.SensorFrame(integer(n, "seq", 0, 0xFFFFFFFFL, null),
                            integer(n, "t_us", 0, Long.MAX_VALUE, null), number(n, "group_bar"), number(n, "pump_bar"),
                            number(n, "boiler_c"), number(n, "group_c"), integer(n, "flow_pulses", 0, 0xFFFFFFFFL, null),
                            number(n, "tank_ml"), number(n, "drip_ml"), (int) integer(n, "status", 0, 0xFFFF, 0L),
                            (int) integer(n, "raw_pressure_counts", 0, 0xFFFF, 0L),
                            (int) integer(n, "raw_boiler_tc_q", Short.MIN_VALUE, Short.MAX_VALUE, 0L),
                            (int) integer(n, "raw_group_tc_q", Short.MIN_VALUE, Short.MAX_VALUE, 0L),
                            (int) integer(n, "raw_zero_cross", 0, 0xFFFF, 0L), (int) integer(n, "raw_heater_on", 0, 1, 0L));
                case BinaryCodec.ACTUATORS:
                    return new Message.ActuatorFrame(integer(n, "seq", 0, 0xFFFFFFFFL, null),
                            integer(n, "t_us", 0, Long.MAX_VALUE, 0L), number(n, "pump"), number(n, "heater"),
                            bool(n, "solenoid", null));
                case BinaryCodec.PAUSE:
                    return new Message.Pause();
                case BinaryCodec.RESUME:
                    return new Message.Resume();
                case BinaryCodec.BYE:
                    return new Message.Bye();
                case BinaryCodec.STEP:
                    return new Message.Step(integer(n, "n", 0, 0xFFFFFFFFL, null));
                case BinaryCodec.RUN_TO:
                    return new Message.RunTo(integer(n, "t_us", 0, Long.MAX_VALUE, null));
                case BinaryCodec.RESET:
                    return new Message.Reset(integer(n, "seed", Long.MIN_VALUE, Long.MAX_VALUE, 0L));
                case BinaryCodec.SNAPSHOT:
                    return new Message.Snapshot((int) integer(n, "slot", 0, 7, 0L));
                case BinaryCodec.RESTORE:
                    return new Message.Restore((int) integer(n, "slot", 0, 7, 0L));
                case BinaryCodec.FAULT: {
                    JsonNode spec = n.get("spec");
                    if (spec == null || !spec.isTextual() || spec.asText().isBlank()
                            || spec.asText().getBytes(StandardCharsets.UTF_8).length > BinaryCodec.MAX_TEXT_BYTES) {
                        throw new FieldException("\"spec\" must be a string of 1.." + BinaryCodec.MAX_TEXT_BYTES + " bytes");
                    }
                    return new Message.Fault(spec.asText());
                }
                case BinaryCodec.ACK: {
                    JsonNode of = n.get("of");
                    int t = of != null && of.isTextual() ? typeCode(of.asText()) : -1;
                    if (t < 0) {
                        throw new FieldException("\"of\" must name a message type");
                    }
                    return new Message.Ack(t, integer(n, "value", 0, 0xFFFFFFFFL, 0L));
                }
                default: {
                    JsonNode text = n.get("message");
                    return new Message.Error((int) integer(n, "code", 0, 0xFFFF, null),
                            integer(n, "count", 0, 0xFFFFFFFFL, 0L), text != null && text.isTextual() ? text.asText() : "");
                }
            }
        }

        private static long integer(JsonNode n, String key, long min, long max, Long fallback) {
            JsonNode v = n.get(key);
            if (v == null || v.isNull()) {
                if (fallback == null) {
                    throw new FieldException("missing \"" + key + "\"");
                }
                return fallback;
            }
            if (!v.isIntegralNumber() || !v.canConvertToLong()) {
                throw new FieldException("\"" + key + "\" must be an integer");
            }
            long x = v.asLong();
            if (x < min || x > max) {
                throw new FieldException("\"" + key + "\" must be " + min + ".." + max + ", got " + x);
            }
            return x;
        }

        private static double number(JsonNode n, String key) {
            JsonNode v = n.get(key);
            if (v == null) {
                throw new FieldException("missing \"" + key + "\"");
            }
            if (v.isNull()) {
                return Double.NaN;
            }
            if (!v.isNumber()) {
                throw new FieldException("\"" + key + "\" must be a number");
            }
            return v.asDouble();
        }

        private static boolean bool(JsonNode n, String key, Boolean fallback) {
            JsonNode v = n.get(key);
            if (v == null || v.isNull()) {
                if (fallback == null) {
                    throw new FieldException("missing \"" + key + "\"");
                }
                return fallback;
            }
            if (!v.isBoolean()) {
                throw new FieldException("\"" + key + "\" must be true or false");
            }
            return v.asBoolean();
        }
    }

    private static final class FieldException extends RuntimeException {
        FieldException(String message) {
            super(message, null, false, false);
        }
    }
}
