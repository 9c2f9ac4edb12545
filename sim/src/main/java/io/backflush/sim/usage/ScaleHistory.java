package io.backflush.sim.usage;

import io.backflush.core.machine.WaterChemistry;
import io.backflush.core.scale.ScaleSite;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The scale a machine collected day by day from its water: for the report's scale chart and its
 * words on why descaling is a different job from backflushing.
 *
 * @param water            the water the machine scaled from
 * @param litresHeated     fresh water heated over the days, L
 * @param mgPerDayBySite   scale at the end of each day per site, mg, by {@link ScaleSite#label()} in
 *                         {@link ScaleSite} order (every list one value per day)
 */
public record ScaleHistory(WaterChemistry water, double litresHeated, Map<String, List<Double>> mgPerDayBySite) {
    public ScaleHistory {
        java.util.Objects.requireNonNull(water, "water");
        Map<String, List<Double>> copy = new LinkedHashMap<>();
        for (ScaleSite site : ScaleSite.values()) {
            copy.put(site.label(), List.copyOf(mgPerDayBySite.getOrDefault(site.label(), List.of())));
        }
        mgPerDayBySite = Collections.unmodifiableMap(copy);
    }

    /** Days recorded. */
    public int days() {
        return mgPerDayBySite.get(ScaleSite.ELEMENT.label()).size();
    }

    /** Scale at one site at the end of the last day (0 without days), mg. */
    public double endMg(ScaleSite site) {
        List<Double> v = mgPerDayBySite.get(site.label());
        return v.isEmpty() ? 0.0 : v.get(v.size() - 1);
    }

    /** Scale at every site at the end of the last day, mg. */
    public double endTotalMg() {
        double t = 0;
        for (ScaleSite site : ScaleSite.values()) {
            t += endMg(site);
        }
        return t;
    }

    /** Total scale at the end of each day, mg. */
    public List<Double> totalPerDayMg() {
        List<Double> out = new ArrayList<>();
        for (int d = 0; d < days(); d++) {
            double t = 0;
            for (List<Double> site : mgPerDayBySite.values()) {
                t += site.get(d);
            }
            out.add(t);
        }
        return out;
    }
}
