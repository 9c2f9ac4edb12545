package io.backflush.sim.program;

import io.backflush.sim.support.FileProblems;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.backflush.sim.support.FileProblems.assertAt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProgramFilesTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    private ProgramFileException failure(String yaml) throws IOException {
        return FileProblems.failure(ProgramFileException.class, dir.resolve("my-clean.yaml"), yaml, ProgramFiles::load);
    }

    private static final String TWO_PHASES = """
            name: my-clean
            phases:
              - kind: detergent
                cycles: 5
                pumpOnSeconds: 10
                releaseSeconds: 10
              - kind: rinse
                cycles: 5
                pumpOnSeconds: 10
                releaseSeconds: 10
            """;

    @Test
    void readsPhasesInOrder() throws IOException {
        BackflushProgram program = ProgramFiles.load(write("whatever.yaml", TWO_PHASES));
        assertThat(program).isEqualTo(new BackflushProgram("my-clean", List.of(
                new Phase(PhaseKind.DETERGENT, 5, 10, 10),
                new Phase(PhaseKind.RINSE, 5, 10, 10))));
        assertThat(program.phases()).isEqualTo(Programs.find("detergent-5x10-rinse-5").orElseThrow().phases());
    }

    @Test
    void nameDefaultsToTheFileName() throws IOException {
        BackflushProgram program = ProgramFiles.load(write("quick.yml", """
                phases:
                  - {kind: water, cycles: 3, pumpOnSeconds: 5, releaseSeconds: 2.5}
                """));
        assertThat(program.name()).isEqualTo("quick");
        assertThat(program.phases()).containsExactly(new Phase(PhaseKind.WATER, 3, 5, 2.5));
    }

    @Test
    void resolveTakesNamesAndPaths() throws IOException {
        assertThat(ProgramFiles.resolve("water-5x10")).isSameAs(Programs.find("water-5x10").orElseThrow());
        Path file = write("mine.yaml", TWO_PHASES);
        assertThat(ProgramFiles.resolve(file.toString()).name()).isEqualTo("my-clean");
    }

    @Test
    void unknownProgramNameListsTheValidOnes() {
        assertThatThrownBy(() -> ProgramFiles.resolve("water-5x01"))
                .isInstanceOf(ProgramFileException.class)
                .hasMessageContaining("water-5x01: no such program or file")
                .hasMessageContaining("did you mean 'water-5x10'")
                .hasMessageContaining("water-5x10, detergent-5x10-rinse-5");
    }

    @Test
    void unknownField() throws IOException {
        ProgramFileException e = failure(TWO_PHASES.replaceFirst("releaseSeconds", "releaseSecond"));
        assertAt(e, "phases[0].releaseSecond", 6);
        assertThat(e.getMessage()).contains("did you mean 'releaseSeconds'");
    }

    @Test
    void badKind() throws IOException {
        ProgramFileException e = failure(TWO_PHASES.replace("kind: rinse", "kind: soap"));
        assertAt(e, "phases[1].kind", 7);
        assertThat(e.getMessage()).contains("unknown phase 'soap'").contains("water, detergent, rinse, descale or flush");
    }

    @Test
    void zeroCycles() throws IOException {
        ProgramFileException e = failure(TWO_PHASES.replace("kind: rinse\n    cycles: 5", "kind: rinse\n    cycles: 0"));
        assertAt(e, "phases[1].cycles", 8);
        assertThat(e.getMessage()).contains("must be between 1 and 1000, got 0");
    }

    @Test
    void negativeCycles() throws IOException {
        ProgramFileException e = failure("phases:\n  - kind: water\n    cycles: -3\n    pumpOnSeconds: 10\n    releaseSeconds: 10\n");
        assertAt(e, "phases[0].cycles", 3);
        assertThat(e.getMessage()).contains("got -3");
    }

    @Test
    void fractionalCycles() throws IOException {
        ProgramFileException e = failure("phases:\n  - kind: water\n    cycles: 2.5\n    pumpOnSeconds: 10\n    releaseSeconds: 10\n");
        assertAt(e, "phases[0].cycles", 3);
        assertThat(e.getMessage()).contains("expected a whole number, got 2.5");
    }

    @Test
    void notANumber() throws IOException {
        ProgramFileException e = failure("phases:\n  - kind: water\n    cycles: 2\n    pumpOnSeconds: .NaN\n    releaseSeconds: 10\n");
        assertAt(e, "phases[0].pumpOnSeconds", 4);
        assertThat(e.getMessage()).contains("finite").contains("NaN");
    }

    @Test
    void missingField() throws IOException {
        ProgramFileException e = failure("name: x\nphases:\n  - kind: water\n    cycles: 2\n    releaseSeconds: 10\n");
        assertAt(e, "phases[0].pumpOnSeconds", 3);
        assertThat(e.getMessage()).contains("is missing");
    }

    @Test
    void missingValue() throws IOException {
        ProgramFileException e = failure("phases:\n  - kind: water\n    cycles:\n    pumpOnSeconds: 10\n    releaseSeconds: 10\n");
        assertAt(e, "phases[0].cycles", 3);
        assertThat(e.getMessage()).contains("is missing");
    }

    @Test
    void missingPhases() throws IOException {
        ProgramFileException e = failure("name: nothing\n");
        assertAt(e, "phases", 1);
        assertThat(e.getMessage()).contains("is missing");
    }

    @Test
    void emptyPhases() throws IOException {
        ProgramFileException e = failure("name: nothing\nphases: []\n");
        assertAt(e, "phases", 2);
        assertThat(e.getMessage()).contains("at least one phase");
    }

    @Test
    void emptyPhaseEntry() throws IOException {
        ProgramFileException e = failure("phases:\n  - kind: water\n    cycles: 1\n    pumpOnSeconds: 10\n    releaseSeconds: 10\n  -\n");
        assertAt(e, "phases[1]", 6);
    }

    @Test
    void phasesNotAList() throws IOException {
        ProgramFileException e = failure("phases:\n  kind: water\n");
        assertAt(e, "phases", 1);
        assertThat(e.getMessage()).contains("expected a list, got a mapping");
    }

    @Test
    void unknownTopLevelField() throws IOException {
        ProgramFileException e = failure("name: x\ndescription: y\nphases:\n  - {kind: water, cycles: 1, pumpOnSeconds: 1, releaseSeconds: 1}\n");
        assertAt(e, "description", 2);
    }

    @Test
    void malformedYamlEmptyFileAndMissingFile() throws IOException {
        assertThat(failure("phases:\n  - kind: water\n   cycles: 1\n").getMessage()).contains("malformed YAML");
        assertThat(failure("").getMessage()).contains("empty");
        Path missing = dir.resolve("absent.yaml");
        assertThatThrownBy(() -> ProgramFiles.load(missing)).isInstanceOf(ProgramFileException.class)
                .hasMessage(missing + ": file not found");
    }
}
