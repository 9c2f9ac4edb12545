package io.backflush.sim.live;

import java.io.IOException;
import java.io.OutputStream;

/**
 * What the live server holds for one browser tab: its own machine ({@link LiveSession}) or a window
 * on a firmware's ({@link Watch}). Its stream runs on the thread serving the tab's event stream.
 */
abstract class Tab {
    /** Time between two updates of the page, ns. */
    static final long PERIOD_NANOS = 1_000_000_000L / LiveSession.UPDATES_PER_SECOND;

    final String id;
    private volatile boolean closed;
    private volatile boolean attached;
    private volatile String closeReason = "closed";
    private volatile long lastNanos = System.nanoTime();

    Tab(String id) {
        this.id = id;
    }

    /** Streams the tab's events until it is closed or the client goes away (a write fails). */
    abstract void stream(OutputStream out) throws IOException;

    /** Marks the event stream attached; false if one already is. */
    final synchronized boolean attach() {
        if (attached) {
            return false;
        }
        attached = true;
        touch();
        return true;
    }

    final boolean attached() {
        return attached;
    }

    final void close(String reason) {
        closeReason = reason;
        closed = true;
    }

    final boolean closed() {
        return closed;
    }

    final String closeReason() {
        return closeReason;
    }

    /** When the tab last showed a sign of life, {@link System#nanoTime()}. */
    final long lastMessageNanos() {
        return lastNanos;
    }

    final void touch() {
        lastNanos = System.nanoTime();
    }

    /** Sleeps out the rest of the update period begun at {@code startNanos}; an interrupt closes the tab. */
    final void sleepRest(long startNanos) {
        long sleep = PERIOD_NANOS - (System.nanoTime() - startNanos);
        if (sleep > 0) {
            try {
                Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close("server stopping");
            }
        }
    }

    /** The last event of a stream: why it ended. */
    final void bye(OutputStream out) throws IOException {
        LiveSession.send(out, "bye", "{\"reason\":" + Json.string(closeReason) + "}");
    }
}
