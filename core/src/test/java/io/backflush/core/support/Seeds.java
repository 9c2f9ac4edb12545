package io.backflush.core.support;

import org.quicktheories.QuickTheory;

import static org.quicktheories.QuickTheory.qt;

/**
 * Seeds for randomised tests: every property test prints the seed it used, and
 * {@code -Dbackflush.seed=N} replays it.
 */
public final class Seeds {
    private Seeds() {
    }

    /**
     * QuickTheories with a logged, replayable seed; {@code -Dbackflush.examples=N} draws N examples
     * instead of {@code examples} (to hunt a rare failure, or replay one found that way).
     */
    public static QuickTheory theory(String name, int examples) {
        return qt().withFixedSeed(seed(name)).withExamples(Integer.getInteger("backflush.examples", examples))
                .withShrinkCycles(30);
    }

    /** A seed for a randomised test: -Dbackflush.seed or a fresh one, logged either way. */
    public static long seed(String name) {
        String fixed = System.getProperty("backflush.seed");
        long seed = fixed != null ? Long.parseLong(fixed) : System.nanoTime();
        System.out.println("[property " + name + "] seed " + seed + " (replay: mvn -B verify -Dbackflush.seed=" + seed + ")");
        return seed;
    }
}
