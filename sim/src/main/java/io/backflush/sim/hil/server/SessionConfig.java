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
 */
public record SessionConfig(Machine machine, boolean realtime, double rateHz, double speed, long watchdogMillis,
                            long resendMillis, Path trace, List<FaultSpec> scenario, double mlPerPulse, double tankMl,
                            long traceMaxBytes) {
    public static final double DEFAULT_RATE_HZ = 1000.0;
    /** {@code serve --trace-max-mb} by default. */
    public static final long DEFAULT_TRACE_MAX_MB = 512;
    public static final long BYTES_PER_MB = 1L << 20;

    public SessionConfig {
        scenario = List.copyOf(scenario);
    }

    public static SessionConfig lockstep(Machine machine) {
        return new SessionConfig(machine, false, DEFAULT_RATE_HZ, 1.0, 10_000, 1_000, null, List.of(), 0.5, 2000.0,
                DEFAULT_TRACE_MAX_MB * BYTES_PER_MB);
    }

    public SessionConfig withTrace(Path path) {
        return new SessionConfig(machine, realtime, rateHz, speed, watchdogMillis, resendMillis, path, scenario,
                mlPerPulse, tankMl, traceMaxBytes);
    }

    public SessionConfig withScenario(List<FaultSpec> faults) {
        return new SessionConfig(machine, realtime, rateHz, speed, watchdogMillis, resendMillis, trace, faults,
                mlPerPulse, tankMl, traceMaxBytes);
    }

    public SessionConfig withTimeouts(long watchdog, long resend) {
        return new SessionConfig(machine, realtime, rateHz, speed, watchdog, resend, trace, scenario, mlPerPulse, tankMl,
                traceMaxBytes);
    }

    public SessionConfig withRealtime(double rate, double speedFactor) {
        return new SessionConfig(machine, true, rate, speedFactor, watchdogMillis, resendMillis, trace, scenario,
                mlPerPulse, tankMl, traceMaxBytes);
    }

    public SessionConfig withTraceMaxBytes(long bytes) {
        return new SessionConfig(machine, realtime, rateHz, speed, watchdogMillis, resendMillis, trace, scenario,
                mlPerPulse, tankMl, bytes);
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
