package io.backflush.sim.firmware;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FirmwareScenarioTest {
    @Test
    void readsPressesAndFaultsFromOneFile() {
        FirmwareScenario s = FirmwareScenario.parse("s.yaml", String.join("\n",
                "presses:",
                "  - { button: clean, at: 1.0 }",
                "  - { button: steam, at: 5, for: 30 }",
                "faults:",
                "  - { fault: stuck, target: boiler_c, at: 20 }",
                ""));
        assertThat(s.presses()).containsExactly(new FirmwareScenario.Press("clean", 1.0, 0.2),
                new FirmwareScenario.Press("steam", 5.0, 30.0));
        assertThat(s.presses().get(1).argument()).isEqualTo("steam:5.0:30.0");
        assertThat(s.faults()).hasSize(1);
        assertThat(s.faults().get(0).text()).isEqualTo("stuck target=boiler_c at=20");
    }

    @Test
    void pressesAloneOrFaultsAloneAreEnough() {
        assertThat(FirmwareScenario.parse("a", "presses:\n  - { button: brew, at: 0 }\n").faults()).isEmpty();
        assertThat(FirmwareScenario.parse("b", "faults:\n  - { fault: weak_pump }\n").presses()).isEmpty();
    }

    @Test
    void mistakesNameTheFileAndTheEntry() {
        assertThatThrownBy(() -> FirmwareScenario.parse("s.yaml", "presses: [\n"))
                .hasMessageStartingWith("s.yaml: not valid YAML: ");
        assertThatThrownBy(() -> FirmwareScenario.parse("s.yaml", "pressed: []\n"))
                .hasMessage("s.yaml: expected a 'presses:' list, a 'faults:' list, or both");
        assertThatThrownBy(() -> FirmwareScenario.parse("s.yaml", "presses: []\nfault: []\n"))
                .hasMessage("s.yaml: unknown key 'fault' (expected presses, faults)");
        assertThatThrownBy(() -> FirmwareScenario.parse("s.yaml", "presses:\n  - { button: brew }\n"))
                .hasMessage("s.yaml: presses[1]: missing 'at'");
        assertThatThrownBy(() -> FirmwareScenario.parse("s.yaml", "presses:\n  - { button: brew, at: 1 }\n  - { button: Brew!, at: 1 }\n"))
                .hasMessage("s.yaml: presses[2].button: expected a button name from the pin map (a-z, 0-9, _)");
        assertThatThrownBy(() -> FirmwareScenario.parse("s.yaml", "presses:\n  - { button: brew, at: soon }\n"))
                .hasMessage("s.yaml: presses[1].at: expected a number of seconds, got 'soon'");
        assertThatThrownBy(() -> FirmwareScenario.parse("s.yaml", "presses:\n  - { button: brew, at: 1, for: 0 }\n"))
                .hasMessage("s.yaml: presses[1].for: expected seconds above 0 and at most 1e6");
        assertThatThrownBy(() -> FirmwareScenario.parse("s.yaml", "presses:\n  - { button: brew, at: 1, hold: 2 }\n"))
                .hasMessage("s.yaml: presses[1]: unknown key 'hold' (expected button, at, for)");
        assertThatThrownBy(() -> FirmwareScenario.parse("s.yaml", "faults:\n  - { fault: melt }\n"))
                .hasMessageStartingWith("s.yaml: faults[1]: ");
    }
}
