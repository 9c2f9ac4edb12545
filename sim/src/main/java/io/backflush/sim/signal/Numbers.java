package io.backflush.sim.signal;

import com.fasterxml.jackson.core.io.NumberOutput;

/**
 * How backflush writes a number in its CSV and JSON files: the shortest decimal that reads back as
 * the same double, in {@link Double#toString}'s layout ("0.001", "45.0", "5.3E-4"). Java 17's own
 * {@code Double.toString} is not always the shortest (it writes 3.9806E21 as
 * "3.9806000000000003E21", about one random double in 200); Jackson's Schubfach writer
 * ({@link NumberOutput#toString(double, boolean)}, the algorithm Java 19 adopted) is.
 * Nothing is rounded away: every value reads back bit for bit.
 */
public final class Numbers {
    private Numbers() {
    }

    /** The shortest round-trip form of {@code v}. */
    public static String shortest(double v) {
        return NumberOutput.toString(v, true);
    }
}
