package io.backflush.sim.usage;

import io.backflush.core.plant.Plant;
import io.backflush.core.scale.Scale;
import io.backflush.core.scale.ScaleSite;
import io.backflush.sim.run.TickObserver;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes down a {@link MachineLife}'s scale per site at the end of every day, watching the life's
 * steps: scale changes only after a shot or a cleaning program has been simulated, never during
 * one, so what the scale holds at the first step of day d is what day d − 1 ended with, and a
 * day without a step (no shots, no cleaning) ends as the day before it. Give it to the life as its
 * observer, {@link #watch} the life's scale, run the life, then {@link #finish}.
 */
public final class ScaleDiary implements TickObserver {
    /** Seconds in a day: the life's days start at multiples of it. */
    private static final double DAY_SECONDS = 86_400.0;

    private final int days;
    private final double[][] mg;
    private int written;
    private Scale scale;

    /** @param days the life's days */
    public ScaleDiary(int days) {
        this.days = days;
        this.mg = new double[ScaleSite.values().length][days];
    }

    /** The scale to write down (the life's, after {@link MachineLife#water}); null: nothing to write. */
    public ScaleDiary watch(Scale lifeScale) {
        this.scale = lifeScale;
        return this;
    }

    @Override
    public void afterStep(double stepStartSeconds, Plant plant) {
        if (scale == null) {
            return;
        }
        int day = (int) Math.min(days, Math.floor(plant.timeSeconds() / DAY_SECONDS));
        while (written < day) {
            write(written++);
        }
    }

    private void write(int day) {
        for (ScaleSite site : ScaleSite.values()) {
            mg[site.ordinal()][day] = scale.mg(site);
        }
    }

    /** After the life has run: the days not yet written end as the life ended. */
    public ScaleHistory finish() {
        if (scale == null) {
            throw new IllegalStateException("no scale watched: the life had no water");
        }
        while (written < days) {
            write(written++);
        }
        Map<String, List<Double>> bySite = new LinkedHashMap<>();
        for (ScaleSite site : ScaleSite.values()) {
            List<Double> v = new ArrayList<>(days);
            for (double x : mg[site.ordinal()]) {
                v.add(x);
            }
            bySite.put(site.label(), v);
        }
        return new ScaleHistory(scale.water(), scale.litresHeated(), bySite);
    }
}
