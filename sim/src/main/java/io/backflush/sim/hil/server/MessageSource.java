package io.backflush.sim.hil.server;

import io.backflush.sim.hil.protocol.Decoded;
import io.backflush.sim.hil.protocol.Encoding;
import io.backflush.sim.hil.protocol.Message;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Decoded input from the firmware with a timeout: {@link #poll} returns a {@link Decoded}, or
 * {@link #TIMEOUT}, or {@link #EOF} once the peer has gone.
 */
abstract class MessageSource {
    static final Object TIMEOUT = new Object();
    static final Object EOF = new Object();

    final AutoDecoder decoder = new AutoDecoder();

    abstract Object poll(long timeoutNanos) throws IOException;

    /**
     * {@link #poll}, but first, for up to {@code spinNanos}, looks for input without blocking
     * (spinning with {@link Thread#onSpinWait}) where the transport can: a frame that arrives
     * within the spin is taken without the thread going to sleep and being woken (tens of µs on
     * an idle machine). Then blocks as {@link #poll} does for the rest of {@code timeoutNanos}.
     * Sources that cannot look without blocking just poll.
     *
     * <p>The spin backs off when it does not pay: after a spin that ran out, the next polls
     * block at once, 1, then 2, 4, … up to {@value #MAX_SPIN_BACKOFF} of them after each further
     * miss in a row; a spin that catches a frame spins on every poll again. A client slower than
     * the spin, or a machine so busy that the client is not running while the session spins
     * (where the spin would only take its core from it), so costs about one spin in
     * {@value #MAX_SPIN_BACKOFF} polls.
     */
    Object poll(long timeoutNanos, long spinNanos) throws IOException {
        return poll(timeoutNanos);
    }

    /**
     * Takes in what has arrived (waiting at most about a millisecond) without consuming it, and
     * says whether a {@code bye}, a {@code pause} or the end of the stream is among it: what
     * interrupts a long {@code step} or {@code run_to}. The input stays for {@link #poll}.
     */
    abstract boolean interruptWaiting() throws IOException;

    /** The most polls that block at once, without a spin, after spins that ran out. */
    static final int MAX_SPIN_BACKOFF = 64;

    /** At most this many decoded events wait in memory (a flood of junk during a long step). */
    static final int MAX_WAITING = 10_000;

    static boolean interrupts(Object ev) {
        return ev == EOF || ev instanceof Message.Bye || ev instanceof Message.Pause;
    }

    Encoding encoding() {
        return decoder.encoding();
    }

    abstract void close();

    /** Reads the transport on the calling thread (transports with read timeouts). */
    static final class Direct extends MessageSource {
        private final Transport transport;
        private final byte[] chunk = new byte[4096];

        Direct(Transport transport) {
            this.transport = transport;
        }

        /** Input taken in by {@link #interruptWaiting}, handed out first. */
        private final ArrayDeque<Object> waiting = new ArrayDeque<>();
        /** Polls left that block without a spin; how many the last miss set (0 after a hit). */
        private int spinSkip;
        private int spinBackoff;
        /** Spins that caught a frame, and spins that ran out (for tests and measurements). */
        long spinHits;
        long spinMisses;

        @Override
        boolean interruptWaiting() throws IOException {
            if (waiting.isEmpty() || waiting.peekLast() != EOF) {
                takeDecoded();
                if (waiting.size() < MAX_WAITING && decoder.space() > 0) {
                    transport.setReadTimeoutMillis(1);
                    try {
                        int n = transport.in().read(chunk, 0, Math.min(chunk.length, decoder.space()));
                        if (n < 0) {
                            waiting.add(EOF);
                        } else {
                            decoder.feed(chunk, 0, n);
                            takeDecoded();
                        }
                    } catch (InterruptedIOException e) {
                        // nothing more has arrived
                    }
                }
            }
            for (Object ev : waiting) {
                if (interrupts(ev)) {
                    return true;
                }
            }
            return false;
        }

        private void takeDecoded() {
            Decoded d;
            while (waiting.size() < MAX_WAITING && (d = decoder.next()) != null) {
                waiting.add(d);
            }
        }

        @Override
        Object poll(long timeoutNanos, long spinNanos) throws IOException {
            if (spinNanos <= 0 || !transport.supportsReadNow() || !waiting.isEmpty()) {
                return poll(timeoutNanos);
            }
            Decoded ready = decoder.next();
            if (ready != null) {
                return ready;
            }
            if (spinSkip > 0) {
                spinSkip--;
                return poll(timeoutNanos);
            }
            long start = System.nanoTime();
            while (true) {
                int n = transport.readNow(chunk, 0, Math.min(chunk.length, decoder.space()));
                if (n < 0) {
                    return EOF;
                }
                if (n > 0) {
                    decoder.feed(chunk, 0, n);
                    Decoded d = decoder.next();
                    if (d != null) {
                        spinHits++;
                        spinBackoff = 0;
                        return d;
                    }
                    // part of a frame: the deadline below still holds (a trickle must not spin for ever)
                }
                long spun = System.nanoTime() - start;
                if (spun >= spinNanos) {
                    spinMisses++;
                    spinBackoff = Math.min(MAX_SPIN_BACKOFF, Math.max(1, 2 * spinBackoff));
                    spinSkip = spinBackoff;
                    return poll(timeoutNanos - spun);
                }
                Thread.onSpinWait();
            }
        }

        @Override
        Object poll(long timeoutNanos) throws IOException {
            if (!waiting.isEmpty()) {
                return waiting.peek() == EOF ? EOF : waiting.poll();
            }
            while (true) {
                Decoded d = decoder.next();
                if (d != null) {
                    return d;
                }
                transport.setReadTimeoutMillis((int) Math.max(1, Math.min(Integer.MAX_VALUE, timeoutNanos / 1_000_000)));
                int n;
                try {
                    n = transport.in().read(chunk, 0, Math.min(chunk.length, decoder.space()));
                } catch (InterruptedIOException e) {
                    return TIMEOUT;
                }
                if (n < 0) {
                    return EOF;
                }
                decoder.feed(chunk, 0, n);
            }
        }

        @Override
        void close() {
        }
    }

    /** Reads any stream on a thread of its own; the session waits on a queue. */
    static final class Threaded extends MessageSource {
        private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>(10_000);
        private final Thread reader;

        Threaded(InputStream in, String name) {
            reader = new Thread(() -> {
                byte[] chunk = new byte[4096];
                try {
                    while (true) {
                        int n = in.read(chunk, 0, Math.min(chunk.length, decoder.space()));
                        if (n < 0) {
                            break;
                        }
                        decoder.feed(chunk, 0, n);
                        for (Decoded d = decoder.next(); d != null; d = decoder.next()) {
                            queue.put(d);
                        }
                    }
                } catch (IOException | InterruptedException e) {
                    // the peer or the session closed the stream
                } finally {
                    queue.offer(EOF);
                }
            }, name);
            reader.setDaemon(true);
            reader.start();
        }

        @Override
        Object poll(long timeoutNanos) throws IOException {
            try {
                Object o = queue.poll(Math.max(0, timeoutNanos), TimeUnit.NANOSECONDS);
                if (o == EOF) {
                    queue.offer(EOF);
                }
                return o == null ? TIMEOUT : o;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return EOF;
            }
        }

        @Override
        boolean interruptWaiting() {
            for (Object ev : queue) {
                if (interrupts(ev)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        void close() {
            reader.interrupt();
        }
    }
}
