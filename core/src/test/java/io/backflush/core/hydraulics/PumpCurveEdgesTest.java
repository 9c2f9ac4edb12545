package io.backflush.core.hydraulics;

import io.backflush.core.param.InvalidParameterException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The edges of a pump curve: where it stalls, what it refuses, and the file format's corners. */
class PumpCurveEdgesTest {
    private static PumpCurve curve(double[] pressureBar, double[] flowMlPerS) {
        return new PumpCurve("test", pressureBar, flowMlPerS);
    }

    private static PumpCurve parse(String csv) throws IOException {
        return PumpCurve.parse("t.csv", new StringReader(csv));
    }

    @Test
    void aCurveEndingAboveZeroStallsWhereItsLastSegmentReachesZero() {
        // 10 ml/s at 0 bar falling to 5 at 10 bar: 0.5 ml/s per bar, so zero at 20 bar
        PumpCurve c = curve(new double[] {0, 10}, new double[] {10, 5});
        assertThat(c.stallPressureBar()).isCloseTo(20.0, within(1e-12));
        assertThat(c.flowMlPerS(15.0)).isCloseTo(2.5, within(1e-12));
        assertThat(c.flowMlPerS(19.99)).isPositive();
    }

    @Test
    void aCurveWithTrailingZerosStallsAtItsFirstZeroPoint() {
        PumpCurve c = curve(new double[] {0, 5, 8, 12}, new double[] {10, 4, 0, 0});
        assertThat(c.stallPressureBar()).isEqualTo(8.0);
        assertThat(c.flowMlPerS(7.999)).isPositive();
        assertThat(c.flowMlPerS(8.0)).isZero();
        assertThat(c.flowMlPerS(10.0)).isZero();
    }

    @Test
    void flowIsExactlyZeroAtTheStallPressure() {
        // The extrapolated stall pressure is where the last segment's line crosses zero; evaluating
        // the line there can leave a round-off residue of either sign. A pump at its stall
        // pressure delivers nothing, exactly, for any curve.
        Random random = new Random(1);
        for (int n = 0; n < 200; n++) {
            double p1 = 1 + random.nextInt(100) / 10.0;
            double p2 = p1 + 0.1 + random.nextInt(100) / 10.0;
            double q1 = 1 + random.nextInt(200) / 10.0;
            double q2 = (1 + random.nextInt((int) (q1 * 10) - 1)) / 10.0;
            PumpCurve c = curve(new double[] {0, p1, p2}, new double[] {q1 + 1, q1, q2});
            assertThat(c.flowMlPerS(c.stallPressureBar()))
                    .as("curve (0, %s) (%s, %s) (%s, %s) at its stall %s bar", q1 + 1, p1, q1, p2, q2, c.stallPressureBar())
                    .isZero();
            assertThat(c.flowMlPerS(c.stallPressureBar() + 1.0)).isZero();
        }
    }

    @Test
    void atAMeasuredPointTheCurveGivesThatPointsFlow() {
        PumpCurve c = curve(new double[] {0, 5, 10}, new double[] {10, 6, 1});
        assertThat(c.flowMlPerS(5.0)).isEqualTo(6.0);
        assertThat(c.flowMlPerS(10.0)).isEqualTo(1.0);
        assertThat(c.flowMlPerS(0.0)).isEqualTo(10.0);
    }

    @Test
    void belowTheFirstPointTheFirstSegmentIsExtendedToZeroBarAndHeldBelowIt() {
        PumpCurve c = curve(new double[] {1, 3, 10}, new double[] {8, 6, 1});
        assertThat(c.flowMlPerS(0.0)).isCloseTo(9.0, within(1e-12));
        assertThat(c.freeFlowMlPerS()).isCloseTo(9.0, within(1e-12));
        assertThat(c.flowMlPerS(-2.0)).isCloseTo(9.0, within(1e-12)); // suction is not more flow
    }

