package io.backflush.sim.hil.server;

import io.backflush.sim.hil.protocol.BinaryCodec;
import io.backflush.sim.hil.protocol.Encoding;
import io.backflush.sim.hil.protocol.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.SocketTimeoutException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What interrupts a long {@code step} or {@code run_to} (docs/protocol.md: "a {@code bye}, a
 * {@code pause} or a disconnect waiting there stops it ... then the waiting message is handled.
 * Other messages that arrive meanwhile wait until it is done"): {@link MessageSource#interruptWaiting}
 * takes in what has arrived without consuming it, says whether one of those three is among it, and
 * leaves it all, in order, for {@link MessageSource#poll}. Both sources: the one that reads the
 * transport on the session's thread and the one with a reader thread.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class MessageSourceInterruptTest {
    static final Message.ActuatorFrame A = new Message.ActuatorFrame(1, 1000, 0.5, 0.25, true);
    static final Message.ActuatorFrame B = new Message.ActuatorFrame(2, 2000, 0.5, 0.25, false);
    static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    static byte[] bytes(Message... ms) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buf = new byte[Encoding.MAX_FRAME_BYTES];
        for (Message m : ms) {
            all.write(buf, 0, BinaryCodec.encode(m, buf));
        }
        return all.toByteArray();
    }

    /** A transport with read timeouts whose reads give these chunks in turn, then time out (or end). */
    static final class Chunks extends ScriptedTransportBase {
        final ArrayDeque<byte[]> chunks = new ArrayDeque<>();
        boolean endAfter;
        int reads;

        Chunks(boolean endAfter, byte[]... cs) {
            this.endAfter = endAfter;
            chunks.addAll(Arrays.asList(cs));
        }

        @Override
        int readBlocking(byte[] b, int off, int len) throws SocketTimeoutException {
            reads++;
            byte[] c = chunks.poll();
            if (c == null) {
                if (endAfter) {
                    return -1;
                }
                throw new SocketTimeoutException("read timed out");
            }
            assertThat(c.length).as("chunk fits").isLessThanOrEqualTo(len);
            System.arraycopy(c, 0, b, off, c.length);
            return c.length;
        }

        @Override
        public boolean supportsReadNow() {
            return true;
        }

        @Override
        public int readNow(byte[] b, int off, int len) {
            throw new AssertionError("readNow while input waits");
        }
    }

    @Test
    void aPauseOrByeAmongTheInputInterruptsAndEverythingStaysForPollInOrder() throws Exception {
        for (Message stop : new Message[] {new Message.Pause(), new Message.Bye()}) {
            Chunks t = new Chunks(false, bytes(A, stop, B));
            MessageSource.Direct source = new MessageSource.Direct(t);
            assertThat(source.interruptWaiting()).as("%s waiting", stop).isTrue();
            assertThat(t.timeouts).as("it waits about a millisecond").containsExactly(1);
            // a spinning poll takes what waits first, without looking at the transport
            assertThat(source.poll(SECOND, SECOND)).isEqualTo(A);
            assertThat(source.poll(SECOND)).isEqualTo(stop);
            assertThat(source.poll(SECOND)).isEqualTo(B);
            assertThat(t.reads).isEqualTo(1);
            assertThat(source.poll(SECOND)).isSameAs(MessageSource.TIMEOUT);
        }
    }

    @Test
    void otherMessagesDoNotInterruptAndStayForPoll() throws Exception {
        Chunks t = new Chunks(false, bytes(A, new Message.GetStats(), new Message.Step(5), B));
        MessageSource.Direct source = new MessageSource.Direct(t);
        assertThat(source.interruptWaiting()).isFalse();
        assertThat(source.interruptWaiting()).as("nothing more arrived").isFalse();
        assertThat(source.poll(SECOND)).isEqualTo(A);
        assertThat(source.poll(SECOND)).isEqualTo(new Message.GetStats());
        assertThat(source.poll(SECOND)).isEqualTo(new Message.Step(5));
        assertThat(source.poll(SECOND)).isEqualTo(B);
    }

    @Test
    void aByeThatArrivesInALaterChunkInterruptsThen() throws Exception {
        Chunks t = new Chunks(false, bytes(A), bytes(new Message.Bye()));
        MessageSource.Direct source = new MessageSource.Direct(t);
        assertThat(source.interruptWaiting()).isFalse();
        assertThat(source.interruptWaiting()).isTrue();
        assertThat(source.interruptWaiting()).as("still waiting").isTrue();
        assertThat(source.poll(SECOND)).isEqualTo(A);
        assertThat(source.poll(SECOND)).isEqualTo(new Message.Bye());
    }

    @Test
    void aByeAlreadyDecodedByAPollIsFoundWithoutReading() throws Exception {
        // one read brings A and a bye; the poll hands out A and leaves the bye in the decoder
        Chunks t = new Chunks(false, bytes(A, new Message.Bye()));
        MessageSource.Direct source = new MessageSource.Direct(t);
        assertThat(source.poll(SECOND)).isEqualTo(A);
        assertThat(source.interruptWaiting()).isTrue();
        assertThat(source.poll(SECOND)).isEqualTo(new Message.Bye());
    }

    @Test
    void theEndOfTheStreamInterruptsAndStaysTheLastWord() throws Exception {
        Chunks t = new Chunks(true, bytes(A));
        MessageSource.Direct source = new MessageSource.Direct(t);
        assertThat(source.interruptWaiting()).as("A, no end yet").isFalse();
        assertThat(source.interruptWaiting()).as("the end").isTrue();
        int reads = t.reads;
        assertThat(source.interruptWaiting()).isTrue();
        assertThat(t.reads).as("no read after the end").isEqualTo(reads);
        assertThat(source.poll(SECOND)).isEqualTo(A);
        assertThat(source.poll(SECOND)).isSameAs(MessageSource.EOF);
        assertThat(source.poll(SECOND, SECOND)).isSameAs(MessageSource.EOF);
        assertThat(t.reads).isEqualTo(reads);
    }

    @Test
    void theBlockingPollWaitsTheTimeAskedInWholeMilliseconds() throws Exception {
        Chunks t = new Chunks(false);
        MessageSource.Direct source = new MessageSource.Direct(t);
        assertThat(source.poll(TimeUnit.MILLISECONDS.toNanos(250))).isSameAs(MessageSource.TIMEOUT);
        assertThat(source.poll(10)).isSameAs(MessageSource.TIMEOUT);
        assertThat(source.poll(Long.MAX_VALUE)).isSameAs(MessageSource.TIMEOUT);
        assertThat(t.timeouts).containsExactly(250, 1, Integer.MAX_VALUE);
    }

    @Test
    void aFloodWaitingDuringALongStepStopsBeingReadAtTheLimit() throws Exception {
        // MAX_WAITING actuator frames and then a bye, 100 frames a chunk: the limit is reached
        // before the bye is read, so it does not interrupt; the frames all stay in order
        int perChunk = 100;
        List<byte[]> chunks = new ArrayList<>();
        Message[] hundred = new Message[perChunk];
        for (int i = 0; i < MessageSource.MAX_WAITING / perChunk; i++) {
            for (int j = 0; j < perChunk; j++) {
                hundred[j] = new Message.ActuatorFrame(i * perChunk + j, 0, 0, 0, false);
            }
            chunks.add(bytes(hundred));
        }
        chunks.add(bytes(new Message.Bye()));
        Chunks t = new Chunks(false, chunks.toArray(new byte[0][]));
        MessageSource.Direct source = new MessageSource.Direct(t);
        for (int i = 0; i < chunks.size() + 5; i++) {
            assertThat(source.interruptWaiting()).as("call %d", i).isFalse();
        }
        assertThat(t.chunks).as("the bye is not read while the limit is reached").hasSize(1);
        for (int i = 0; i < MessageSource.MAX_WAITING; i++) {
            assertThat(((Message.ActuatorFrame) source.poll(SECOND)).seq()).isEqualTo(i);
        }
        assertThat(source.poll(SECOND)).isEqualTo(new Message.Bye());
        assertThat(MessageSource.MAX_WAITING).isEqualTo(10_000);
    }

    @Test
    void theThreadedSourceSeesAByeInItsQueueAndEndsWithTheStream() throws Exception {
        MessageSource.Threaded source = new MessageSource.Threaded(
                new ByteArrayInputStream(bytes(A, new Message.Bye())), "test-reader");
        // the reader thread decodes the whole stream, then the end: wait for it, bounded
        for (int i = 0; i < 500 && !source.interruptWaiting(); i++) {
            Thread.sleep(10);
        }
        assertThat(source.interruptWaiting()).isTrue();
        assertThat(source.poll(SECOND)).isEqualTo(A);
        assertThat(source.poll(SECOND)).isEqualTo(new Message.Bye());
        assertThat(source.poll(SECOND)).isSameAs(MessageSource.EOF);
        assertThat(source.poll(SECOND)).as("the end stays").isSameAs(MessageSource.EOF);
        source.close();
    }

    @Test
    void theThreadedSourceTimesOutOnSilenceAndOtherMessagesDoNotInterrupt() throws Exception {
        PipedOutputStream writer = new PipedOutputStream();
        PipedInputStream in = new PipedInputStream(writer, 1 << 16);
        MessageSource.Threaded source = new MessageSource.Threaded(in, "test-reader");
        assertThat(source.poll(TimeUnit.MILLISECONDS.toNanos(20))).isSameAs(MessageSource.TIMEOUT);
        writer.write(bytes(A, new Message.GetStats()));
        writer.flush();
        assertThat(source.poll(SECOND * 5)).isEqualTo(A);
        for (int i = 0; i < 50 && !source.interruptWaiting(); i++) {
            Thread.sleep(2);
        }
        assertThat(source.interruptWaiting()).as("a get_stats does not interrupt").isFalse();
        assertThat(source.poll(SECOND * 5)).isEqualTo(new Message.GetStats());
        writer.write(bytes(new Message.Pause()));
        writer.flush();
        boolean seen = false;
        for (int i = 0; i < 500 && !seen; i++) {
            seen = source.interruptWaiting();
            Thread.sleep(2);
        }
        assertThat(seen).as("a pause interrupts").isTrue();
        source.close();
        writer.close();
    }
}
