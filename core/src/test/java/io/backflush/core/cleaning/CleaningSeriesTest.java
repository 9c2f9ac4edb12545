package io.backflush.core.cleaning;

import io.backflush.core.support.Seeds;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.doubles;

/**
 * {@link Cleaning#lostFraction}, the 1 − e^(−x) every exact update of the residue and detergent
 * applies: its series below {@link Cleaning#SERIES_BELOW} agrees with {@code -Math.expm1(-x)} to a
 * few ulp (the error bound its Javadoc gives), and above the limit it is that call.
 */
class CleaningSeriesTest {
    /** ulp of the exact value allowed: the series' truncation is under half an ulp, the rest is rounding. */
    private static final double ULPS = 4.0;

    @Test
    void theSeriesAgreesWithExpm1ToAFewUlpBelowItsLimit() {
        // log-uniform over 1e-16 … the limit, either sign: a fixed 1 ms step to a 2 s one
        Seeds.theory("lost-fraction-series", 2000)
                .forAll(doubles().between(-16.0, Math.log10(Cleaning.SERIES_BELOW)), doubles().between(-1.0, 1.0))
                .checkAssert((exponent, sign) -> {
                    double x = Math.copySign(Math.pow(10.0, exponent), sign);
                    double exact = -Math.expm1(-x);
                    assertThat(Math.abs(Cleaning.lostFraction(x) - exact)).as("x = %s", x)
                            .isLessThanOrEqualTo(ULPS * Math.ulp(exact));
                });
    }

    @Test
    void atAndAboveTheLimitItIsExpm1AndAtZeroNothingIsLost() {
        for (double x : new double[] {Cleaning.SERIES_BELOW, -Cleaning.SERIES_BELOW, 0.0011, 0.5, 3.0, 40.0, 1.0e6}) {
            assertThat(Cleaning.lostFraction(x)).as("x = %s", x).isEqualTo(-Math.expm1(-x));
        }
        assertThat(Cleaning.lostFraction(0.0)).isZero();
        // just below the limit, where the truncation is largest
        double x = Math.nextDown(Cleaning.SERIES_BELOW);
        assertThat(Math.abs(Cleaning.lostFraction(x) + Math.expm1(-x))).isLessThanOrEqualTo(ULPS * Math.ulp(x));
    }
}
