package io.backflush.sim.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;

/** The size a {@code run --csv} trace will have, estimated before the run, and a warning when it is large. */
final class TraceSize {
    /**
     * Bytes of one trace row, about: 31 columns written in shortest round-trip form (measured on
     * {@code water-5x10} at the default step: every 20th tick: 5 001 rows, 1.56 MB).
     */
    static final int BYTES_PER_ROW = 310;
    /** A trace above this gets a warning before the run. */
    static final long WARN_BYTES = 200L << 20;

    private TraceSize() {
    }

    static long rows(double durationSeconds, double dtSeconds, int every) {
        double ticks = Math.ceil(durationSeconds / dtSeconds);
        return (long) Math.ceil(ticks / every) + 1;
    }

    static long bytes(double durationSeconds, double dtSeconds, int every) {
        return rows(durationSeconds, dtSeconds, every) * BYTES_PER_ROW;
    }

    /** Prints one line on {@code err} when the trace will be above {@value #WARN_BYTES} bytes, with a thinning that fits. */
    static void warnIfLarge(PrintWriter err, Path csv, double durationSeconds, double dtSeconds, int every) {
        long bytes = bytes(durationSeconds, dtSeconds, every);
        if (bytes <= WARN_BYTES) {
            return;
        }
        long fits = (long) Math.ceil((double) bytes * every / WARN_BYTES);
        err.printf(Locale.ROOT, "backflush: warning: --csv %s will be about %s (%,d rows); --csv-every %d keeps it "
                        + "under %s%n", csv, human(bytes), rows(durationSeconds, dtSeconds, every), fits, human(WARN_BYTES));
        err.flush();
    }

    static String human(long bytes) {
        if (bytes >= 1L << 30) {
            return String.format(Locale.ROOT, "%.1f GB", bytes / (double) (1L << 30));
        }
        return String.format(Locale.ROOT, "%.0f MB", bytes / (double) (1L << 20));
    }
}
