package io.backflush.sim.usage;

import io.backflush.core.scale.ScaleSite;

import java.util.Map;
import java.util.function.Function;

/**
 * The scale and descaling figures of a machine life, each with its place in the JSON and its CSV
 * column: what {@code compare} reports per strategy (means over the seeds, {@link StrategySummary})
 * and per seed ({@link LifeResult.ScaleResult}), under the same names in both files. The scale per
 * site is absent (null: an empty CSV cell) when no water was given; the others are always there.
 */
public enum ScaleFigure {
    SCALE_ELEMENT_MG(ScaleSite.ELEMENT),
    SCALE_BOILER_MG(ScaleSite.BOILER),
    SCALE_GICLEUR_MG(ScaleSite.GICLEUR),
    SCALE_SEAT_MG(ScaleSite.SEAT),
    SCALE_EXHAUST_MG(ScaleSite.EXHAUST),
    SCALE_SCREEN_MG(ScaleSite.SCREEN),
    LITRES_HEATED("litresHeated", "litres_heated", "L", LifeResult.ScaleResult::litresHeated,
            StrategySummary::litresHeated),
    DESCALE_MINUTES("descaleMinutes", "descale_minutes", "min", LifeResult.ScaleResult::descaleMinutes,
            StrategySummary::descaleMinutes),
    ACID_USED_G("acidUsedG", "acid_used_g", "g", LifeResult.ScaleResult::acidUsedG, StrategySummary::acidUsedG),
    ACID_TAINTED_SHOTS("acidTaintedShots", "acid_tainted_shots", "shots", r -> (double) r.acidTaintedShots(),
            StrategySummary::acidTaintedShots);

    /** The JSON field that holds the scale per site (a map by {@link ScaleSite#label()}). */
    public static final String SCALE_MG = "scaleMg";

    private final ScaleSite site;
    private final String key;
    private final String column;
    private final String unit;
    private final Function<LifeResult.ScaleResult, Double> ofLife;
    private final Function<StrategySummary, Double> ofSummary;

    ScaleFigure(ScaleSite site) {
        this.site = site;
        this.key = SCALE_MG + "." + site.label();
        this.column = "scale_" + site.label() + "_mg";
        this.unit = "mg";
        this.ofLife = r -> at(r.scaleMg(), site);
        this.ofSummary = s -> at(s.scaleMg(), site);
    }

    ScaleFigure(String key, String column, String unit, Function<LifeResult.ScaleResult, Double> ofLife,
                Function<StrategySummary, Double> ofSummary) {
        this.site = null;
        this.key = key;
        this.column = column;
        this.unit = unit;
        this.ofLife = ofLife;
        this.ofSummary = ofSummary;
    }

    private static Double at(Map<String, Double> scaleMg, ScaleSite site) {
        return scaleMg == null ? null : scaleMg.get(site.label());
    }

    /** Where the figure is in a strategy's JSON object and in a seed's {@code scale} object: {@code scaleMg.element}, {@code litresHeated}. */
    public String key() {
        return key;
    }

    /** The CSV column (snake_case, with the unit). */
    public String column() {
        return column;
    }

    public String unit() {
        return unit;
    }

    /** The scale site, for the scale per site; null for the others. */
    public ScaleSite site() {
        return site;
    }

    /** This figure of one life (null: scale not simulated). */
    public Double of(LifeResult.ScaleResult life) {
        return ofLife.apply(life);
    }

    /** This figure of a strategy, the mean over its seeds (null: scale not simulated). */
    public Double of(StrategySummary strategy) {
        return ofSummary.apply(strategy);
    }
}
