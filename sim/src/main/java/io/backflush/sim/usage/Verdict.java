package io.backflush.sim.usage;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A claim such as "cleanest cups", made only where the seeds can carry it. The strategy with the
 * lowest mean is compared with every other one, seed by seed (a paired comparison over the seeds
 * both ran, which removes the shared day-to-day variation of the usage): for each other strategy
 * the 95 % confidence interval of the mean per-seed difference ({@link Spread}) must lie wholly
 * above zero. If one does not (or there is one common seed, so no uncertainty can be estimated),
 * the verdict is "no clear difference" and names the strategies it could not separate.
 *
 * @param title     what is claimed, e.g. "cleanest cups"
 * @param figure    the figure's JSON key ({@link Figure#key()}); lower is better
 * @param winner    the strategy with a clearly lower figure, or null: no clear difference
 * @param best      the strategy with the lowest mean (the winner if there is one)
 * @param unclear   the strategies whose difference from {@code best} is within its uncertainty
 * @param seeds     seeds common to the strategies compared
 * @param text      the verdict in words, as the table and the page print it
 */
@JsonPropertyOrder({"title", "figure", "winner", "best", "unclear", "seeds", "text"})
public record Verdict(String title, Figure figure, String winner, String best, List<String> unclear, int seeds,
                      String text) {
    public Verdict {
        unclear = List.copyOf(unclear);
    }

    /** True when the seeds separate the best strategy from every other one. */
    public boolean clear() {
        return winner != null;
    }

    /**
     * The verdict on {@code figure} (lower is better) among strategies given as their per-seed
     * results; null with fewer than two strategies.
     *
     * @param perSeed the strategies' lives, one list per strategy (each life names its strategy and seed)
     */
    public static Verdict decide(String title, Figure figure, List<List<LifeResult>> perSeed) {
        if (perSeed.size() < 2) {
            return null;
        }
        int best = 0;
        double bestMean = Double.POSITIVE_INFINITY;
        for (int i = 0; i < perSeed.size(); i++) {
            double mean = Spread.of(figure.of(perSeed.get(i))).mean();
            if (mean < bestMean) {
                bestMean = mean;
                best = i;
            }
        }
        String bestName = perSeed.get(best).get(0).strategy();
        List<String> unclear = new ArrayList<>();
        int common = Integer.MAX_VALUE;
        for (int i = 0; i < perSeed.size(); i++) {
            if (i == best) {
                continue;
            }
            double[] differences = pairedDifferences(figure, perSeed.get(best), perSeed.get(i));
            common = Math.min(common, differences.length);
            Spread d = differences.length == 0 ? null : Spread.of(differences);
            if (d == null || d.ci95Low() == null || !(d.ci95Low() > 0)) {
                unclear.add(perSeed.get(i).get(0).strategy());
            }
        }
        String text;
        String winner = unclear.isEmpty() ? bestName : null;
        if (winner != null) {
            text = String.format(Locale.ROOT, "%s: %s (%s %s; every other strategy is higher by more than "
                    + "the 95 %% interval of its paired difference over %d seeds)", capital(title), bestName,
                    figure.label(), format(bestMean), common);
        } else if (common < 2) {
            text = String.format(Locale.ROOT, "%s: no clear difference (%s has the lowest mean, but one common seed "
                    + "cannot tell a real difference from chance; use --seeds 2 or more)", capital(title), bestName);
        } else {
            text = String.format(Locale.ROOT, "%s: no clear difference between %s and %s (%s; differences within "
                    + "their 95 %% intervals over %d seeds)", capital(title), bestName, String.join(", ", unclear),
                    figure.label(), common);
        }
        return new Verdict(title, figure, winner, bestName, unclear, common == Integer.MAX_VALUE ? 0 : common, text);
    }

    /** {@code other − best} seed by seed, over the seeds both ran (in {@code best}'s order). */
    static double[] pairedDifferences(Figure figure, List<LifeResult> best, List<LifeResult> other) {
        Map<Long, LifeResult> bySeed = new HashMap<>();
        for (LifeResult r : other) {
            bySeed.put(r.seed(), r);
        }
        List<Double> d = new ArrayList<>();
        for (LifeResult b : best) {
            LifeResult o = bySeed.get(b.seed());
            if (o != null) {
                d.add(figure.of(o) - figure.of(b));
            }
        }
        return d.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static String format(double v) {
        return Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.4g", v);
    }

    private static String capital(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
