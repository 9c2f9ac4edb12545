package io.backflush.sim.hil.protocol;

/**
 * The bounded byte window both decoders read from: bytes are appended at {@code end}, consumed
 * from {@code start}, and the unread part is moved to the front when an append would run off the
 * end, so memory stays at {@link #capacity()} bytes whatever the stream does.
 */
abstract class BufferedFrameDecoder implements FrameDecoder {
    protected final byte[] buf;
    protected int start;
    protected int end;
    protected long errors;

    protected BufferedFrameDecoder(int capacity) {
        this.buf = new byte[capacity];
    }

    @Override
    public final int space() {
        return buf.length - (end - start);
    }

    @Override
    public final int capacity() {
        return buf.length;
    }

    @Override
    public final void feed(byte[] data, int off, int len) {
        if (len > space()) {
            throw new IllegalArgumentException("feed " + len + " bytes with space for " + space());
        }
        if (end + len > buf.length) {
            int shift = start;
            System.arraycopy(buf, start, buf, 0, end - start);
            end -= shift;
            start = 0;
            compacted(shift);
        }
        System.arraycopy(data, off, buf, end, len);
        end += len;
    }

    /** Called after the unread bytes moved {@code shift} places towards the front. */
    protected void compacted(int shift) {
    }

    @Override
    public final long errors() {
        return errors;
    }
}
