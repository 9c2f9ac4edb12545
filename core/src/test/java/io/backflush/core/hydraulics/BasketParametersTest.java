package io.backflush.core.hydraulics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class BasketParametersTest {
    @Test
    void theBuiltInBasketsHaveTheirDocumentedResistances() {
        assertThat(BasketParameters.blind().resistanceBarS2PerMl2()).isEqualTo(Double.POSITIVE_INFINITY);
        // P = R·Q²: a typical puck holds 9 bar at 2 ml/s; the bare screen about 0.5 bar at 10 ml/s
        BasketParameters puck = BasketParameters.Puck.typical();
        assertThat(puck.resistanceBarS2PerMl2() * 2 * 2).isCloseTo(9.0, within(1e-12));
        BasketParameters screen = BasketParameters.Open.screenOnly();
        assertThat(screen.resistanceBarS2PerMl2() * 10 * 10).isCloseTo(0.5, within(1e-12));
    }
}
