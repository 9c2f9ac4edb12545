package io.backflush.sim.sweep;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/**
 * What a sweep gave: the {@code sweep --json} object and {@code points.json}.
 *
 * @param sweep    the sweep's name
 * @param machine  the base machine
 * @param strategy the base strategy
 * @param design   grid, random or latin-hypercube
 * @param seeds    the seeds every point ran
 * @param axes     the axis names, in file order
 * @param front    the indices of the points on the Pareto front, in point order
 * @param points   every point, in point order
 */
@JsonPropertyOrder({"sweep", "machine", "strategy", "design", "days", "seeds", "axes", "front", "points"})
public record SweepResult(String sweep, String machine, String strategy, String design, int days, List<Long> seeds,
                          List<String> axes, List<Integer> front, List<SweepPoint> points) {
    public SweepResult {
        seeds = List.copyOf(seeds);
        axes = List.copyOf(axes);
        front = List.copyOf(front);
        points = List.copyOf(points);
    }
}
