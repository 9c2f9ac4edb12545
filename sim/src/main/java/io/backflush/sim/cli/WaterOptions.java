package io.backflush.sim.cli;

import io.backflush.core.param.InvalidParameterException;
import io.backflush.core.machine.WaterChemistry;
import picocli.CommandLine.Option;

import java.util.Locale;

/**
 * The water in the tank, shared by {@code run}, {@code report}, {@code compare} and
 * {@code advise}: without {@code --hardness} or {@code --alkalinity} (or a machine file's
 * {@code water:} section, which the flags override) scale is not simulated.
 */
final class WaterOptions {
    @Option(names = "--hardness", paramLabel = "MG_PER_L",
            description = "Total hardness of the water, mg/L as CaCO3 (0-1000; 1 gpg = 17.1, 1 °dH = 17.8). "
                    + "With it (or --alkalinity) the machine scales; default when only --alkalinity is given: "
                    + "68 mg/L.")
    Double hardness;

    @Option(names = "--alkalinity", paramLabel = "MG_PER_L",
            description = "Alkalinity of the water, mg/L as CaCO3 (0-1000; default when only --hardness is given: "
                    + "40 mg/L, an estimate).")
    Double alkalinity;

    @Option(names = "--softening", paramLabel = "FRACTION",
            description = "Fraction of hardness and alkalinity a softening filter removes (0-1; default 0).")
    Double softening;

    /** The water, or null when neither hardness nor alkalinity was given (no scale). */
    WaterChemistry water() {
        if (hardness == null && alkalinity == null) {
            if (softening != null) {
                throw new UserInputException("--softening needs --hardness or --alkalinity: the water it softens");
            }
            return null;
        }
        check("--hardness", hardness);
        check("--alkalinity", alkalinity);
        if (softening != null && !(softening >= 0 && softening <= 1)) {
            throw new UserInputException("--softening must be between 0 and 1, got " + softening);
        }
        try {
            return new WaterChemistry(hardness == null ? WaterChemistry.DEFAULT_HARDNESS_MG_PER_L : hardness,
                    alkalinity == null ? WaterChemistry.DEFAULT_ALKALINITY_MG_PER_L : alkalinity,
                    softening == null ? 0.0 : softening);
        } catch (InvalidParameterException e) {
            throw new UserInputException(e.getMessage());
        }
    }

    private static void check(String flag, Double value) {
        if (value != null && !(value >= 0 && value <= WaterChemistry.MAX_MG_PER_L)) {
            throw new UserInputException(String.format(Locale.ROOT, "%s must be between 0 and %.0f mg/L as CaCO3, got %s",
                    flag, WaterChemistry.MAX_MG_PER_L, value));
        }
    }
}
