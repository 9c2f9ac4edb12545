package io.backflush.sim.hil.protocol;

import com.code_intelligence.jazzer.junit.FuzzTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Arbitrary bytes into both stream decoders, fed in chunks of varying size: they must never throw
 * or loop, every byte must be consumed, and every error must carry a message.
 *
 * <p>A plain build ({@code mvn verify}) runs the seed inputs in
 * {@code src/test/resources/io/backflush/sim/hil/protocol/HilDecoderFuzzTestInputs/<method>/}. To fuzz:
 * {@code JAZZER_FUZZ=1 mvn -B -pl sim -am test -Dtest=HilDecoderFuzzTest -Dsurefire.failIfNoSpecifiedTests=false}
 * (each method for its {@code maxDuration}; findings land in the seed directory as crash files).
 */
class HilDecoderFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void binary(byte[] data) {
        drain(new BinaryCodec.Decoder(), data);
    }

    @FuzzTest(maxDuration = "60s")
    void json(byte[] data) {
        drain(new JsonLineCodec.Decoder(), data);
    }

    static void drain(FrameDecoder decoder, byte[] data) {
        int chunk = data.length == 0 ? 1 : 1 + (data[0] & 0x3F);
        int fed = 0;
        long decoded = 0;
        while (fed < data.length) {
            int n = Math.min(Math.min(chunk, data.length - fed), decoder.space());
            assertThat(n).isPositive();
            decoder.feed(data, fed, n);
            fed += n;
            for (Decoded d = decoder.next(); d != null; d = decoder.next()) {
                decoded++;
                assertThat(decoded).isLessThanOrEqualTo(2L * data.length + 2);
                if (d instanceof DecodeError e) {
                    assertThat(e.detail()).isNotBlank();
                    assertThat(e.toFrame(decoder.errors()).message()).isNotBlank();
                } else {
                    // whatever decodes must encode again
                    Message m = (Message) d;
                    byte[] out = new byte[Encoding.MAX_FRAME_BYTES];
                    assertThat(decoder.encoding().encode(m, out)).isPositive();
                }
            }
        }
        assertThat(decoder.space()).isPositive();
    }
}
