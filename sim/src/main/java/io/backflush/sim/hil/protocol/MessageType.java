package io.backflush.sim.hil.protocol;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;

import static io.backflush.sim.hil.protocol.Field.bool;
import static io.backflush.sim.hil.protocol.Field.f32;
import static io.backflush.sim.hil.protocol.Field.flags;
import static io.backflush.sim.hil.protocol.Field.i16;
import static io.backflush.sim.hil.protocol.Field.i64;
import static io.backflush.sim.hil.protocol.Field.named;
import static io.backflush.sim.hil.protocol.Field.pad16;
import static io.backflush.sim.hil.protocol.Field.pad8;
import static io.backflush.sim.hil.protocol.Field.text;
import static io.backflush.sim.hil.protocol.Field.textOrEmpty;
import static io.backflush.sim.hil.protocol.Field.type;
import static io.backflush.sim.hil.protocol.Field.u16;
import static io.backflush.sim.hil.protocol.Field.u32;
import static io.backflush.sim.hil.protocol.Field.u8;

/**
 * The message types of the protocol (docs/protocol.md): binary type code, JSON name, direction and
 * payload fields in wire order. This is the one table of the protocol, of every version: both
 * codecs encode and decode every message from it, and the session names types by it. A field
 * carried only by some versions says so ({@link Field#in}); a version's fields are its record's
 * components, in order, a field renamed from one version to the next filling the same component
 * (checked when the class loads). Only the sensor frame differs between v1 and v2.
 */
