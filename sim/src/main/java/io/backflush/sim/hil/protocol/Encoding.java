package io.backflush.sim.hil.protocol;

/** The two wire encodings; the client's first byte chooses ('B' binary, '{' JSON lines). */
public enum Encoding {
    BINARY, JSON;

    public FrameDecoder newDecoder() {
        return this == BINARY ? new BinaryCodec.Decoder() : new JsonLineCodec.Decoder();
    }

    /** Encodes one message in protocol v1; returns the number of bytes written to {@code out} (≥ {@link #MAX_FRAME_BYTES}). */
    public int encode(Message m, byte[] out) {
        return encode(m, out, Message.VERSION);
    }

    /** Encodes one message in protocol {@code version}; returns the number of bytes written to {@code out}. */
    public int encode(Message m, byte[] out, int version) {
        return this == BINARY ? BinaryCodec.encode(m, out, version) : JsonLineCodec.encode(m, out, version);
    }

    /** An output buffer this size holds any encoded frame of either encoding. */
    public static final int MAX_FRAME_BYTES = 8192;
}
