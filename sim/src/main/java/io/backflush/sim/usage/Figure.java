package io.backflush.sim.usage;

import io.backflush.core.cleaning.Site;

import java.util.function.ToDoubleFunction;

/**
 * The figures of one machine life, each with its JSON key, CSV column and unit: what
 * {@code compare} and {@code sweep} report per seed and summarise over seeds. Every one is
 * "lower is better".
 */
public enum Figure {
    MEAN_CUP_PENALTY("meanCupPenalty", "mean_cup_penalty", "cup penalty", "", LifeResult::meanCupPenalty),
    WORST_CUP_PENALTY("worstCupPenalty", "worst_cup_penalty", "worst shot's cup penalty", "", LifeResult::worstCupPenalty),
    RESIDUE_SCREEN_MG("residueScreenMg", "residue_screen_mg", "residue at the screen", "mg",
            r -> residueAt(r, Site.SCREEN)),
    RESIDUE_PASSAGE_MG("residuePassageMg", "residue_passage_mg", "residue in the passage", "mg",
            r -> residueAt(r, Site.PASSAGE)),
    RESIDUE_VALVE_MG("residueValveMg", "residue_valve_mg", "residue at the valve", "mg",
            r -> residueAt(r, Site.VALVE)),
    WATER_USED_ML("waterUsedMl", "water_used_ml", "water used by cleaning", "ml", LifeResult::waterUsedMl),
    DETERGENT_USED_G("detergentUsedG", "detergent_used_g", "detergent used", "g", LifeResult::detergentUsedG),
    CLEANING_MINUTES("cleaningMinutes", "cleaning_minutes", "time spent cleaning", "min", LifeResult::cleaningMinutes),
    TAINTED_SHOTS("taintedShots", "tainted_shots", "shots tainted by detergent", "", r -> r.taintedShots()),
    DRIP_DAYS("dripDays", "drip_days", "days with a dripping valve", "", r -> r.dripDays());

    private final String key;
    private final String column;
    private final String label;
    private final String unit;
    private final ToDoubleFunction<LifeResult> value;

    Figure(String key, String column, String label, String unit, ToDoubleFunction<LifeResult> value) {
        this.key = key;
        this.column = column;
        this.label = label;
        this.unit = unit;
        this.value = value;
    }

    /** The JSON key (camelCase); JSON writes the figure as it. */
    @com.fasterxml.jackson.annotation.JsonValue
    public String key() {
        return key;
    }

    /** The CSV column (snake_case, with the unit). */
    public String column() {
        return column;
    }

    /** In words, for tables and pages. */
    public String label() {
        return label;
    }

    /** Unit, or empty for counts and the dimensionless penalty. */
    public String unit() {
        return unit;
    }

    /** A life's residue at a site at the end, mg; 0 for a site the life did not report. */
    private static double residueAt(LifeResult life, Site site) {
        return life.residueEndMg().getOrDefault(site.label(), 0.0);
    }

    /** This figure of one life. */
    public double of(LifeResult life) {
        return value.applyAsDouble(life);
    }

    /** This figure of each life, in order. */
    public double[] of(java.util.List<LifeResult> lives) {
        double[] v = new double[lives.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = of(lives.get(i));
        }
        return v;
    }
}
