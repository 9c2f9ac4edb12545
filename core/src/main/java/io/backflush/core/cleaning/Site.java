package io.backflush.core.cleaning;

/**
 * Where coffee residue collects in the brew path. A backflush release drives liquid back through
 * all three in this order; the release at the end of every shot drives coffee liquid the same way.
 */
public enum Site {
    /** The shower screen and dispersion block above the puck. */
    SCREEN,
    /** The passage between the three-way valve and the screen: a two-way street (jimseven.com, 2012). */
    PASSAGE,
    /** The three-way valve's exhaust path and seat. */
    VALVE;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
