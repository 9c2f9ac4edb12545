package io.backflush.sim.hil.protocol;

import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * One field of a message's payload as both encodings carry it: its JSON key, its binary layout
 * ({@link Kind}), the values it accepts and its value when a JSON line leaves it out. A
 * {@link MessageType} lists its fields in wire order, which is also the order of its record's
 * components; {@link BinaryCodec} and {@link JsonLineCodec} encode and decode every message from
 * that list. The modifiers ({@link #range}, {@link #orElse}, ...) are used only while the table is
 * built; a field does not change afterwards.
 */
public final class Field {
    /** The binary layout of a field (little-endian) and the JSON value it is. */
    public enum Kind {
        /** Unsigned 8-bit integer; a JSON integer. */
        U8(1, 0, 0xFF),
        /** Unsigned 16-bit integer; a JSON integer. */
        U16(2, 0, 0xFFFF),
        /** Signed 16-bit integer; a JSON integer. */
        I16(2, Short.MIN_VALUE, Short.MAX_VALUE),
        /** Unsigned 32-bit integer; a JSON integer. */
        U32(4, 0, 0xFFFFFFFFL),
        /** Signed 64-bit integer; a JSON integer. */
        I64(8, Long.MIN_VALUE, Long.MAX_VALUE),
        /** IEEE-754 binary32; a JSON number (a double), {@code null} when not finite. */
        F32(4, 0, 0),
        /** One byte, 0 or 1; JSON true or false. */
        BOOL(1, 0, 1),
        /** The hello flags byte; in JSON only its raw-signals bit, as a boolean. */
        FLAGS(1, 0, 0xFF),
        /** A message type code; in JSON the type's name. */
        TYPE(1, 0, 0xFF),
        /** One of a few named values, their index as a u8; in JSON the name. */
        NAMED(1, 0, 0xFF),
        /** UTF-8 text filling the rest of the payload, at most {@value BinaryCodec#MAX_TEXT_BYTES} bytes; a JSON string. */
        TEXT(0, 0, 0),
        /** A zero byte in binary, absent in JSON. */
        PAD8(1, 0, 0),
        /** Two zero bytes in binary, absent in JSON. */
        PAD16(2, 0, 0);

        final int bytes;
        final long min;
        final long max;

        Kind(int bytes, long min, long max) {
            this.bytes = bytes;
            this.min = min;
            this.max = max;
        }
    }

    final String key;
    final Kind kind;
    long min;
    long max;
    /** Whether the binary decoder refuses values outside [min, max] (the JSON decoder always does). */
    boolean rangeOnWire = true;
    /** JSON: the value used when the key is missing (or null), or null when the key is required. */
    Long fallback;
    /** JSON: the key of an earlier field whose value is used when this one is missing. */
    String fallbackKey;
    /** The key of an earlier field this one may not be below, or null. */
    String notBelowKey;
    /** Text: fewest bytes accepted (in JSON, not blank either when above 0). */
    int minBytes;
    /** JSON encoding: whether the field is written for a message (binary always writes it). */
    Predicate<Message> present = m -> true;
    ToLongFunction<Message> integer;
    ToDoubleFunction<Message> real;
    Predicate<Message> bool;
    Function<Message, String> text;
    /** The first protocol version that carries the field. */
    int sinceVersion = 1;
    /** The last protocol version that carries the field. */
    int untilVersion = Integer.MAX_VALUE;
    /** The key of another field (of another version) whose record component this one carries, or null. */
    String componentOf;
    /** {@link Kind#NAMED}: the names of the values 0, 1, ... */
    String[] names;

    private Field(String key, Kind kind) {
        this.key = key;
        this.kind = kind;
        this.min = kind.min;
        this.max = kind.max;
    }

    @SuppressWarnings("unchecked")
    private static <M extends Message> Field integral(String key, Kind kind, ToLongFunction<M> get) {
        Field f = new Field(key, kind);
        f.integer = (ToLongFunction<Message>) get;
        return f;
    }

    static <M extends Message> Field u8(String key, ToLongFunction<M> get) {
        return integral(key, Kind.U8, get);
    }

    static <M extends Message> Field u16(String key, ToLongFunction<M> get) {
        return integral(key, Kind.U16, get);
    }

    static <M extends Message> Field i16(String key, ToLongFunction<M> get) {
        return integral(key, Kind.I16, get);
    }

    static <M extends Message> Field u32(String key, ToLongFunction<M> get) {
        return integral(key, Kind.U32, get);
    }

    static <M extends Message> Field i64(String key, ToLongFunction<M> get) {
        return integral(key, Kind.I64, get);
    }

    /** The flags byte; JSON writes and reads its raw-signals bit as the boolean {@code key} (default false). */
    static <M extends Message> Field flags(String key, ToLongFunction<M> get) {
        return integral(key, Kind.FLAGS, get).orElse(0);
    }

    /** A message type code; JSON writes and reads it as the type's name. */
    static <M extends Message> Field type(String key, ToLongFunction<M> get) {
        return integral(key, Kind.TYPE, get);
    }

    /** A u8 that is one of {@code names} (its index); JSON writes and reads the name. */
    static <M extends Message> Field named(String key, ToLongFunction<M> get, String... names) {
        Field f = integral(key, Kind.NAMED, get);
        f.names = names.clone();
        return f.range(0, names.length - 1);
    }

    /** The index of {@code name} among the names, or -1. */
    int indexOfName(String name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    @SuppressWarnings("unchecked")
    static <M extends Message> Field f32(String key, ToDoubleFunction<M> get) {
        Field f = new Field(key, Kind.F32);
        f.real = (ToDoubleFunction<Message>) get;
        return f;
    }

    @SuppressWarnings("unchecked")
    static <M extends Message> Field bool(String key, Predicate<M> get) {
        Field f = new Field(key, Kind.BOOL);
        f.bool = (Predicate<Message>) get;
        return f;
    }

    /** Text of {@code minBytes}..{@value BinaryCodec#MAX_TEXT_BYTES} bytes, required. */
    @SuppressWarnings("unchecked")
    static <M extends Message> Field text(String key, int minBytes, Function<M, String> get) {
        Field f = new Field(key, Kind.TEXT);
        f.minBytes = minBytes;
        f.text = (Function<Message, String>) get;
        return f;
    }

    /** Text of 0..{@value BinaryCodec#MAX_TEXT_BYTES} bytes; in JSON a missing or non-string value reads "". */
    static <M extends Message> Field textOrEmpty(String key, Function<M, String> get) {
        return text(key, 0, get).orElse(0);
    }

    static Field pad8() {
        return new Field(null, Kind.PAD8);
    }

    static Field pad16() {
        return new Field(null, Kind.PAD16);
    }

    /** Accepts only {@code lo..hi}, in both encodings. */
    Field range(long lo, long hi) {
        min = lo;
        max = hi;
        return this;
    }

    /**
     * Accepts only {@code lo..hi} in JSON lines; the binary decoder takes any value of the wire
     * type, as protocol v1 always has.
     */
    Field jsonRange(long lo, long hi) {
        range(lo, hi);
        rangeOnWire = false;
        return this;
    }

    /** JSON: {@code value} when the key is missing or null. */
    Field orElse(long value) {
        fallback = value;
        return this;
    }

    /** JSON: the value of the earlier field {@code otherKey} when this key is missing or null. */
    Field orElse(String otherKey) {
        fallbackKey = otherKey;
        return this;
    }

    /** Refuses a value below that of the earlier field {@code otherKey}, in both encodings. */
    Field notBelow(String otherKey) {
        notBelowKey = otherKey;
        return this;
    }

    /** JSON encoding writes the field only when {@code when} holds for the message. */
    @SuppressWarnings("unchecked")
    <M extends Message> Field onlyIf(Predicate<M> when) {
        present = (Predicate<Message>) when;
        return this;
    }

    /** Carried from protocol version {@code version} on. */
    Field since(int version) {
        sinceVersion = version;
        return this;
    }

    /** Carried up to protocol version {@code version}. */
    Field until(int version) {
        untilVersion = version;
        return this;
    }

    /** The same record component as the field {@code key} (its name in another version). */
    Field sameComponentAs(String key) {
        componentOf = key;
        return this;
    }

    /** Whether protocol version {@code version} carries the field. */
    public boolean in(int version) {
        return version >= sinceVersion && version <= untilVersion;
    }

    /** Whether the value is an integer (booleans, flags and type codes included). */
    boolean integral() {
        return kind != Kind.F32 && kind != Kind.TEXT && !padding();
    }

    /** Whether the field is padding (no value, no JSON key). */
    boolean padding() {
        return kind == Kind.PAD8 || kind == Kind.PAD16;
    }

    /** The JSON key (null for padding). */
    public String key() {
        return key;
    }

    public Kind kind() {
        return kind;
    }

    /** Binary bytes (0 for text, which fills the rest of the payload). */
    public int bytes() {
        return kind.bytes;
    }

    FieldException outOfRange(long value) {
        return new FieldException("\"" + key + "\" must be " + min + ".." + max + ", got " + value);
    }
}
