package io.backflush.sim.usage;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * A figure's spread over seeds: the mean, the sample standard deviation and a 95 % confidence
 * interval for the mean from Student's t distribution with n − 1 degrees of freedom:
 *
 * <pre>
 *   mean ± t(0.975, n − 1) · sd / √n
 * </pre>
 *
 * With one value the standard deviation and the interval are unknown (null in JSON, empty in
 * CSV); with values that are all equal they are 0 and the interval is the mean itself.
 *
 * @param mean     mean of the values
 * @param sd       sample standard deviation (n − 1 in the denominator), or null for n = 1
 * @param ci95Low  lower end of the 95 % confidence interval of the mean, or null for n = 1
 * @param ci95High upper end, or null for n = 1
 * @param n        number of values (seeds)
 */
@JsonPropertyOrder({"mean", "sd", "ci95Low", "ci95High", "n"})
public record Spread(double mean, Double sd, Double ci95Low, Double ci95High, int n) implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    /** Two-sided confidence level of {@link #ci95Low} and {@link #ci95High}. */
    public static final double CONFIDENCE = 0.95;

    /** The spread of {@code values} (at least one). */
    public static Spread of(double[] values) {
        int n = values.length;
        if (n == 0) {
            throw new IllegalArgumentException("no values");
        }
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        double mean = sum / n;
        if (n == 1) {
            return new Spread(mean, null, null, null, 1);
        }
        double squares = 0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        double sd = Math.sqrt(squares / (n - 1));
        double t = new TDistribution(null, n - 1).inverseCumulativeProbability(0.5 + CONFIDENCE / 2);
        double half = t * sd / Math.sqrt(n);
        return new Spread(mean, sd, mean - half, mean + half, n);
    }

    /** Half the width of the confidence interval, or null for n = 1. */
    public Double halfWidth() {
        return ci95High == null ? null : (ci95High - ci95Low) / 2;
    }
}
