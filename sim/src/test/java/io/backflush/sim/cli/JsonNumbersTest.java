package io.backflush.sim.cli;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The run and compare JSON write numbers in their shortest round-trip form. */
class JsonNumbersTest {
    @Test
    void theJsonWriterWritesTheShortestFormThatReadsBack() throws Exception {
        String json = RunCommand.jsonMapper().writeValueAsString(Map.of("a", 3.9806E21, "b", 0.001, "c",
                0.30000000000000004));
        assertThat(json).contains("3.9806E21").doesNotContain("3.9806000000000003E21")
                .contains("0.001").contains("0.30000000000000004");
        Map<?, ?> back = RunCommand.jsonMapper().readValue(json, Map.class);
        assertThat(back.get("a")).isEqualTo(3.9806E21);
        assertThat(back.get("c")).isEqualTo(0.30000000000000004);
    }
}
