package io.backflush.sim.hil.raw;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The raw signals of docs/protocol.md ("Raw signals"), each expected value worked out by hand from
 * the documented transfer functions: a 0.5–4.5 V transducer for 0–12 bar into an ADS1115 at
 * ±6.144 V (counts = round(V·32768/6.144), 5333.33 counts per volt), MAX6675 quarter degrees
 * (floor) converted every 220 ms and held, mains zero crossings (2 per cycle, mod 2¹⁶), an SSR on
 * for duty × 1 s at the start of each 1 s window, and flow-meter pulses floor(ml / ml per pulse).
 */
class RawSignalsTest {

    @ParameterizedTest(name = "{0} bar reads {1} counts")
    @CsvSource({
            // 0 bar: 0.5 V × 5333.33 = 2666.67, rounded (not floored) to 2667
            "0, 2667",
            // 0.1 bar: 0.5 + 4·0.1/12 = 0.53333 V, 2844.44 → 2844
            "0.1, 2844",
            // 1 bar: 0.83333 V, 4444.44 → 4444
            "1, 4444",
            // 3 bar: 1.5 V, 8000
            "3, 8000",
            // 7.5 bar: 3.0 V, 16000
            "7.5, 16000",
            // 12 bar (full scale): 4.5 V, 24000
            "12, 24000",
            // 16.9 bar: 0.5 + 5.63333 = 6.13333 V, 32711.1 → 32711, just under the ADC's top
            "16.9, 32711",
            // 17 bar: 6.16667 V, 32888.9 → clipped at the 16-bit top, 32767
            "17, 32767",
            "100, 32767",
            // -0.5 bar: 0.33333 V, 1777.78 → 1778
            "-0.5, 1778",
            // the transducer reads no lower than -1 bar: 0.16667 V, 888.89 → 889, and so for -5 bar
            "-1, 889",
            "-5, 889",
            "-1000, 889"
    })
    void pressureCountsFollowTheTransducerAndTheAdc(double bar, int counts) {
        assertThat(RawSignals.pressureCounts(bar)).isEqualTo(counts);
    }

    @Test
    void noPressureSignalReadsZeroVolts() {
        assertThat(RawSignals.pressureCounts(Double.NaN)).isZero();
    }

    @Test
    void theThermocouplesConvertAtTimeZeroThenEvery220MsAndHoldBetween() {
        RawSignals raw = new RawSignals(50.0);
        assertThat(raw.conversionDue(0.0)).isTrue();
        // 93.0 °C × 4 = 372; 85.11 × 4 = 340.44 → 340 (floor)
        raw.sampleThermocouples(0.0, 93.0, 85.11);
        assertThat(raw.boilerQuarterC()).isEqualTo(372);
        assertThat(raw.groupQuarterC()).isEqualTo(340);

        // held until 0.22 s
        assertThat(raw.conversionDue(0.219)).isFalse();
        raw.sampleThermocouples(0.1, 95.0, 90.0);
        raw.sampleThermocouples(0.219, 95.0, 90.0);
        assertThat(raw.boilerQuarterC()).isEqualTo(372);
        assertThat(raw.groupQuarterC()).isEqualTo(340);

        // at 0.22 s the next conversion: 95 → 380, 90.2 × 4 = 360.8 → 360
        assertThat(raw.conversionDue(0.22)).isTrue();
        raw.sampleThermocouples(0.22, 95.0, 90.2);
        assertThat(raw.boilerQuarterC()).isEqualTo(380);
        assertThat(raw.groupQuarterC()).isEqualTo(360);

        // the next one is 220 ms after that conversion, not after t = 0.22 · 2 of a fixed grid: a
        // conversion late at 0.5 s puts the following one at 0.72 s
        raw.sampleThermocouples(0.5, 96.0, 91.0);
        assertThat(raw.boilerQuarterC()).isEqualTo(384);
        assertThat(raw.conversionDue(0.71)).isFalse();
        assertThat(raw.conversionDue(0.72)).isTrue();
    }

    @Test
    void aConversionIsDueWithinANanosecondOfItsTimeForRoundOffButNotEarlier() {
        RawSignals raw = new RawSignals(50.0);
        raw.sampleThermocouples(0.0, 93.0, 85.0);
        // 220 ticks of 1 ms summed in floating point land a little under 0.22
        assertThat(raw.conversionDue(0.22 - 5.0e-10)).isTrue();
        assertThat(raw.conversionDue(0.22 - 2.0e-9)).isFalse();
    }