public enum MessageType {
    HELLO(0x01, "hello", Direction.TO_SERVER, Message.Hello.class,
            u8("min_version", Message.Hello::minVersion).orElse(1),
            u8("max_version", Message.Hello::maxVersion).orElse("min_version").notBelow("min_version"),
            flags("raw", Message.Hello::flags), pad8(),
            u32("dt_us", Message.Hello::dtMicros).orElse(0)),
    HELLO_ACK(0x02, "hello_ack", Direction.TO_CLIENT, Message.HelloAck.class,
            u8("version", Message.HelloAck::version), flags("raw", Message.HelloAck::flags), pad16(),
            u32("dt_us", Message.HelloAck::dtMicros), u32("session", Message.HelloAck::sessionId)),
    SENSORS(0x03, "sensors", Direction.TO_CLIENT, Message.SensorFrame.class,
            u32("seq", Message.SensorFrame::seq),
            i64("t_us", Message.SensorFrame::timeMicros).jsonRange(0, Long.MAX_VALUE),
            f32("group_bar", Message.SensorFrame::groupBar),
            f32("pump_bar", Message.SensorFrame::lineBar).until(1),
            f32("line_bar", Message.SensorFrame::lineBar).since(2).sameComponentAs("pump_bar"),
            f32("boiler_c", Message.SensorFrame::boilerC), f32("group_c", Message.SensorFrame::groupC),
            u32("flow_pulses", Message.SensorFrame::flowPulses), f32("tank_ml", Message.SensorFrame::tankMl),
            f32("drip_ml", Message.SensorFrame::dripMl), u16("status", Message.SensorFrame::status).orElse(0),
            raw(u16("raw_pressure_counts", Message.SensorFrame::rawPressureCounts)),
            raw(i16("raw_boiler_tc_q", Message.SensorFrame::rawBoilerQuarterC)),
            raw(i16("raw_group_tc_q", Message.SensorFrame::rawGroupQuarterC)),
            raw(u16("raw_zero_cross", Message.SensorFrame::rawZeroCrossings)),
            raw(u8("raw_heater_on", Message.SensorFrame::rawHeaterOn).jsonRange(0, 1)), pad8(),
            raw(u16("raw_group_counts", Message.SensorFrame::rawGroupCounts)).since(2),
            raw(u16("raw_line_counts", Message.SensorFrame::rawLineCounts)).since(2)),
    ACTUATORS(0x04, "actuators", Direction.TO_SERVER, Message.ActuatorFrame.class,
            u32("seq", Message.ActuatorFrame::seq),
            i64("t_us", Message.ActuatorFrame::timeMicros).jsonRange(0, Long.MAX_VALUE).orElse(0),
            f32("pump", Message.ActuatorFrame::pumpDuty), f32("heater", Message.ActuatorFrame::heaterDuty),
            bool("solenoid", Message.ActuatorFrame::solenoid), pad8(), pad16()),
    PAUSE(0x10, "pause", Direction.TO_SERVER, Message.Pause.class),
    RESUME(0x11, "resume", Direction.TO_SERVER, Message.Resume.class),
    STEP(0x12, "step", Direction.TO_SERVER, Message.Step.class, u32("n", Message.Step::ticks)),
    RUN_TO(0x13, "run_to", Direction.TO_SERVER, Message.RunTo.class,
            i64("t_us", Message.RunTo::timeMicros).jsonRange(0, Long.MAX_VALUE)), // binary: u64, read unsigned
    RESET(0x14, "reset", Direction.TO_SERVER, Message.Reset.class, i64("seed", Message.Reset::seed).orElse(0),
            named("start", Message.Reset::start, "default", "hot", "cold").orElse(0).since(2), pad8().since(2),
            pad16().since(2)),
    SNAPSHOT(0x15, "snapshot", Direction.TO_SERVER, Message.Snapshot.class,
            u8("slot", Message.Snapshot::slot).range(0, 7).orElse(0)),
    RESTORE(0x16, "restore", Direction.TO_SERVER, Message.Restore.class,
            u8("slot", Message.Restore::slot).range(0, 7).orElse(0)),
    FAULT(0x17, "fault", Direction.TO_SERVER, Message.Fault.class, text("spec", 1, Message.Fault::spec)),
    BYE(0x18, "bye", Direction.TO_SERVER, Message.Bye.class),
    GET_STATS(0x19, "get_stats", Direction.TO_SERVER, Message.GetStats.class),
    STATS(0x7D, "stats", Direction.TO_CLIENT, Message.Stats.class, u32("ticks", Message.Stats::ticks),
            u32("late_ticks", Message.Stats::lateTicks), u32("late_p50_us", Message.Stats::lateP50Micros),
            u32("late_p99_us", Message.Stats::lateP99Micros), u32("late_p999_us", Message.Stats::lateP999Micros),
            u32("late_max_us", Message.Stats::lateMaxMicros), u32("resends", Message.Stats::resends),
            u32("watchdog_trips", Message.Stats::watchdogTrips), u32("duplicates", Message.Stats::duplicates),
            u32("errors", Message.Stats::errors)),
    ACK(0x7E, "ack", Direction.TO_CLIENT, Message.Ack.class, type("of", Message.Ack::type), pad8(),
            u32("value", Message.Ack::value).orElse(0)),
    ERROR(0x7F, "error", Direction.TO_CLIENT, Message.Error.class, u16("code", Message.Error::code),
            u32("count", Message.Error::count).orElse(0), textOrEmpty("message", Message.Error::message));

    /** Who sends a message. */
    public enum Direction {
        /** Client (firmware) to server (plant). */
        TO_SERVER,
        /** Server to client. */
        TO_CLIENT
    }

    /** {@link #payloadBytes()} of a type ending in text. */
    public static final int VARIABLE = -1;
    /** The most fields a type has, padding included. */
    static final int MAX_FIELDS = 20;

    private static final MessageType[] BY_CODE = new MessageType[256];
    private static final ClassValue<MessageType> BY_CLASS = new ClassValue<>() {
        @Override
        protected MessageType computeValue(Class<?> type) {
            for (MessageType t : values()) {
                if (t.record == type) {
                    return t;
                }
            }
            throw new IllegalArgumentException("not a protocol message: " + type);
        }
    };

    static {
        for (MessageType t : values()) {
            BY_CODE[t.code] = t;
        }
    }

