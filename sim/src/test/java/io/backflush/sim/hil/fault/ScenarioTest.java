package io.backflush.sim.hil.fault;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Scenario files (docs/protocol.md, "Faults"): a YAML {@code faults:} list with the spec's keys. */
class ScenarioTest {

    @Test
    void theDocumentsExampleLoadsAsTwoSpecsWithTheirTriggers(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, """
                faults:
                  - fault: stuck
                    target: boiler_c
                    at: 30              # simulation seconds
                  - fault: weak_pump
                    factor: 0.5
                    when: group_bar > 8 # a condition on the true readings
                """);
        List<FaultSpec> specs = Scenario.load(file);
        assertThat(specs).hasSize(2);
        FaultSpec stuck = specs.get(0);
        assertThat(stuck.kind()).isEqualTo(FaultKind.STUCK);
        assertThat(stuck.target()).isEqualTo(Channel.BOILER_C);
        assertThat(stuck.atSeconds()).isEqualTo(30.0);
        assertThat(stuck.text()).isEqualTo("stuck target=boiler_c at=30");
        FaultSpec weak = specs.get(1);
        assertThat(weak.kind()).isEqualTo(FaultKind.WEAK_PUMP);
        assertThat(weak.value()).isEqualTo(0.5);
        assertThat(weak.condition()).isEqualTo(new FaultSpec.Condition(Channel.GROUP_BAR, ">", 8.0));
        // the trace's text: the spec as one would type it, spaces taken out of values
        assertThat(weak.text()).isEqualTo("weak_pump factor=0.5 when=group_bar>8");
    }

    @Test
    void anEntryWithoutAFaultKeyIsNamedByItsPosition() {
        assertThatThrownBy(() -> Scenario.parse("s.yaml", "faults:\n  - fault: empty_tank\n  - target: flow\n"))
                .isInstanceOf(FaultSpecException.class)
                .hasMessageStartingWith("s.yaml: faults[2]: unknown fault 'null' (one of ");
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "faults:\\n  - fault: stuck\\n | s.yaml: faults[1]: stuck needs target=CHANNEL (one of group_bar, line_bar, boiler_c, group_c, flow, tank_ml, drip_ml)",
            "faults:\\n  - fault: empty_tank\\n  - fault: weak_pump\\n    factor: 3\\n | s.yaml: faults[2]: factor must be 0.0..1.0, got 3.0",
            "faults:\\n  - stuck\\n | s.yaml: faults[1]: expected a map",
            "faults:\\n  - fault: stuck\\n    target: [boiler_c]\\n | s.yaml: faults[1].target: expected a scalar",
            "faults: stuck\\n | s.yaml: expected a 'faults:' list",
            "faults:\\n | s.yaml: expected a 'faults:' list",
            "- fault: stuck\\n | s.yaml: expected a 'faults:' list",
            "other: 1\\n | s.yaml: expected a 'faults:' list",
            "'' | s.yaml: expected a 'faults:' list"
    })
    void aBadScenarioIsRefusedNamingTheFileAndTheEntry(String yaml, String message) {
        assertThatThrownBy(() -> Scenario.parse("s.yaml", yaml.replace("\\n", "\n")))
                .isInstanceOf(FaultSpecException.class).hasMessage(message);
    }

    @Test
    void notYamlIsOneLineNamingTheSource() {
        assertThatThrownBy(() -> Scenario.parse("bad.yaml", "faults: [\n  - : :\n"))
                .isInstanceOf(FaultSpecException.class)
                .hasMessageStartingWith("bad.yaml: not valid YAML: ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void anEmptyListIsNoFaults() {
        assertThat(Scenario.parse("s.yaml", "faults: []\n")).isEmpty();
    }

    @Test
    void aFileOverOneMegabyteIsRefusedUnread(@TempDir Path dir) throws Exception {
        Path big = dir.resolve("big.yaml");
        Files.writeString(big, "faults: []\n#" + "x".repeat(1_000_000));
        assertThatThrownBy(() -> Scenario.load(big)).isInstanceOf(FaultSpecException.class)
                .hasMessage(big + ": scenario file over 1 MB");
        Path justUnder = dir.resolve("ok.yaml");
        String head = "faults: []\n#";
        Files.writeString(justUnder, head + "x".repeat(1_000_000 - head.length()));
        assertThat(Files.size(justUnder)).isEqualTo(1_000_000);
        assertThat(Scenario.load(justUnder)).isEmpty();
    }
}
