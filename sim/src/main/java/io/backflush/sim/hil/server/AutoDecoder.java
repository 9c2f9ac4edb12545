package io.backflush.sim.hil.server;

import io.backflush.sim.hil.protocol.BinaryCodec;
import io.backflush.sim.hil.protocol.DecodeError;
import io.backflush.sim.hil.protocol.Decoded;
import io.backflush.sim.hil.protocol.Encoding;
import io.backflush.sim.hil.protocol.ErrorCode;
import io.backflush.sim.hil.protocol.FrameDecoder;

import java.util.ArrayDeque;

/**
 * Chooses the encoding from the client's first byte that is not white space: {@code 'B'} (the
 * binary magic) or {@code '{'} (JSON lines). Anything else before that is counted and reported
 * (as JSON, the human-facing encoding) and skipped.
 */
final class AutoDecoder implements FrameDecoder {
    private FrameDecoder delegate;
    private final ArrayDeque<DecodeError> early = new ArrayDeque<>();
    private long offset;
    private long errors;

    @Override
    public int space() {
        return delegate == null ? 4096 : delegate.space();
    }

    @Override
    public int capacity() {
        return delegate == null ? 4096 : delegate.capacity();
    }

    @Override
    public void feed(byte[] data, int off, int len) {
        if (delegate != null) {
            delegate.feed(data, off, len);
            return;
        }
        int i = off;
        int garbage = 0;
        long garbageAt = -1;
        while (i < off + len) {
            byte b = data[i];
            if (b == BinaryCodec.MAGIC_0 || b == '{') {
                delegate = (b == '{' ? Encoding.JSON : Encoding.BINARY).newDecoder();
                break;
            }
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                if (garbage++ == 0) {
                    garbageAt = offset;
                }
            }
            i++;
            offset++;
        }
        if (garbage > 0) {
            errors++;
            early.add(new DecodeError(ErrorCode.BAD_MAGIC, garbageAt, "expected a binary frame ('B') or a JSON line ('{'): skipped "
                    + garbage + " byte" + (garbage == 1 ? "" : "s")));
        }
        if (delegate != null && i < off + len) {
            delegate.feed(data, i, off + len - i);
        }
    }

    @Override
    public Decoded next() {
        if (!early.isEmpty()) {
            return early.poll();
        }
        return delegate == null ? null : delegate.next();
    }

    @Override
    public long errors() {
        return errors + (delegate == null ? 0 : delegate.errors());
    }

    /** The chosen encoding; JSON until the client has said which. */
    @Override
    public Encoding encoding() {
        return delegate == null ? Encoding.JSON : delegate.encoding();
    }
}
