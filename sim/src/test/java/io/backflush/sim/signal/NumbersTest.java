package io.backflush.sim.signal;

import io.backflush.core.support.Seeds;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.longs;

/** The numbers of the CSV and JSON files: shortest, and read back bit for bit. */
class NumbersTest {
    @Test
    void whereJava17WritesMoreDigitsThanNeededTheShortestFormDoesNot() {
        for (double v : new double[] {3.9806E21, 6.082E21, 9.5E21, 8.8999E20, 1.580350797013271E17}) {
            String shortest = Numbers.shortest(v);
            assertThat(Double.parseDouble(shortest)).isEqualTo(v);
            assertThat(shortest.length()).as(shortest).isLessThan(Double.toString(v).length());
        }
        assertThat(Numbers.shortest(3.9806E21)).isEqualTo("3.9806E21");
    }

    @Test
    void theLayoutIsDoubleToStrings() {
        for (double v : new double[] {0.001, 45.0, 0.0, -0.0, 1.0010000000000001, 5.356656256036985E-4, 1.0E7, 9999999.0,
                0.10713312512022874, Double.MIN_VALUE, Double.MAX_VALUE, Double.POSITIVE_INFINITY, Double.NaN}) {
            assertThat(Numbers.shortest(v)).isEqualTo(Double.toString(v));
        }
    }

    @Test
    void everyDoubleReadsBackBitForBitAndIsNeverLongerThanDoubleToString() {
        Seeds.theory("shortest-numbers", 20_000).forAll(longs().all()).check(bits -> {
            double v = Double.longBitsToDouble(bits);
            if (Double.isNaN(v)) {
                return true;
            }
            String s = Numbers.shortest(v);
            return Double.doubleToRawLongBits(Double.parseDouble(s)) == bits
                    && s.length() <= Double.toString(v).length();
        });
        Seeds.theory("shortest-plain-numbers", 5_000).forAll(doubles().between(-1e6, 1e6)).check(v ->
                Double.parseDouble(Numbers.shortest(v)) == v);
    }
}