    private final int code;
    private final String jsonName;
    private final Direction direction;
    private final Class<? extends Message> record;
    private final List<Field> fields;
    private final Constructor<?> constructor;
    private final Class<?>[] componentTypes;
    /** For each field, the record component it carries (-1: padding). */
    private final int[] componentIndex;
    /** Binary bytes of the fields before any text, by version (index 0 unused). */
    private final int[] fixedBytes = new int[Message.MAX_VERSION + 1];
    private final boolean endsInText;

    MessageType(int code, String jsonName, Direction direction, Class<? extends Message> record, Field... fields) {
        this.code = code;
        this.jsonName = jsonName;
        this.direction = direction;
        this.record = record;
        this.fields = List.of(fields);
        RecordComponent[] components = record.getRecordComponents();
        List<Field> values = new ArrayList<>();
        boolean text = false;
        this.componentIndex = new int[fields.length];
        for (int i = 0; i < fields.length; i++) {
            Field f = fields[i];
            for (int v = 1; v <= Message.MAX_VERSION; v++) {
                fixedBytes[v] += f.in(v) ? f.kind.bytes : 0;
            }
            text |= f.kind == Field.Kind.TEXT;
            componentIndex[i] = -1;
            if (f.componentOf != null) {
                componentIndex[i] = componentIndex[indexIn(fields, f.componentOf)];
            } else if (!f.padding()) {
                componentIndex[i] = values.size();
                values.add(f);
            }
        }
        if (fields.length > MAX_FIELDS) {
            throw new IllegalStateException(jsonName + ": more than " + MAX_FIELDS + " fields");
        }
        this.endsInText = text;
        this.componentTypes = new Class<?>[components.length];
        if (values.size() != components.length) {
            throw new IllegalStateException(jsonName + ": " + values.size() + " fields for " + components.length
                    + " record components");
        }
        for (int i = 0; i < components.length; i++) {
            componentTypes[i] = components[i].getType();
            if (!fits(values.get(i).kind, componentTypes[i])) {
                throw new IllegalStateException(jsonName + "." + values.get(i).key + ": a " + values.get(i).kind
                        + " field cannot be the " + componentTypes[i] + " component " + components[i].getName());
            }
        }
        try {
            this.constructor = record.getDeclaredConstructor(componentTypes);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(jsonName + ": no canonical constructor", e);
        }
    }

    private static int indexIn(Field[] fields, String key) {
        for (int i = 0; i < fields.length; i++) {
            if (key.equals(fields[i].key)) {
                return i;
            }
        }
        throw new IllegalStateException("no field " + key);
    }

    private static boolean fits(Field.Kind kind, Class<?> type) {
        return switch (kind) {
            case U8, U16, I16, FLAGS, TYPE, NAMED -> type == int.class;
            case U32, I64 -> type == long.class;
            case F32 -> type == double.class;
            case BOOL -> type == boolean.class;
            case TEXT -> type == String.class;
            case PAD8, PAD16 -> false;
        };
    }

    /** The sensor frame's fields written only when its raw-signals status bit is set. */
    private static Field raw(Field f) {
        return f.<Message.SensorFrame>onlyIf(s -> (s.status() & Message.SensorFrame.STATUS_RAW) != 0).orElse(0);
    }

    /** The binary type byte. */
    public int code() {
        return code;
    }

    /** The {@code "type"} of a JSON line. */
    public String jsonName() {
        return jsonName;
    }

    public Direction direction() {
        return direction;
    }

    /** Whether the message carries a sequence number (the tick it belongs to). */
    public boolean carriesSeq() {
        return fields.stream().anyMatch(f -> "seq".equals(f.key));
    }

    /** Binary payload length in protocol v1, or {@link #VARIABLE} when it ends in text. */
    public int payloadBytes() {
        return payloadBytes(Message.VERSION);
    }

    /** Binary payload length in protocol {@code version}, or {@link #VARIABLE} when it ends in text. */
    public int payloadBytes(int version) {
        return endsInText ? VARIABLE : fixedBytes[version];
    }

