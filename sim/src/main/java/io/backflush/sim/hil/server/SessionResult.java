package io.backflush.sim.hil.server;

import io.backflush.sim.run.CycleReport;
import org.HdrHistogram.Histogram;

import java.util.List;

/**
 * How a session went.
 *
 * @param sessionId   1-based session number
 * @param transport   what it ran over
 * @param reason      why it ended (bye, disconnected, io error, ...)
 * @param ticks       plant ticks since the last reset
 * @param errors      bad frames and refused messages
 * @param duplicates  actuator frames for a tick already done (ignored)
 * @param resends     sensor frames sent again after a silence
 * @param watchdogTrips times the firmware fell silent past the watchdog
 * @param cycles      backflush cycles seen by the {@link io.backflush.sim.run.CycleDetector}
 * @param lateness    real time: tick lateness in µs (null in lockstep)
 */
public record SessionResult(long sessionId, String transport, String reason, long ticks, long errors, long duplicates,
                            long resends, long watchdogTrips, List<CycleReport> cycles, Histogram lateness) {
    /** Cycles that ended in a whoosh. */
    public long whooshes() {
        return cycles.stream().filter(c -> c.whooshVolumeMl() != null).count();
    }

    /** One line for the server's log. */
    public String summary() {
        StringBuilder s = new StringBuilder();
        s.append("session ").append(sessionId).append(" (").append(transport).append("): ").append(reason)
                .append("; ").append(ticks).append(" ticks, ").append(whooshes()).append(" whooshes, ")
                .append(errors).append(" errors, ").append(duplicates).append(" duplicates, ")
                .append(resends).append(" resends, ").append(watchdogTrips).append(" watchdog trips");
        if (lateness != null && lateness.getTotalCount() > 0) {
            s.append("; ").append(latenessSummary(lateness));
        }
        return s.toString();
    }

    /** "tick lateness p50 … us, p99 … us, p99.9 … us, max … us" (the server's log line and the trace). */
    static String latenessSummary(Histogram lateness) {
        return String.format("tick lateness p50 %d us, p99 %d us, p99.9 %d us, max %d us",
                lateness.getValueAtPercentile(50), lateness.getValueAtPercentile(99),
                lateness.getValueAtPercentile(99.9), lateness.getMaxValue());
    }
}
