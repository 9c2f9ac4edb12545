package io.backflush.core.hydraulics;

import io.backflush.core.param.InvalidParameterException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class PumpCurveTest {
    @Test
    void ulkaE5MatchesTheReferenceKeyPoints() {
        PumpCurve curve = PumpCurve.ulkaE5();
        assertThat(curve.size()).isEqualTo(53);
        // espresso-model-data.md: 10.7 ml/s at 0 bar; 5.0 at 8; 4.4 at 9; 3.7 at 10; 0 at ~15 bar
        assertThat(curve.freeFlowMlPerS()).isCloseTo(10.7, within(0.15));
        assertThat(curve.flowMlPerS(8.0)).isCloseTo(5.0, within(0.1));
        assertThat(curve.flowMlPerS(9.0)).isCloseTo(4.4, within(0.1));
        assertThat(curve.flowMlPerS(10.0)).isCloseTo(3.7, within(0.1));
        assertThat(curve.stallPressureBar()).isCloseTo(15.0, within(0.05));
        assertThat(curve.flowMlPerS(15.5)).isZero();
    }

    @Test
    void interpolatesBetweenPointsAndNeverRisesWithPressure() {
        PumpCurve curve = PumpCurve.ulkaE5();
        double previous = Double.POSITIVE_INFINITY;
        for (double p = -1; p < 16; p += 0.01) {
            double q = curve.flowMlPerS(p);
            assertThat(q).isLessThanOrEqualTo(previous + 1e-12).isGreaterThanOrEqualTo(0);
            previous = q;
        }
        // 0.137 bar -> 641.51 ml/min, 0.376 -> 630.94: midpoint is the mean
        assertThat(curve.flowMlPerS((0.137 + 0.376) / 2)).isCloseTo((641.51 + 630.94) / 2 / 60, within(1e-9));
    }

    @Test
    void parsesBothFlowUnitsAndReportsBadLines() throws IOException {
        PumpCurve perSecond = PumpCurve.parse("t", new StringReader("# c\npressure_barg,flow_ml_per_s\n0,10\n10,0\n"));
        assertThat(perSecond.flowMlPerS(5)).isCloseTo(5, within(1e-12));
        assertThat(perSecond.stallPressureBar()).isEqualTo(10);
        assertThatThrownBy(() -> PumpCurve.parse("f.csv", new StringReader("pressure_barg,flow_ml_per_min\n0,600\n1,x\n")))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("f.csv line 3");
        assertThatThrownBy(() -> PumpCurve.parse("f.csv", new StringReader("pressure_barg,flow_l_per_h\n0,600\n")))
                .hasMessageContaining("flow_ml_per_min");
        assertThatThrownBy(() -> PumpCurve.parse("f.csv", new StringReader("pressure_barg,flow_ml_per_s\n0,5\n0,4\n")))
                .hasMessageContaining("increase strictly");
        assertThatThrownBy(() -> PumpCurve.parse("f.csv", new StringReader("pressure_barg,flow_ml_per_s\n0,5\n1,6\n")))
                .hasMessageContaining("must not rise");
        assertThatThrownBy(() -> PumpCurve.parse("f.csv", new StringReader("pressure_barg,flow_ml_per_s\n0,5\n")))
                .hasMessageContaining("at least 2 points");
    }
}
