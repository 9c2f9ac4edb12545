package io.backflush.sim.program;

import io.backflush.core.param.InvalidParameterException;
import io.backflush.core.param.Require;

/**
 * One phase of a backflush program: {@code cycles} times, pump on (solenoid energised) for
 * {@code pumpOnSeconds}, then pump off (solenoid released) for {@code releaseSeconds}.
 *
 * @param kind           water, detergent or rinse
 * @param cycles         number of cycles, 1..1000
 * @param pumpOnSeconds  pump-on time per cycle, s (0 &lt; t ≤ 600)
 * @param releaseSeconds release time per cycle, s (0 &lt; t ≤ 600)
 */
public record Phase(PhaseKind kind, int cycles, double pumpOnSeconds, double releaseSeconds) {
    public Phase {
        Require.present(kind, "kind");
        if (cycles < 1 || cycles > 1000) {
            throw new InvalidParameterException("cycles", "must be between 1 and 1000, got " + cycles);
        }
        Require.inRange(pumpOnSeconds, 1.0e-3, 600.0, "pumpOnSeconds");
        Require.inRange(releaseSeconds, 1.0e-3, 600.0, "releaseSeconds");
    }

    public double durationSeconds() {
        return cycles * (pumpOnSeconds + releaseSeconds);
    }
}