    @Test
    void aFlatSegmentIsAcceptedButALastFlatSegmentAboveZeroIsNot() {
        PumpCurve flat = curve(new double[] {0, 4, 8}, new double[] {10, 10, 0});
        assertThat(flat.flowMlPerS(2.0)).isEqualTo(10.0);
        assertThat(flat.stallPressureBar()).isEqualTo(8.0);
        assertThatThrownBy(() -> curve(new double[] {0, 4, 8}, new double[] {10, 5, 5}))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("the last two points must fall");
    }

    @Test
    void everyMalformedCurveIsRefusedWithItsReasonAndPoint() {
        assertRefused(new double[] {0, 1, 2}, new double[] {5, 4}, "differ in length");
        assertRefused(new double[] {0}, new double[] {5}, "at least 2 points, got 1");
        assertRefused(new double[] {0, Double.NaN}, new double[] {5, 4}, "point 2 is not a finite number");
        assertRefused(new double[] {0, 1}, new double[] {5, Double.POSITIVE_INFINITY}, "point 2 is not a finite number");
        assertRefused(new double[] {-1, 1}, new double[] {5, 4}, "point 1 is negative");
        assertRefused(new double[] {0, 1, 2}, new double[] {5, 4, -1}, "point 3 is negative");
        assertRefused(new double[] {0, 2, 1}, new double[] {5, 4, 3}, "point 3 (1.0 bar) does not");
        assertRefused(new double[] {0, 1, 2}, new double[] {5, 4, 4.5}, "point 3 does");
        // all zero: a "pump" that delivers nothing; its stall search must not run off the table
        assertRefused(new double[] {0, 1}, new double[] {0, 0}, "delivers no flow at its first point");
    }

    private static void assertRefused(double[] pressureBar, double[] flowMlPerS, String reason) {
        assertThatThrownBy(() -> curve(pressureBar, flowMlPerS))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining(reason);
    }

    @Test
    void blankLinesAndCommentsAnywhereAreSkipped() throws IOException {
        PumpCurve c = parse("\n# measured\n\npressure_barg,flow_ml_per_min\n  \n0,600\n# mid\n\n10,0\n\n");
        assertThat(c.size()).isEqualTo(2);
        assertThat(c.flowMlPerS(5.0)).isCloseTo(5.0, within(1e-12));
    }

    @Test
    void aHeaderOrARowWithTheWrongNumberOfColumnsIsRefusedWithItsLine() {
        assertThatThrownBy(() -> parse("pressure_barg,flow_ml_per_s,comment\n0,10\n10,0\n"))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("t.csv line 1: expected a header");
        assertThatThrownBy(() -> parse("pressure_barg,flow_ml_per_s\n0,10\n10,0,3\n"))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("t.csv line 3: expected 2 columns, got 3");
    }

    @Test
    void resolvesAFileByAbsolutePathWithoutABaseDirectoryAndNamesItsSource(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("pump.csv");
        Files.writeString(file, "pressure_barg,flow_ml_per_s\n0,8\n12,0\n");
        PumpCurve c = PumpCurve.resolve(file.toString(), null);
        assertThat(c.stallPressureBar()).isEqualTo(12.0);
        assertThat(c.source()).isEqualTo(file.toString());
        PumpCurve relative = PumpCurve.resolve("pump.csv", dir);
        assertThat(relative.freeFlowMlPerS()).isEqualTo(8.0);
        assertThat(PumpCurve.resolve(PumpCurve.ULKA_E5, dir).source()).isEqualTo(PumpCurve.ULKA_E5);
    }

    @Test
    void aMissingCurveFileIsNamedAsNeitherBuiltInNorReadable(@TempDir Path dir) {
        assertThatThrownBy(() -> PumpCurve.resolve("nope.csv", dir))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("'nope.csv' is neither the built-in 'ulka-e5' nor a readable file");
    }
}