    @ParameterizedTest(name = "{0} °C reads {1} quarter degrees")
    @CsvSource({
            "93.0, 372",
            // 93.2 × 4 = 372.8: floor, not round
            "93.2, 372",
            "93.25, 373",
            "0.0, 0",
            // below 0 °C the MAX6675 reads 0
            "-5.0, 0",
            // its 12-bit top is 1023.75 °C: 4095
            "1023.75, 4095",
            "1500.0, 4095"
    })
    void thermocoupleQuartersAreFlooredAndClampedToTheMax6675Range(double celsius, int quarters) {
        RawSignals raw = new RawSignals(50.0);
        raw.sampleThermocouples(0.0, celsius, celsius);
        assertThat(raw.boilerQuarterC()).isEqualTo(quarters);
        assertThat(raw.groupQuarterC()).isEqualTo(quarters);
    }

    @Test
    void noTemperatureReadsAsAnOpenThermocouple() {
        RawSignals raw = new RawSignals(50.0);
        raw.sampleThermocouples(0.0, Double.NaN, 85.0);
        assertThat(raw.boilerQuarterC()).isEqualTo(-32768);
        assertThat(raw.groupQuarterC()).isEqualTo(340);
    }

    @Test
    void aSnapshotOfTheConvertersRestoresTheirTimerAndHeldValuesAndAResetClearsThem() {
        RawSignals raw = new RawSignals(50.0);
        raw.sampleThermocouples(0.0, 93.0, 85.11);
        raw.sampleThermocouples(0.3, 94.0, 86.0);
        RawSignals.State saved = raw.state();
        assertThat(saved).isEqualTo(new RawSignals.State(0.3 + 0.22, 376, 344));

        raw.sampleThermocouples(0.6, 99.0, 99.0);
        assertThat(raw.boilerQuarterC()).isEqualTo(396);
        raw.restore(saved);
        assertThat(raw.boilerQuarterC()).isEqualTo(376);
        assertThat(raw.groupQuarterC()).isEqualTo(344);
        assertThat(raw.conversionDue(0.51)).isFalse();
        assertThat(raw.conversionDue(0.52)).isTrue();

        raw.reset();
        assertThat(raw.state()).isEqualTo(new RawSignals.State(0.0, 0, 0));
        assertThat(raw.conversionDue(0.0)).isTrue();
    }

    @ParameterizedTest(name = "{0} Hz, t = {1} s: {2} crossings")
    @CsvSource({
            "50, 0.0, 0",
            // the first crossing after t = 0 is at 1/(2·50) = 10 ms
            "50, 0.0099, 0",
            "50, 0.01, 1",
            "50, 1.0, 100",
            "60, 1.0, 120",
            "60, 0.5, 60",
            // mod 2^16: 65536 crossings at 50 Hz take 655.36 s
            "50, 655.35, 65535",
            "50, 655.36, 0",
            "50, 655.37, 1"
    })
    void zeroCrossingsAreTwoPerMainsCycleModulo65536(double hz, double t, int crossings) {
        assertThat(new RawSignals(hz).zeroCrossings(t)).isEqualTo(crossings);
    }

    @ParameterizedTest(name = "duty {0} at t = {1} s: on = {2}")
    @CsvSource({
            // duty 0.3: on for 0 ≤ phase < 0.3 of each 1 s window
            "0.3, 0.0, true",
            "0.3, 0.2, true",
            "0.3, 0.3, false",
            "0.3, 0.5, false",
            "0.3, 1.2, true",
            "0.3, 1.5, false",
            "0.3, 7.25, true",
            "0.0, 0.0, false",
            "0.0, 0.5, false",
            "1.0, 0.0, true",
            "1.0, 0.999, true",
            "0.5, 0.25, true",
            "0.5, 0.75, false"
    })
    void theSsrConductsForDutyTimesTheWindowAtTheStartOfEachWindow(double duty, double t, boolean on) {
        assertThat(RawSignals.ssrOn(duty, t)).isEqualTo(on);
    }

    @ParameterizedTest(name = "{0} ml at {1} ml/pulse: {2} pulses")
    @CsvSource({
            "10.0, 0.5, 20",
            "10.2, 0.5, 20",
            "0.49, 0.5, 0",
            "0.5, 0.5, 1",
            "0.0, 0.5, 0",
            "-3.0, 0.5, 0",
            "100.0, 0.25, 400"
    })
    void flowPulsesAreWholePulsesOfTheVolumeDrawn(double ml, double mlPerPulse, long pulses) {
        assertThat(RawSignals.pulses(ml, mlPerPulse)).isEqualTo(pulses);
    }

    @Test
    void aVolumeOneRoundOffShortOfAWholePulseCountsIt() {
        double ml = 0.0;
        for (int i = 0; i < 10; i++) {
            ml += 0.1; // ten draws of 0.1 ml sum to 0.9999999999999999
        }
        assertThat(ml / 0.5).isLessThan(2.0);
        assertThat(RawSignals.pulses(ml, 0.5)).isEqualTo(2);
    }
}
