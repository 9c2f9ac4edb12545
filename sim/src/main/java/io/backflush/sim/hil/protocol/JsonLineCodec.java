package io.backflush.sim.hil.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The JSON-lines encoding: one JSON object per line, {@code "type"} naming the message, keys in
 * snake_case (docs/protocol.md). Lines longer than {@value #MAX_LINE_BYTES} bytes are refused;
 * numbers that are not finite are written as {@code null}. A line does not say its protocol
 * version: the encoder is told it, and a decoder reads the version it was set to
 * ({@link Decoder#version(int)}; v1 until then), which matters only for the sensor frame.
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
        return MessageType.of(m).jsonName();
    }

    /** The JSON type name of a binary type code ("unknown" for none). */
    public static String typeName(int binaryType) {
        return MessageType.nameOf(binaryType);
    }

    /** Encodes {@code m} in protocol v1 as one line (with its newline) into {@code out}; returns the byte count. */
    public static int encode(Message m, byte[] out) {
        return encode(m, out, Message.VERSION);
    }

    /** Encodes {@code m} in protocol {@code version} as one line (with its newline); returns the byte count. */
    public static int encode(Message m, byte[] out, int version) {
        MessageType type = MessageType.of(m);
        StringBuilder s = new StringBuilder(256);
        s.append("{\"type\":\"").append(type.jsonName()).append('"');
        for (Field f : type.fields()) {
            if (f.padding() || !f.in(version) || !f.present.test(m)) {
                continue;
            }
            switch (f.kind) {
                case F32 -> num(s, f.key, f.real.applyAsDouble(m));
                case BOOL -> s.append(",\"").append(f.key).append("\":").append(f.bool.test(m));
                case FLAGS -> s.append(",\"").append(f.key).append("\":")
                        .append((f.integer.applyAsLong(m) & Message.Hello.FLAG_RAW) != 0);
                case TYPE -> str(s, f.key, MessageType.nameOf((int) f.integer.applyAsLong(m)));
                case NAMED -> str(s, f.key, f.names[(int) f.integer.applyAsLong(m)]);
                case TEXT -> str(s, f.key, f.text.apply(m));
                default -> num(s, f.key, f.integer.applyAsLong(m));
            }
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
        private final long[] integers = new long[MessageType.MAX_FIELDS];
        private final double[] reals = new double[MessageType.MAX_FIELDS];
        private final String[] texts = new String[MessageType.MAX_FIELDS];
        private int scanned;
        private long line = 1;
        private boolean discarding;
        private int version = Message.VERSION;

        /** Reads the lines that follow as protocol {@code v} (the hello_ack's version). */
        @Override
        public void version(int v) {
            version = v;
        }

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
            return DecodeError.atLine(code, at, detail);
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
            MessageType type = MessageType.of(typeNode.asText());
            if (type == null) {
                return error(ErrorCode.UNKNOWN_TYPE, at, "unknown type \"" + clip(typeNode.asText()) + "\"");
            }
            try {
                return message(type, node);
            } catch (FieldException e) {
                return error(ErrorCode.BAD_PAYLOAD, at, type.jsonName() + ": " + e.getMessage());
            }
        }

        private static String clip(String s) {
            return s.length() > 40 ? s.substring(0, 40) + "..." : s;
        }

        private Message message(MessageType type, JsonNode n) {
            // what a client sends is read as the newest version (the keys a later version adds are
            // optional), so a server reads them however far ahead its reader decodes
            int speaks = type.direction() == MessageType.Direction.TO_SERVER ? Message.MAX_VERSION : version;
            List<Field> fields = type.fields();
            for (int i = 0; i < fields.size(); i++) {
                Field f = fields.get(i);
                if (!f.in(speaks)) {
                    continue;
                }
                switch (f.kind) {
                    case PAD8, PAD16 -> {
                    }
                    case F32 -> reals[i] = number(n, f.key);
                    case BOOL -> integers[i] = bool(n, f.key, f.fallback == null ? null : f.fallback != 0) ? 1 : 0;
                    case FLAGS -> integers[i] = bool(n, f.key, false) ? Message.Hello.FLAG_RAW : 0;
                    case TYPE -> {
                        JsonNode of = n.get(f.key);
                        MessageType t = of != null && of.isTextual() ? MessageType.of(of.asText()) : null;
                        if (t == null) {
                            throw new FieldException("\"" + f.key + "\" must name a message type");
                        }
                        integers[i] = t.code();
                    }
                    case NAMED -> {
                        JsonNode v2 = n.get(f.key);
                        int at = v2 != null && v2.isTextual() ? f.indexOfName(v2.asText()) : -1;
                        if (v2 == null || v2.isNull()) {
                            at = (int) type.fallback(i, integers);
                        } else if (at < 0) {
                            throw new FieldException("\"" + f.key + "\" must be one of " + String.join(", ", f.names));
                        }
                        integers[i] = at;
                    }
                    case TEXT -> texts[i] = text(n, f);
                    default -> {
                        JsonNode v = n.get(f.key);
                        integers[i] = v == null || v.isNull() ? type.fallback(i, integers) : integer(v, f.key);
                        type.check(i, integers[i], integers, false);
                    }
                }
            }
            return type.build(integers, reals, texts, speaks);
        }

        /** A JSON integer that fits a long; its range is checked by the caller. */
        private static long integer(JsonNode v, String key) {
            if (!v.isIntegralNumber() || !v.canConvertToLong()) {
                throw new FieldException("\"" + key + "\" must be an integer");
            }
            return v.asLong();
        }

        /** Required text: a string, not blank, at most the protocol's text bytes; optional text: any string or "". */
        private static String text(JsonNode n, Field f) {
            JsonNode v = n.get(f.key);
            if (f.fallback != null) {
                return v != null && v.isTextual() ? v.asText() : "";
            }
            if (v == null || !v.isTextual() || (f.minBytes > 0 && v.asText().isBlank())
                    || v.asText().getBytes(StandardCharsets.UTF_8).length > BinaryCodec.MAX_TEXT_BYTES) {
                throw new FieldException("\"" + f.key + "\" must be a string of " + f.minBytes + ".."
                        + BinaryCodec.MAX_TEXT_BYTES + " bytes");
            }
            return v.asText();
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
}
