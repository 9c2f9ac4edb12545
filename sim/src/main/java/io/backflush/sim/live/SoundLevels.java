package io.backflush.sim.live;

import io.backflush.core.plant.Plant;
import io.backflush.sim.show.RunSound;

/**
 * The sound levels the page plays (the WAV's rules: pump loudness, whoosh, hiss), averaged over the
 * ticks since the last update; held while no tick ran, so a paused page falls silent only because
 * its clock stands still.
 */
final class SoundLevels {
    private final double freeFlowMlPerS;
    private double loudSum;
    private double whooshSum;
    private double hissSum;
    private int ticks;
    private final double[] last = new double[3];

    SoundLevels(double freeFlowMlPerS) {
        this.freeFlowMlPerS = freeFlowMlPerS;
    }

    /** Adds one tick's levels. */
    void add(Plant p) {
        loudSum += RunSound.pumpLoudness(p.pumpRunningFraction(), p.pumpFlowMlPerS(), freeFlowMlPerS);
        whooshSum += RunSound.whooshLevel(p.exhaustWaterFlowMlPerS());
        hissSum += RunSound.hissLevel(p.exhaustAirFlowAtmMlPerS());
        ticks++;
    }

    /** The averages since the last call (pump loudness, whoosh, hiss; the last ones if no tick ran), a new array. */
    double[] take() {
        if (ticks > 0) {
            last[0] = loudSum / ticks;
            last[1] = whooshSum / ticks;
            last[2] = hissSum / ticks;
        }
        loudSum = 0;
        whooshSum = 0;
        hissSum = 0;
        ticks = 0;
        return last.clone();
    }
}
