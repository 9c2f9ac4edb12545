package io.backflush.sim.cli;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * A one-line progress bar on standard error, drawn only when the program runs on a terminal
 * (none when output is piped or redirected, so logs and CI stay clean): what is running, how far,
 * the time elapsed and an estimate of the time left. Interrupted (Ctrl-C), it ends its line so the
 * shell prompt starts on a fresh one.
 */
final class ProgressBar {
    private static final int WIDTH = 24;
    private final PrintWriter err;
    private final String what;
    private final int total;
    private final boolean enabled;
    private final long startNanos = System.nanoTime();
    private int shown = -1;
    private boolean open;
    private Thread onInterrupt;

    ProgressBar(PrintWriter err, String what, int total, boolean enabled) {
        this.err = err;
        this.what = what;
        this.total = Math.max(1, total);
        this.enabled = enabled;
        if (enabled) {
            onInterrupt = new Thread(this::interrupted, "progress-bar-newline");
            Runtime.getRuntime().addShutdownHook(onInterrupt);
        }
    }

    static ProgressBar forTerminal(PrintWriter err, String what, int total) {
        return new ProgressBar(err, what, total, System.console() != null);
    }

    synchronized void update(int done) {
        if (!enabled || done == shown) {
            return;
        }
        shown = done;
        err.print("\r" + line(done, (System.nanoTime() - startNanos) / 1e9));
        err.flush();
        open = true;
    }

    /** The bar's text after {@code elapsedSeconds} with {@code done} of the work finished. */
    String line(int done, double elapsedSeconds) {
        int filled = (int) ((long) WIDTH * done / total);
        String eta = done == 0 ? "--" : clock(elapsedSeconds * (total - done) / done);
        return String.format(Locale.ROOT, "%s [%s%s] %d/%d  %s elapsed, %s left ", what, "#".repeat(filled),
                " ".repeat(WIDTH - filled), done, total, clock(elapsedSeconds), eta);
    }

    static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    synchronized void finish() {
        if (open) {
            err.print("\r" + " ".repeat(line(shown, 0).length() + 8) + "\r");
            err.flush();
            open = false;
        }
        if (onInterrupt != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(onInterrupt);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or has run
            }
            onInterrupt = null;
        }
    }

    private synchronized void interrupted() {
        if (open) {
            err.println();
            err.flush();
            open = false;
        }
    }
}
