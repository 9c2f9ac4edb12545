package io.backflush.sim.cli;

import java.io.PrintWriter;

/**
 * A one-line progress bar on standard error, drawn only when the program runs on a terminal
 * (none when output is piped or redirected, so logs and CI stay clean).
 */
final class ProgressBar {
    private static final int WIDTH = 30;
    private final PrintWriter err;
    private final int total;
    private final boolean enabled;
    private int shown = -1;

    private ProgressBar(PrintWriter err, int total, boolean enabled) {
        this.err = err;
        this.total = Math.max(1, total);
        this.enabled = enabled;
    }

    static ProgressBar forTerminal(PrintWriter err, int total) {
        return new ProgressBar(err, total, System.console() != null);
    }

    synchronized void update(int done) {
        if (!enabled || done == shown) {
            return;
        }
        shown = done;
        int filled = (int) ((long) WIDTH * done / total);
        err.print("\rsimulating [" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + done + "/" + total);
        err.flush();
    }

    synchronized void finish() {
        if (enabled && shown >= 0) {
            err.print("\r" + " ".repeat(WIDTH + 30) + "\r");
            err.flush();
        }
    }
}
