package io.backflush.sim.firmware;

import com.code_intelligence.jazzer.junit.FuzzTest;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Arbitrary bytes as a {@code firmware run --scenario} file: the only failure allowed is a
 * {@link FirmwareInputException} with a message, and every press that parses is one the kit can
 * take. A plain build runs the seeds in
 * {@code src/test/resources/io/backflush/sim/firmware/FirmwareScenarioFuzzTestInputs/fuzz/}; to fuzz:
 * {@code JAZZER_FUZZ=1 mvn -B -pl sim -am test -Dtest=FirmwareScenarioFuzzTest -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class FirmwareScenarioFuzzTest {
    @FuzzTest(maxDuration = "60s")
    void fuzz(byte[] data) {
        try {
            FirmwareScenario s = FirmwareScenario.parse("fuzz.yaml", new String(data, StandardCharsets.UTF_8));
            for (FirmwareScenario.Press p : s.presses()) {
                assertThat(p.argument()).matches("[a-z0-9_]{1,32}:[0-9.E+-]+:[0-9.E+-]+");
                assertThat(p.atSeconds()).isBetween(0.0, 1.0e6);
                assertThat(p.forSeconds()).isPositive();
            }
        } catch (FirmwareInputException e) {
            assertThat(e.getMessage()).startsWith("fuzz.yaml");
        }
    }
}
