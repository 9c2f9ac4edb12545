package io.backflush.core.hydraulics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class OrificeAndReliefValveTest {
    @Test
    void effectiveAreaIsTheDischargeCoefficientTimesTheBoreArea() {
        OrificeParameters exhaust = new OrificeParameters(1.5, 0.65);
        // Cd·πd²/4 by hand: 0.65 × π × (1.5e-3 m)² / 4 = 1.1486e-6 m²
        double byHand = 0.65 * Math.PI * 1.5e-3 * 1.5e-3 / 4;
        assertThat(exhaust.effectiveAreaM2()).isCloseTo(byHand, within(byHand * 1e-12));
        // and it is the area behind the water flow coefficient: k = Cd·A·sqrt(2·1e5/ρ), in ml/s
        double k = exhaust.effectiveAreaM2() * Math.sqrt(2 * 1e5 / Fluids.WATER_DENSITY_KG_PER_M3) * 1e6;
        assertThat(exhaust.waterCoefficient()).isCloseTo(k, within(k * 1e-12));
    }

    @Test
    void theReliefValveIsShutUpToItsCrackingPressureAndRelievesInProportionAbove() {
        ReliefValveParameters opv = new ReliefValveParameters(9.0, 40.0);
        assertThat(opv.flowMlPerS(0.0)).isZero();
        assertThat(opv.flowMlPerS(8.0)).isZero();
        assertThat(opv.flowMlPerS(9.0)).isZero();
        assertThat(opv.flowMlPerS(9.25)).isCloseTo(10.0, within(1e-12));
        assertThat(opv.flowMlPerS(10.0)).isCloseTo(40.0, within(1e-12));
    }
}
