package io.backflush.sim.program;

import io.backflush.core.param.InvalidParameterException;
import io.backflush.core.param.Require;

/**
 * One phase of a program: {@code cycles} times, pump on at {@code pumpDuty} (solenoid
 * energised) for {@code pumpOnSeconds}, then pump off (solenoid released) for
 * {@code releaseSeconds}. Backflush phases (water, detergent, rinse) run against the blind
 * basket; descale and flush phases through the open group (portafilter out), where a descale
 * phase's release is a soak in the descaling solution.
 *
 * @param kind           water, detergent, rinse, descale or flush
 * @param cycles         number of cycles, 1..1000
 * @param pumpOnSeconds  pump-on time per cycle, s (0 &lt; t ≤ 600)
 * @param releaseSeconds release (or soak) time per cycle, s (0 &lt; t ≤ 600)
 * @param pumpDuty       the pump's duty while on, 0 &lt; d ≤ 1 (pulse skipping: a firmware's low
 *                       descaling pulses); 1 unless given
 */
public record Phase(PhaseKind kind, int cycles, double pumpOnSeconds, double releaseSeconds, double pumpDuty) {
    /** A phase at full pump duty. */
    public Phase(PhaseKind kind, int cycles, double pumpOnSeconds, double releaseSeconds) {
        this(kind, cycles, pumpOnSeconds, releaseSeconds, 1.0);
    }

    public Phase {
        Require.present(kind, "kind");
        if (cycles < 1 || cycles > 1000) {
            throw new InvalidParameterException("cycles", "must be between 1 and 1000, got " + cycles);
        }
        Require.inRange(pumpOnSeconds, 1.0e-3, 600.0, "pumpOnSeconds");
        Require.inRange(releaseSeconds, 1.0e-3, 600.0, "releaseSeconds");
        Require.inRange(pumpDuty, 0.01, 1.0, "pumpDuty");
    }

    public double durationSeconds() {
        return cycles * (pumpOnSeconds + releaseSeconds);
    }
}
