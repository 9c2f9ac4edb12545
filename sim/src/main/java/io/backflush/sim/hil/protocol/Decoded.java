package io.backflush.sim.hil.protocol;

/** What a decoder yields: a well-formed {@link Message} or a {@link DecodeError}. */
public sealed interface Decoded permits Message, DecodeError {
}
