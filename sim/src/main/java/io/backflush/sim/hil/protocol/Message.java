package io.backflush.sim.hil.protocol;

/**
 * The messages of the HIL protocol, versions 1 and 2 (see {@code docs/protocol.md}; a session
 * speaks the version its hello negotiated, and only the sensor frame differs). Times are absolute
 * simulation time in microseconds; sequence numbers count ticks from the last reset. Each record's
 * components are its payload's fields in wire order; their keys and layouts are in
 * {@link MessageType}.
 */
public sealed interface Message extends Decoded {
    /** The oldest version this server speaks (and the hello of every client has it). */
    int VERSION = 1;
    /** The newest version this server speaks. */
    int MAX_VERSION = 2;

    /** This message's row of the protocol table. */
    default MessageType messageType() {
        return MessageType.of(this);
    }

    /** Client → server, first message: the versions it speaks, raw signals on/off, the tick it wants (0: server's). */
    record Hello(int minVersion, int maxVersion, int flags, long dtMicros) implements Message {
        public static final int FLAG_RAW = 1;
    }

    /** Server → client: the version chosen, the flags granted, the tick and the session number. */
    record HelloAck(int version, int flags, long dtMicros, long sessionId) implements Message {
    }

    /**
     * Server → client: readings at the start of tick {@code seq}. {@code lineBar} is the pump–boiler
     * line's pressure (v1 calls it {@code pump_bar}); {@code rawPressureCounts} reads the machine's
     * transducer (v1: the group); {@code rawGroupCounts} and {@code rawLineCounts} exist from v2 on
     * (0 in a v1 frame).
     */
    record SensorFrame(long seq, long timeMicros, double groupBar, double lineBar, double boilerC, double groupC,
                       long flowPulses, double tankMl, double dripMl, int status, int rawPressureCounts,
                       int rawBoilerQuarterC, int rawGroupQuarterC, int rawZeroCrossings, int rawHeaterOn,
                       int rawGroupCounts, int rawLineCounts)
            implements Message {
        /** A frame without the v2 raw fields (as protocol v1 carries it). */
        public SensorFrame(long seq, long timeMicros, double groupBar, double lineBar, double boilerC, double groupC,
                           long flowPulses, double tankMl, double dripMl, int status, int rawPressureCounts,
                           int rawBoilerQuarterC, int rawGroupQuarterC, int rawZeroCrossings, int rawHeaterOn) {
            this(seq, timeMicros, groupBar, lineBar, boilerC, groupC, flowPulses, tankMl, dripMl, status,
                    rawPressureCounts, rawBoilerQuarterC, rawGroupQuarterC, rawZeroCrossings, rawHeaterOn, 0, 0);
        }

        public static final int STATUS_PAUSED = 1;
        public static final int STATUS_SAFE = 2;
        public static final int STATUS_FAULT = 4;
        public static final int STATUS_RAW = 8;
        public static final int STATUS_RESENT = 16;
        public static final int STATUS_REALTIME = 32;

        public SensorFrame withStatus(int newStatus) {
            return new SensorFrame(seq, timeMicros, groupBar, lineBar, boilerC, groupC, flowPulses, tankMl, dripMl,
                    newStatus, rawPressureCounts, rawBoilerQuarterC, rawGroupQuarterC, rawZeroCrossings, rawHeaterOn,
                    rawGroupCounts, rawLineCounts);
        }
    }

    /** Client → server: commands answering sensor frame {@code seq}. */
    record ActuatorFrame(long seq, long timeMicros, double pumpDuty, double heaterDuty, boolean solenoid)
            implements Message {
    }

    record Pause() implements Message {
    }

    record Resume() implements Message {
    }

    /** Advance {@code ticks} ticks holding the current commands, without asking the firmware. */
    record Step(long ticks) implements Message {
    }

    /** Advance holding the current commands until the simulation time reaches {@code timeMicros}. */
    record RunTo(long timeMicros) implements Message {
    }

    /**
     * A fresh plant at time 0, sequence 0, faults cleared, noise seeded with {@code seed}, started
     * as {@code start} says ({@link #START_DEFAULT}: the session's start, {@code serve --start} or
     * the machine file's; {@link #START_HOT}, {@link #START_COLD}; version 2 on).
     */
    record Reset(long seed, int start) implements Message {
        public static final int START_DEFAULT = 0;
        public static final int START_HOT = 1;
        public static final int START_COLD = 2;

        /** A reset to the session's start. */
        public Reset(long seed) {
            this(seed, START_DEFAULT);
        }
    }

    /** Saves the plant (and session) state in a server-side slot 0..7. */
    record Snapshot(int slot) implements Message {
    }

    /** Restores a slot saved by {@link Snapshot}. */
    record Restore(int slot) implements Message {
    }

    /** Injects a fault, e.g. {@code "stuck target=boiler_c at=20"} (grammar in docs/protocol.md). */
    record Fault(String spec) implements Message {
    }

    record Bye() implements Message {
    }

    /** Client → server: asks for a {@link Stats} (any time; e.g. just before {@link Bye}). */
    record GetStats() implements Message {
    }

    /**
     * Server → client, the answer to {@link GetStats}: the session's counters so far ({@code ticks}
     * since the last reset, resends, watchdog trips, duplicates, errors) and, in real time, the
     * tick lateness (µs) of the {@code lateTicks} ticks measured (zeros in lockstep). Every value is
     * capped at 2^32 − 1.
     */
    record Stats(long ticks, long lateTicks, long lateP50Micros, long lateP99Micros, long lateP999Micros,
                 long lateMaxMicros, long resends, long watchdogTrips, long duplicates, long errors) implements Message {
    }

    /** Server → client: a control message was carried out; {@code value} depends on it. */
    record Ack(int type, long value) implements Message {
        /** The ack of a message of type {@code of}. */
        public Ack(MessageType of, long value) {
            this(of.code(), value);
        }
    }

    /** Server → client: something was wrong; {@code count} is the session's error count so far. */
    record Error(int code, long count, String message) implements Message {
    }
}
