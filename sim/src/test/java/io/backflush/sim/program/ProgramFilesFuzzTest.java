package io.backflush.sim.program;

import com.code_intelligence.jazzer.junit.FuzzTest;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Arbitrary bytes as a program file: the only failure allowed is a {@link ProgramFileException}
 * with a message; anything else (another exception, a hang) is a finding.
 *
 * <p>A plain build ({@code mvn verify}) runs the seed inputs in
 * {@code src/test/resources/io/backflush/sim/program/ProgramFilesFuzzTestInputs/fuzz/}. To fuzz:
 * {@code JAZZER_FUZZ=1 mvn -B -pl sim -am test -Dtest=ProgramFilesFuzzTest -Dsurefire.failIfNoSpecifiedTests=false}
 * (the duration is {@code maxDuration} below; findings land in that seed directory as crash files).
 */
class ProgramFilesFuzzTest {
    @FuzzTest(maxDuration = "60s")
    void fuzz(byte[] data) {
        try {
            BackflushProgram program = ProgramFiles.parse("fuzz.yaml", new String(data, StandardCharsets.UTF_8));
            assertThat(program.name()).isNotNull();
            assertThat(program.phases()).isNotEmpty();
        } catch (ProgramFileException e) {
            assertThat(e.getMessage()).isNotBlank();
            assertThat(e.reason()).isNotBlank();
        }
    }
}
