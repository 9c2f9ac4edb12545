package io.backflush.sim.hil.protocol;

/** The two wire encodings; the client's first byte chooses ('B' binary, '{' JSON lines). */
public enum Encoding {
    BINARY, JSON;

    public FrameDecoder newDecoder() {
        return this == BINARY ? new BinaryCodec.Decoder() : new JsonLineCodec.Decoder();
    }

    /** Encodes one message; returns the number of bytes written to {@code out} (≥ {@link #MAX_FRAME_BYTES}). */
    public int encode(Message m, byte[] out) {
        return this == BINARY ? BinaryCodec.encode(m, out) : JsonLineCodec.encode(m, out);
    }

    /** An output buffer this size holds any encoded frame of either encoding. */
    public static final int MAX_FRAME_BYTES = 8192;
}
