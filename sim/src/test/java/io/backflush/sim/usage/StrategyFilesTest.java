package io.backflush.sim.usage;

import io.backflush.sim.program.Programs;
import io.backflush.sim.support.FileProblems;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.backflush.sim.support.FileProblems.assertAt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StrategyFilesTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    private StrategyFileException failure(String yaml) throws IOException {
        return FileProblems.failure(StrategyFileException.class, dir.resolve("routine.yaml"), yaml, StrategyFiles::load);
    }

    @Test
    void optionalFieldsTakeTheirDefaultsAndTheNameComesFromTheFile() throws IOException {
        Strategy strategy = StrategyFiles.load(write("sundays.yaml", """
                tasks:
                  - { everyDays: 1, program: water-5x10 }
                  - { everyDays: 7, program: detergent-5x10-rinse-5, detergentGrams: 3, replacesDaily: true }
                """));
        assertThat(strategy.name()).isEqualTo("sundays");
        assertThat(strategy.description()).isEmpty();
        assertThat(strategy.tasks()).containsExactly(
                new CleaningTask(1, Programs.find("water-5x10").orElseThrow(), 0.0, false, false),
                new CleaningTask(7, Programs.find("detergent-5x10-rinse-5").orElseThrow(), 3.0, false, true));
    }

    @Test
    void programFilesAreRelativeToTheStrategyFile() throws IOException {
        write("cleaning/short.yaml", "phases:\n  - {kind: water, cycles: 2, pumpOnSeconds: 5, releaseSeconds: 5}\n");
        Strategy strategy = StrategyFiles.load(write("cleaning/mine.yaml",
                "tasks:\n  - { everyDays: 2, program: short.yaml }\n"));
        assertThat(strategy.tasks().get(0).program().name()).isEqualTo("short");
        assertThat(strategy.tasks().get(0).program().totalCycles()).isEqualTo(2);
    }

    @Test
    void resolveTakesNamesAndPaths() throws IOException {
        assertThat(StrategyFiles.resolve("water-daily")).isSameAs(Strategies.find("water-daily").orElseThrow());
        Path file = write("mine.yaml", "description: none at all\ntasks: []\n");
        assertThat(StrategyFiles.resolve(file.toString()).description()).isEqualTo("none at all");
        assertThatThrownBy(() -> StrategyFiles.resolve("water-dialy"))
                .isInstanceOf(StrategyFileException.class)
                .hasMessageContaining("water-dialy: no such strategy or file (did you mean 'water-daily'?)")
                .hasMessageContaining("strategies: none, water-daily,");
    }

    @Test
    void anUnknownProgramSuggestsTheClosest() throws IOException {
        StrategyFileException e = failure("tasks:\n  - everyDays: 7\n    program: water-5x01\n");
        assertAt(e, "tasks[0].program", 3);
        assertThat(e.getMessage()).contains("no such program or file").contains("did you mean 'water-5x10'")
                .contains("water-5x10, detergent-5x10-rinse-5");
    }

    @Test
    void aBadProgramFileIsReportedWhereItIsNamedAndWhereItIsWrong() throws IOException {
        write("zero.yaml", "phases:\n  - kind: water\n    cycles: 0\n    pumpOnSeconds: 10\n    releaseSeconds: 10\n");
        StrategyFileException e = failure("tasks:\n  - everyDays: 1\n    program: zero.yaml\n");
        assertAt(e, "tasks[0].program", 3);
        assertThat(e.getMessage()).contains("zero.yaml:3:5: phases[0].cycles: must be between 1 and 1000, got 0");
    }

    @Test
    void withoutADirectoryOnlyBuiltInProgramsAreResolved() throws IOException {
        write("short.yaml", "phases:\n  - {kind: water, cycles: 2, pumpOnSeconds: 5, releaseSeconds: 5}\n");
        assertThatThrownBy(() -> StrategyFiles.parse("s.yaml", "tasks:\n  - {everyDays: 1, program: short.yaml}\n", null))
                .isInstanceOf(StrategyFileException.class)
                .hasMessageStartingWith("s.yaml:2:20: tasks[0].program: short.yaml: no such program (built-in names only");
        assertThat(StrategyFiles.parse("s.yaml", "tasks:\n  - {everyDays: 1, program: short.yaml}\n", dir)
                .tasks().get(0).program().name()).isEqualTo("short");
    }

    @Test
    void valuesOutOfRangeAndMissingFields() throws IOException {
        assertAt(failure("tasks:\n  - everyDays: 0\n    program: water-5x10\n"), "tasks[0].everyDays", 2);
        assertAt(failure("tasks:\n  - everyDays: 1\n    program: water-5x10\n    detergentGrams: -1\n"),
                "tasks[0].detergentGrams", 4);
        assertAt(failure("tasks:\n  - everyDays: 7\n"), "tasks[0].program", 2);
        StrategyFileException tasks = failure("tasks: null\n");
        assertAt(tasks, "tasks", 1);
        assertThat(tasks.getMessage()).contains("an empty list [] means never cleaned");
    }

    @Test
    void unknownFieldsAndEmptyEntries() throws IOException {
        StrategyFileException unknown = failure("tasks:\n  - everyDays: 1\n    program: water-5x10\n    replaceDaily: true\n");
        assertAt(unknown, "tasks[0].replaceDaily", 4);
        assertThat(unknown.getMessage()).contains("did you mean 'replacesDaily'");
        StrategyFileException empty = failure("tasks:\n  - everyDays: 1\n    program: water-5x10\n  -\n");
        assertAt(empty, "tasks[1]", 4);
        assertThat(empty.getMessage()).contains("is an empty entry: expected a task");
    }
}
