package io.backflush.sim.hil.server;

import io.backflush.sim.hil.protocol.BinaryCodec;
import io.backflush.sim.hil.protocol.Encoding;
import io.backflush.sim.hil.protocol.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lockstep spin of {@link MessageSource.Direct#poll(long, long)}: input that arrives while it
 * spins is taken without a blocking read, the spin ends by its deadline, the end of the stream ends
 * it, spins that run out back off, and without a spin (or a transport that cannot look without
 * waiting) it blocks at once.
 * Each transport here is a script: what {@code readNow} gives call by call, and what the blocking
 * read does.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class MessageSourceSpinTest {
    static final Message.ActuatorFrame FRAME = new Message.ActuatorFrame(5, 5000, 0.5, 0.25, true);
    static final long LONG_SPIN_NS = TimeUnit.SECONDS.toNanos(5);

    static byte[] frameBytes() {
        byte[] buf = new byte[Encoding.MAX_FRAME_BYTES];
        return Arrays.copyOf(buf, BinaryCodec.encode(FRAME, buf));
    }

    /**
     * A transport whose {@code readNow} gives nothing {@code quietCalls} times, then {@code ready} in
     * pieces of at most {@code piece} bytes, then nothing; its blocking read gives {@code blocking}
     * (null: it times out, -1 bytes: the end of the stream).
     */
    static final class Scripted extends ScriptedTransportBase {
        final boolean canReadNow;
        final byte[] ready;
        final int piece;
        final long quietCalls;
        final byte[] blocking;
        int readyAt;
        long readNowCalls;
        int blockingReads;

        Scripted(boolean canReadNow, byte[] ready, int piece, long quietCalls, byte[] blocking) {
            this.canReadNow = canReadNow;
            this.ready = ready;
            this.piece = piece;
            this.quietCalls = quietCalls;
            this.blocking = blocking;
        }

        @Override
        public boolean supportsReadNow() {
            return canReadNow;
        }

        /** While set, readNow gives nothing whatever the script says. */
        boolean silent;

        @Override
        public int readNow(byte[] b, int off, int len) {
            readNowCalls++;
            if (silent) {
                return 0;
            }
            if (readNowCalls <= quietCalls || readyAt >= ready.length) {
                return ready == END && readNowCalls > quietCalls ? -1 : 0;
            }
            int n = Math.min(Math.min(piece, len), ready.length - readyAt);
            System.arraycopy(ready, readyAt, b, off, n);
            readyAt += n;
            return n;
        }

        @Override
        int readBlocking(byte[] b, int off, int len) throws IOException {
            blockingReads++;
            if (blocking == null) {
                throw new SocketTimeoutException("read timed out");
            }
            if (blocking == END) {
                return -1;
            }
            System.arraycopy(blocking, 0, b, off, blocking.length);
            return blocking.length;
        }
    }

    /** Marks "the end of the stream" in a script. */
    static final byte[] END = new byte[0];

    @Test
    void aFrameThatArrivesDuringTheSpinIsTakenWithoutABlockingRead() throws IOException {
        Scripted t = new Scripted(true, frameBytes(), Integer.MAX_VALUE, 50, null);
        Object got = new MessageSource.Direct(t).poll(TimeUnit.SECONDS.toNanos(10), LONG_SPIN_NS);
        assertThat(got).isEqualTo(FRAME);
        assertThat(t.readNowCalls).isEqualTo(51);
        assertThat(t.blockingReads).isZero();
    }

    @Test
    void aFrameArrivingInPiecesDuringTheSpinIsPutTogether() throws IOException {
        Scripted t = new Scripted(true, frameBytes(), 3, 0, null);
        Object got = new MessageSource.Direct(t).poll(TimeUnit.SECONDS.toNanos(10), LONG_SPIN_NS);
        assertThat(got).isEqualTo(FRAME);
        assertThat(t.readyAt).isEqualTo(frameBytes().length);
        assertThat(t.blockingReads).isZero();
    }

    @Test
    void theEndOfTheStreamSeenDuringTheSpinEndsIt() throws IOException {
        Scripted t = new Scripted(true, END, 1, 10, null);
        assertThat(new MessageSource.Direct(t).poll(TimeUnit.SECONDS.toNanos(10), LONG_SPIN_NS)).isSameAs(MessageSource.EOF);
        assertThat(t.blockingReads).isZero();
    }

    @Test
    void theSpinEndsByItsDeadlineAndTheBlockingReadWaitsForTheRest() throws IOException {
        Scripted t = new Scripted(true, new byte[0], 1, Long.MAX_VALUE, frameBytes());
        long spinNs = TimeUnit.MILLISECONDS.toNanos(20);
        long start = System.nanoTime();
        Object got = new MessageSource.Direct(t).poll(TimeUnit.SECONDS.toNanos(3), spinNs);
        long took = System.nanoTime() - start;
        assertThat(got).isEqualTo(FRAME);
        assertThat(took).isGreaterThanOrEqualTo(spinNs);
        assertThat(t.readNowCalls).isGreaterThan(1);
        assertThat(t.blockingReads).isEqualTo(1);
        // the blocking read gets what is left of the poll's timeout, not all of it again
        assertThat(t.lastTimeoutMillis).isBetween(1, 2_980);
    }

    @Test
    void silenceAfterTheSpinIsATimeout() throws IOException {
        Scripted t = new Scripted(true, new byte[0], 1, Long.MAX_VALUE, null);
        Object got = new MessageSource.Direct(t).poll(TimeUnit.MILLISECONDS.toNanos(50), TimeUnit.MILLISECONDS.toNanos(5));
        assertThat(got).isSameAs(MessageSource.TIMEOUT);
        assertThat(t.blockingReads).isEqualTo(1);
    }

    @Test
    void withoutASpinOrATransportThatCanLookTheSourceBlocksAtOnce() throws IOException {
        Scripted noSpin = new Scripted(true, frameBytes(), Integer.MAX_VALUE, 0, frameBytes());
        assertThat(new MessageSource.Direct(noSpin).poll(TimeUnit.SECONDS.toNanos(1), 0)).isEqualTo(FRAME);
        assertThat(noSpin.readNowCalls).isZero();
        assertThat(noSpin.blockingReads).isEqualTo(1);

        Scripted cannot = new Scripted(false, frameBytes(), Integer.MAX_VALUE, 0, frameBytes());
        assertThat(new MessageSource.Direct(cannot).poll(TimeUnit.SECONDS.toNanos(1), LONG_SPIN_NS)).isEqualTo(FRAME);
        assertThat(cannot.readNowCalls).isZero();
        assertThat(cannot.blockingReads).isEqualTo(1);
    }

    /** {@code n} copies of the frame, back to back. */
    static byte[] frames(int n) {
        byte[] one = frameBytes();
        byte[] all = new byte[n * one.length];
        for (int i = 0; i < n; i++) {
            System.arraycopy(one, 0, all, i * one.length, one.length);
        }
        return all;
    }

    @Test
    void spinsThatRunOutBackOffDoublingUpToTheirLimit() throws IOException {
        // nothing ever arrives while it spins; every blocking read brings a frame
        Scripted t = new Scripted(true, new byte[0], 1, Long.MAX_VALUE, frameBytes());
        MessageSource.Direct source = new MessageSource.Direct(t);
        for (int i = 0; i < 200; i++) {
            assertThat(source.poll(TimeUnit.SECONDS.toNanos(1), 1_000)).isEqualTo(FRAME);
        }
        // spins on polls 1, 3, 6, 11, 20, 37, 70 (skipping 1, 2, 4 ... 32 after them), 135 and 200 (64 each)
        assertThat(source.spinMisses).isEqualTo(9);
        assertThat(source.spinHits).isZero();
        assertThat(t.blockingReads).isEqualTo(200);
        assertThat(MessageSource.MAX_SPIN_BACKOFF).isEqualTo(64);
    }

    @Test
    void aSpinThatCatchesAFrameEndsTheBackOff() throws IOException {
        Scripted t = new Scripted(true, frames(10), frameBytes().length, 0, frameBytes());
        t.silent = true;
        MessageSource.Direct source = new MessageSource.Direct(t);
        for (int i = 0; i < 3; i++) {
            assertThat(source.poll(TimeUnit.SECONDS.toNanos(1), 1_000)).isEqualTo(FRAME); // miss, skip, miss
        }
        t.silent = false;
        for (int i = 0; i < 4; i++) {
            assertThat(source.poll(TimeUnit.SECONDS.toNanos(1), LONG_SPIN_NS)).isEqualTo(FRAME); // skip, skip, hit, hit
        }
        assertThat(source.spinMisses).isEqualTo(2);
        assertThat(source.spinHits).isEqualTo(2);
        assertThat(t.blockingReads).isEqualTo(5); // after each miss and on each skip
    }

    @Test
    void framesAlreadyDecodedComeFirstWithoutLooking() throws IOException {
        byte[] two = new byte[2 * frameBytes().length];
        System.arraycopy(frameBytes(), 0, two, 0, frameBytes().length);
        System.arraycopy(frameBytes(), 0, two, frameBytes().length, frameBytes().length);
        Scripted t = new Scripted(true, two, Integer.MAX_VALUE, 0, null);
        MessageSource source = new MessageSource.Direct(t);
        assertThat(source.poll(TimeUnit.SECONDS.toNanos(1), LONG_SPIN_NS)).isEqualTo(FRAME);
        long calls = t.readNowCalls;
        assertThat(source.poll(TimeUnit.SECONDS.toNanos(1), LONG_SPIN_NS)).isEqualTo(FRAME);
        assertThat(t.readNowCalls).as("the second frame was already in the decoder").isEqualTo(calls);
    }
}
