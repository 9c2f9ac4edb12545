package io.backflush.core.hydraulics;

import io.backflush.core.param.InvalidParameterException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class PumpModelTest {
    private static final RotaryPumpParameters ROTARY = new RotaryPumpParameters(28.0, 9.0, 200.0);

    @Test
    void aRotaryPumpHoldsItsNominalFlowUpToTheBypassThenLosesItInProportionToTheExcess() {
        PumpModel pump = PumpModel.of(ROTARY, null);
        assertThat(pump.freeFlowMlPerS()).isEqualTo(28.0);
        assertThat(pump.flowMlPerS(9.0)).isEqualTo(28.0);
        assertThat(pump.flowMlPerS(9.05)).isCloseTo(28.0 - 200.0 * 0.05, within(1e-9));
        // the bypass returns all of it 28/200 = 0.14 bar above its setting
        assertThat(pump.zeroFlowPressureBar()).isCloseTo(9.14, within(1e-12));
        assertThat(pump.flowMlPerS(pump.zeroFlowPressureBar())).isCloseTo(0.0, within(1e-9));
        assertThat(pump.flowMlPerS(12.0)).isZero();
    }

    @Test
    void aRotaryPumpIsSwitchedByARelayOnFiftyHertzMainsAndAVibratoryOneByPulseSkipping() {
        PumpModel rotary = PumpModel.of(ROTARY, null);
        assertThat(rotary.pulseSkipping()).isFalse();
        assertThat(rotary.mainsHz()).isEqualTo(50.0);
        PumpModel vibratory = PumpModel.of(new VibratoryPumpParameters(PumpCurve.ULKA_E5, 50.0, 60.0), null);
        assertThat(vibratory.pulseSkipping()).isTrue();
        assertThat(vibratory.mainsHz()).isEqualTo(60.0);
    }

    @Test
    void aVibratoryPumpScalesItsCurveByTheStrokeRateButStallsAtTheSamePressure() {
        PumpCurve curve = PumpCurve.ulkaE5();
        PumpModel at60 = PumpModel.of(new VibratoryPumpParameters(PumpCurve.ULKA_E5, 50.0, 60.0), null);
        for (double p : new double[] {0, 3, 9, 14}) {
            assertThat(at60.flowMlPerS(p)).as("at %s bar", p).isCloseTo(1.2 * curve.flowMlPerS(p), within(1e-12));
        }
        assertThat(at60.zeroFlowPressureBar()).isEqualTo(curve.stallPressureBar());
    }

    @Test
    void noPumpIsRefusedWithAClearReason() {
        assertThatThrownBy(() -> PumpModel.of(null, null))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("unknown pump type");
    }
}
