package io.backflush.sim.sweep;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.backflush.sim.usage.Figure;
import io.backflush.sim.usage.Spread;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One point of a sweep and what its seeds gave.
 *
 * @param index      the point's place in the sweep (0-based)
 * @param parameters the point's axis values, by axis name, in axis order
 * @param figures    every {@link Figure}'s spread over the seeds, by {@link Figure#key()}, then, when the
 *                   machines scale, every {@link io.backflush.sim.usage.ScaleFigure}'s, by its key
 * @param pareto     on the Pareto front of cup penalty against water, detergent and cleaning minutes
 */
@JsonPropertyOrder({"index", "parameters", "pareto", "figures"})
public record SweepPoint(int index, Map<String, Object> parameters, Map<String, Spread> figures, boolean pareto)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public SweepPoint {
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        figures = Collections.unmodifiableMap(new LinkedHashMap<>(figures));
    }

    /** The spread of one figure. */
    public Spread figure(Figure f) {
        return figures.get(f.key());
    }

    /** The spread of one scale figure, or null when the sweep's machines do not scale. */
    public Spread figure(io.backflush.sim.usage.ScaleFigure f) {
        return figures.get(f.key());
    }

    /** This point, on or off the front. */
    public SweepPoint withPareto(boolean onFront) {
        return new SweepPoint(index, parameters, figures, onFront);
    }
}
