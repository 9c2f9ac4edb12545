package io.backflush.core.hydraulics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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
}
