package io.backflush.sim.hil.protocol;

/** Error codes carried by error frames (protocol v1). */
public enum ErrorCode {
    BAD_MAGIC(1), BAD_CRC(2), BAD_LENGTH(3), BAD_VERSION(4), UNKNOWN_TYPE(5), BAD_PAYLOAD(6), BAD_JSON(7),
    OVERSIZED(8), NO_HELLO(9), SEQUENCE(10), NOT_ALLOWED(11), BAD_FAULT(12), BUSY(13), WATCHDOG(14);

    private final int wire;

    ErrorCode(int wire) {
        this.wire = wire;
    }

    public int wire() {
        return wire;
    }
}
