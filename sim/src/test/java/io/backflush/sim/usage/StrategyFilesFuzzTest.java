package io.backflush.sim.usage;

import com.code_intelligence.jazzer.junit.FuzzTest;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Arbitrary bytes as a strategy file: the only failure allowed is a {@link StrategyFileException}
 * with a message. A plain build runs the seeds in
 * {@code src/test/resources/io/backflush/sim/usage/StrategyFilesFuzzTestInputs/fuzz/}; to fuzz:
 * {@code JAZZER_FUZZ=1 mvn -B -pl sim -am test -Dtest=StrategyFilesFuzzTest -Dsurefire.failIfNoSpecifiedTests=false}.
 * Program references are resolved as names only (no base directory), so the fuzzer cannot make
 * the parser read arbitrary files.
 */
class StrategyFilesFuzzTest {
    @FuzzTest(maxDuration = "60s")
    void fuzz(byte[] data) {
        try {
            Strategy strategy = StrategyFiles.parse("fuzz.yaml", new String(data, StandardCharsets.UTF_8), null);
            assertThat(strategy.name()).isNotNull();
            assertThat(strategy.tasks()).isNotNull();
        } catch (StrategyFileException e) {
            assertThat(e.getMessage()).isNotBlank();
            assertThat(e.reason()).isNotBlank();
        }
    }
}
