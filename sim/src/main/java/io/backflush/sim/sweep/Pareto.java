package io.backflush.sim.sweep;

import io.backflush.sim.usage.Figure;

import java.util.ArrayList;
import java.util.List;

/**
 * The Pareto front of a sweep: the points that no other point beats on every one of cup penalty,
 * water, detergent and cleaning minutes (means over seeds; lower is better for each). A point is
 * dominated when another is no worse on all four and better on at least one.
 */
public final class Pareto {
    /** The figures the front trades off. */
    public static final List<Figure> OBJECTIVES = List.of(Figure.MEAN_CUP_PENALTY, Figure.WATER_USED_ML,
            Figure.DETERGENT_USED_G, Figure.CLEANING_MINUTES);

    private Pareto() {
    }

    /** Whether {@code a} dominates {@code b}. */
    static boolean dominates(double[] a, double[] b) {
        boolean better = false;
        for (int k = 0; k < a.length; k++) {
            if (a[k] > b[k]) {
                return false;
            }
            better |= a[k] < b[k];
        }
        return better;
    }

    /** The points, each marked on the front or not, in the same order. */
    public static List<SweepPoint> mark(List<SweepPoint> points) {
        double[][] v = new double[points.size()][];
        for (int i = 0; i < v.length; i++) {
            v[i] = new double[OBJECTIVES.size()];
            for (int k = 0; k < v[i].length; k++) {
                v[i][k] = points.get(i).figure(OBJECTIVES.get(k)).mean();
            }
        }
        List<SweepPoint> marked = new ArrayList<>();
        for (int i = 0; i < v.length; i++) {
            boolean dominated = false;
            for (int j = 0; j < v.length && !dominated; j++) {
                dominated = j != i && dominates(v[j], v[i]);
            }
            marked.add(points.get(i).withPareto(!dominated));
        }
        return marked;
    }
}
