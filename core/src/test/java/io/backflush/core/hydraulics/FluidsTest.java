package io.backflush.core.hydraulics;

import io.backflush.core.support.Seeds;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.quicktheories.generators.SourceDSL.doubles;

class FluidsTest {
    @Test
    void orificeCoefficientFollowsTheSquareRootLaw() {
        double k = Fluids.waterOrificeCoefficient(1.3, 0.65);
        // Cd·A·sqrt(2Δp/ρ) at 9 bar, by hand: 0.65 · π(0.65e-3)² · sqrt(2·9e5/963) m³/s
        double byHand = 0.65 * Math.PI * 0.65e-3 * 0.65e-3 * Math.sqrt(2 * 9e5 / 963.0) * 1e6;
        assertThat(Fluids.smoothSqrtFlow(k, 9.0)).isCloseTo(byHand, within(byHand * 1e-6));
    }

    @Test
    void smoothingIsLinearNearZeroOddAndItsSlopeMatchesFiniteDifferences() {
        double k = 10;
        assertThat(Fluids.smoothSqrtFlow(k, -2.0)).isEqualTo(-Fluids.smoothSqrtFlow(k, 2.0));
        double e = Fluids.ORIFICE_SMOOTHING_BAR;
        assertThat(Fluids.smoothSqrtFlow(k, 1e-6)).isCloseTo(k * 1e-6 / Math.sqrt(e), within(1e-9));
        for (double x : new double[] {-3, -0.01, -1e-4, 0, 1e-4, 0.002, 0.5, 9}) {
            double h = 1e-7;
            double fd = (Fluids.smoothSqrtFlow(k, x + h) - Fluids.smoothSqrtFlow(k, x - h)) / (2 * h);
            assertThat(Fluids.smoothSqrtFlowSlope(k, x)).as("slope at %s", x).isCloseTo(fd, within(Math.abs(fd) * 1e-4 + 1e-6));
        }
    }

    @Test
    void seriesOrificesAddTheirPressureDrops() {
        double k1 = 5;
        double k2 = 12;
        double k = Fluids.seriesCoefficient(k1, k2);
        double q = 4.0;
        double drop = (q / k1) * (q / k1) + (q / k2) * (q / k2);
        assertThat(k * Math.sqrt(drop)).isCloseTo(q, within(1e-12));
    }

    /**
     * The shared-root forms (a caller taking the flow and its slope at one pressure difference)
     * give the law as it is written, bit for bit: k·x/sqrt(sqrt(x² + e²)) and
     * k·(x²/2 + e²)/(s²·sqrt(s)), s = sqrt(x² + e²), restated here, from below the smoothing
     * width to tens of bar, both signs.
     */
    @Test
    void theSharedRootFormsGiveTheLawAsWrittenBitForBit() {
        double e = Fluids.ORIFICE_SMOOTHING_BAR;
        Seeds.theory("Fluids shared root", 2000).forAll(doubles().between(-8.0, 1.5), doubles().between(-1.0, 1.0),
                doubles().between(0.1, 40.0)).checkAssert((decade, sign, k) -> {
                    double x = Math.copySign(Math.pow(10.0, decade), sign);
                    double s = Math.sqrt(x * x + e * e);
                    double flow = k * x / Math.sqrt(s);
                    double x2 = x * x;
                    double s2 = x2 + e * e;
                    double slope = k * (0.5 * x2 + e * e) / (s2 * Math.sqrt(Math.sqrt(s2)));
                    double root = Fluids.smoothingRoot(x);
                    assertThat(Fluids.smoothSqrtFlow(k, x, root)).as("flow at %s", x).isEqualTo(flow);
                    assertThat(Fluids.smoothSqrtFlowSlope(k, x, root)).as("slope at %s", x).isEqualTo(slope);
                    assertThat(Fluids.smoothSqrtFlow(k, x)).isEqualTo(flow);
                    assertThat(Fluids.smoothSqrtFlowSlope(k, x)).isEqualTo(slope);
                });
    }
}
