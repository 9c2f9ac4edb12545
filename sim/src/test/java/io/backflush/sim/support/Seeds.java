package io.backflush.sim.support;

import org.quicktheories.QuickTheory;

import static org.quicktheories.QuickTheory.qt;

/**
 * QuickTheories with a logged seed: every property test prints the seed it used, and
 * {@code -Dbackflush.seed=N} replays it.
 */
public final class Seeds {
    private Seeds() {
    }

    public static QuickTheory theory(String name, int examples) {
        String fixed = System.getProperty("backflush.seed");
        long seed = fixed != null ? Long.parseLong(fixed) : System.nanoTime();
        System.out.println("[property " + name + "] QuickTheories seed " + seed
                + " (replay: mvn -B verify -Dbackflush.seed=" + seed + ")");
        return qt().withFixedSeed(seed).withExamples(examples).withShrinkCycles(30);
    }
}