    /** Shortest binary payload: the fixed fields and the text's fewest bytes. */
    int minPayloadBytes(int version) {
        return fixedBytes[version] + (endsInText ? fields.get(fields.size() - 1).minBytes : 0);
    }

    /** Longest binary payload. */
    int maxPayloadBytes(int version) {
        return fixedBytes[version] + (endsInText ? BinaryCodec.MAX_TEXT_BYTES : 0);
    }

    /** The payload fields of every version in wire order, padding included (see {@link Field#in}). */
    public List<Field> fields() {
        return fields;
    }

    /** The payload fields protocol {@code version} carries, in wire order, padding included. */
    public List<Field> fields(int version) {
        List<Field> in = new ArrayList<>();
        for (Field f : fields) {
            if (f.in(version)) {
                in.add(f);
            }
        }
        return in;
    }

    /** The type with this binary code, or null. */
    public static MessageType of(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }

    /** The type with this JSON name, or null. */
    public static MessageType of(String jsonName) {
        for (MessageType t : values()) {
            if (t.jsonName.equals(jsonName)) {
                return t;
            }
        }
        return null;
    }

    public static MessageType of(Message m) {
        return BY_CLASS.get(m.getClass());
    }

    /** The JSON name of a binary code, "unknown" for a code no type has. */
    public static String nameOf(int code) {
        MessageType t = of(code);
        return t == null ? "unknown" : t.jsonName;
    }

    /** The index of the field with this key. */
    int indexOf(String key) {
        for (int i = 0; i < fields.size(); i++) {
            if (key.equals(fields.get(i).key)) {
                return i;
            }
        }
        throw new IllegalArgumentException(jsonName + " has no field " + key);
    }

    /**
     * Checks a decoded integer of field {@code i} against its range (in binary only where the field
     * says so) and against the earlier field it may not be below.
     */
    void check(int i, long value, long[] integers, boolean binary) {
        Field f = fields.get(i);
        if ((!binary || f.rangeOnWire) && (value < f.min || value > f.max)) {
            throw f.outOfRange(value);
        }
        if (f.notBelowKey != null) {
            long other = integers[indexOf(f.notBelowKey)];
            if (value < other) {
                throw new FieldException(f.notBelowKey + " " + other + " above " + f.key + " " + value);
            }
        }
    }

    /** JSON: the value of field {@code i} when its key is missing, or a {@link FieldException} if it is required. */
    long fallback(int i, long[] integers) {
        Field f = fields.get(i);
        if (f.fallback != null) {
            return f.fallback;
        }
        if (f.fallbackKey != null) {
            return integers[indexOf(f.fallbackKey)];
        }
        throw new FieldException("missing \"" + f.key + "\"");
    }

    /**
     * The message from the field values of protocol {@code version} ({@code integers},
     * {@code reals}, {@code texts} indexed like {@link #fields()}; padding slots and fields of
     * other versions unused; components the version does not carry are 0). Throws
     * {@link FieldException} when the values do not make a message.
     */
    Message build(long[] integers, double[] reals, String[] texts, int version) {
        Object[] args = new Object[componentTypes.length];
        for (int a = 0; a < args.length; a++) {
            Class<?> t = componentTypes[a];
            args[a] = t == int.class ? (Object) 0 : t == long.class ? (Object) 0L : t == double.class ? (Object) 0.0
                    : t == boolean.class ? (Object) false : "";
        }
        for (int i = 0; i < fields.size(); i++) {
            Field f = fields.get(i);
            if (f.padding() || !f.in(version)) {
                continue;
            }
            int a = componentIndex[i];
            Class<?> t = componentTypes[a];
            args[a] = t == int.class ? (Object) (int) integers[i]
                    : t == long.class ? (Object) integers[i]
                    : t == double.class ? (Object) reals[i]
                    : t == boolean.class ? (Object) (integers[i] != 0)
                    : texts[i];
        }
        try {
            return (Message) constructor.newInstance(args);
        } catch (InstantiationException | IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException(jsonName + ": cannot build the record", e);
        }
    }
}
