package io.backflush.core.cleaning;

import io.backflush.core.param.Require;

/**
 * Residue and detergent parameters together.
 *
 * @param residue   coffee residue
 * @param detergent backflush detergent
 */
public record CleaningParameters(ResidueParameters residue, DetergentParameters detergent) {
    public CleaningParameters {
        Require.present(residue, "residue");
        Require.present(detergent, "detergent");
    }

    public static CleaningParameters defaults() {
        return new CleaningParameters(ResidueParameters.defaults(), DetergentParameters.defaults());
    }
}
