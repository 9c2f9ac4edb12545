package io.backflush.sim.hil.server;

import io.backflush.core.machine.Machine;
import io.backflush.sim.hil.fault.FaultSpec;

import java.nio.file.Path;
import java.util.List;

/**
 * How sessions run.
 *
 * @param machine        the machine every session simulates (each session gets its own plant)
 * @param realtime       false: lockstep; true: advance on the wall clock
 * @param rateHz         ticks per simulated second (the plant's dt is 1/rate)
 * @param speed          real time only: simulated seconds per wall second
 * @param watchdogMillis firmware silent this long: plant to its safe state
 * @param resendMillis   silence after which the last sensor frame is sent again (about 1 s)
 * @param trace          trace file (session n > 1 writes FILE-n), or null
 * @param scenario       faults armed at every session start and reset
 * @param mlPerPulse     flow-meter volume per pulse, ml
 * @param tankMl         water in the tank at the start, ml (estimate: a 2 l tank)
 * @param traceMaxBytes  a session's trace stops (with an {@code #event} line saying so) once it has this many bytes
 * @param lockstepSpinMicros lockstep only: how long, µs, the session spins (polling the socket without
 *                       blocking) for the firmware's next frame before it blocks in a read; 0: it
 *                       blocks at once. TCP and Unix sockets only ({@code serve --spin-us})
 */
public record SessionConfig(Machine machine, boolean realtime, double rateHz, double speed, long watchdogMillis,
                            long resendMillis, Path trace, List<FaultSpec> scenario, double mlPerPulse, double tankMl,
                            long traceMaxBytes, long lockstepSpinMicros) {
    public static final double DEFAULT_RATE_HZ = 1000.0;
    /** {@code serve --trace-max-mb} by default. */
    public static final long DEFAULT_TRACE_MAX_MB = 512;
    public static final long BYTES_PER_MB = 1L << 20;

    /**
     * {@code serve --spin-us} by default. A lockstep round trip wakes the session thread and the
     * client's, each a sleeping thread on an idle core (some 30 µs apiece on a small VM); a spin
     * that outlasts the client's answer takes it without the session thread sleeping. Spins that
     * run out back off (the next 1, 2, 4 ... 64 reads block at once), so a slower client or a busy
     * machine costs about one spin in 64 round trips (bench/README.md, issue 11, gives the
     * measurements this was chosen from).
     */
    public static final long DEFAULT_LOCKSTEP_SPIN_MICROS = 50;
    /** The longest {@code lockstepSpinMicros} accepted (10 ms). */
    public static final long MAX_LOCKSTEP_SPIN_MICROS = 10_000;

    public SessionConfig {
        scenario = List.copyOf(scenario);
        if (lockstepSpinMicros < 0 || lockstepSpinMicros > MAX_LOCKSTEP_SPIN_MICROS) {
            throw new IllegalArgumentException("lockstep spin must be 0.." + MAX_LOCKSTEP_SPIN_MICROS + " us, got "
                    + lockstepSpinMicros);
        }
    }

    /** With the default lockstep spin ({@link #DEFAULT_LOCKSTEP_SPIN_MICROS}). */
    public SessionConfig(Machine machine, boolean realtime, double rateHz, double speed, long watchdogMillis,
                         long resendMillis, Path trace, List<FaultSpec> scenario, double mlPerPulse, double tankMl,
                         long traceMaxBytes) {
        this(machine, realtime, rateHz, speed, watchdogMillis, resendMillis, trace, scenario, mlPerPulse, tankMl,
                traceMaxBytes, DEFAULT_LOCKSTEP_SPIN_MICROS);
    }

    public static SessionConfig lockstep(Machine machine) {
        return new SessionConfig(machine, false, DEFAULT_RATE_HZ, 1.0, 10_000, 1_000, null, List.of(), 0.5, 2000.0,
                DEFAULT_TRACE_MAX_MB * BYTES_PER_MB);
    }

    public SessionConfig withTrace(Path path) {
        return new SessionConfig(machine, realtime, rateHz, speed, watchdogMillis, resendMillis, path, scenario,
                mlPerPulse, tankMl, traceMaxBytes, lockstepSpinMicros);
    }

    public SessionConfig withScenario(List<FaultSpec> faults) {
        return new SessionConfig(machine, realtime, rateHz, speed, watchdogMillis, resendMillis, trace, faults,
                mlPerPulse, tankMl, traceMaxBytes, lockstepSpinMicros);
    }

    public SessionConfig withTimeouts(long watchdog, long resend) {
        return new SessionConfig(machine, realtime, rateHz, speed, watchdog, resend, trace, scenario, mlPerPulse, tankMl,
                traceMaxBytes, lockstepSpinMicros);
    }

    public SessionConfig withRealtime(double rate, double speedFactor) {
        return new SessionConfig(machine, true, rate, speedFactor, watchdogMillis, resendMillis, trace, scenario,
                mlPerPulse, tankMl, traceMaxBytes, lockstepSpinMicros);
    }

    public SessionConfig withTraceMaxBytes(long bytes) {
        return new SessionConfig(machine, realtime, rateHz, speed, watchdogMillis, resendMillis, trace, scenario,
                mlPerPulse, tankMl, bytes, lockstepSpinMicros);
    }

    /** This config with the lockstep spin set to {@code micros} (0: block at once). */
    public SessionConfig withLockstepSpinMicros(long micros) {
        return new SessionConfig(machine, realtime, rateHz, speed, watchdogMillis, resendMillis, trace, scenario,
                mlPerPulse, tankMl, traceMaxBytes, micros);
    }

    /** The trace file of session {@code id} (1-based). */
    public Path traceFor(long id) {
        if (trace == null || id <= 1) {
            return trace;
        }
        String name = trace.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String numbered = dot > 0 ? name.substring(0, dot) + "-" + id + name.substring(dot) : name + "-" + id;
        return trace.resolveSibling(numbered);
    }
}
