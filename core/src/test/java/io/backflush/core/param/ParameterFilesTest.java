package io.backflush.core.param;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The loader on a kind of its own: a record with one number, two built-ins and its own exception. */
class ParameterFilesTest {
    record Widget(String name, double sizeMm) {
        Widget {
            Require.positive(sizeMm, "sizeMm");
        }
    }

    static final class WidgetFileException extends ParameterFileException {
        WidgetFileException(ParameterFileException problem) {
            super(problem);
        }
    }

    private static final Map<String, Widget> BUILT_IN = Map.of("small", new Widget("small", 1), "large",
            new Widget("large", 9));

    /** Records the base directory each read was given. */
    private final List<Path> bases = new java.util.ArrayList<>();

    private final ParameterFiles<Widget> files = new ParameterFiles<>("widget", "widgets",
            name -> Optional.ofNullable(BUILT_IN.get(name)), () -> List.of("small", "large"),
            (document, defaultName, baseDir) -> {
                bases.add(baseDir);
                var tree = document.root();
                if (!tree.hasNonNull("name")) {
                    tree.put("name", defaultName);
                }
                return RecordBinder.bind(document, tree, Widget.class);
            }, WidgetFileException::new);

    @TempDir
    Path dir;

    @Test
    void resolvesABuiltInBeforeAFile() throws IOException {
        Files.writeString(dir.resolve("small"), "sizeMm: 5\n");
        assertThat(files.resolveFrom(dir, "small")).isSameAs(BUILT_IN.get("small"));
        assertThat(bases).isEmpty();
    }

    @Test
    void resolvesAFileRelativeToTheBaseDirectoryAndNamesItAfterTheFile() throws IOException {
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("sub/mine.yaml"), "sizeMm: 5\n");
        Widget widget = files.resolveFrom(dir, "sub/mine.yaml");
        assertThat(widget).isEqualTo(new Widget("mine", 5));
        assertThat(bases).containsExactly(dir.resolve("sub"));
    }

    @Test
    void aFileWithoutADirectoryIsReadAgainstTheWorkingDirectory() {
        assertThatThrownBy(() -> files.load(Path.of("absent-widget.yaml")))
                .isInstanceOf(WidgetFileException.class)
                .hasMessage("absent-widget.yaml: file not found");
    }

    @Test
    void anUnknownNameSuggestsTheClosestAndListsTheBuiltIns() {
        assertThatThrownBy(() -> files.resolveFrom(dir, "smal"))
                .isInstanceOf(WidgetFileException.class)
                .hasMessage("smal: no such widget or file (did you mean 'small'?); widgets: small, large");
        assertThatThrownBy(() -> files.resolveFrom(null, "smal.yaml"))
                .isInstanceOf(WidgetFileException.class)
                .hasMessage("smal.yaml: no such widget (built-in names only: no directory to read files from); "
                        + "widgets: small, large");
        assertThatThrownBy(() -> files.resolveFrom(dir, " "))
                .isInstanceOf(WidgetFileException.class)
                .hasMessageContaining("no such widget or file");
        assertThatThrownBy(() -> files.resolveFrom(dir, "bad\0name"))
                .isInstanceOf(WidgetFileException.class)
                .hasMessageContaining("no such widget, and not a valid file path");
        assertThat(files.unknown("larg")).isEqualTo("unknown widget 'larg' (did you mean 'large'?); expected one of small, large");
    }

    @Test
    void everyProblemComesInTheKindsExceptionWithFileLineAndField() {
        assertThatThrownBy(() -> files.parse("dir/w.yaml", "name: w\nsizeMm: -1\n", null))
                .isInstanceOf(WidgetFileException.class)
                .hasMessage("dir/w.yaml:2:1: sizeMm: must be greater than 0, got -1.0");
        assertThatThrownBy(() -> files.parse("w.yaml", "sizeMn: 1\n", null))
                .isInstanceOf(WidgetFileException.class)
                .hasMessage("w.yaml:1:1: sizeMn: unknown field 'sizeMn' (did you mean 'sizeMm'?); expected one of name, sizeMm");
        assertThatThrownBy(() -> files.parse("w.yaml", "sizeMm: [1\n", null))
                .isInstanceOf(WidgetFileException.class)
                .hasMessageStartingWith("w.yaml:2:1: malformed YAML");
    }

    @Test
    void theDefaultNameIsTheFileNameWithoutDirectoryAndExtension() {
        assertThat(files.parse("dir/my-widget.yaml", "sizeMm: 1\n", null).name()).isEqualTo("my-widget");
        assertThat(ParameterFiles.defaultName("a\\b\\c.yml")).isEqualTo("c");
        assertThat(ParameterFiles.defaultName(".hidden")).isEqualTo(".hidden");
        assertThat(ParameterFiles.defaultName("dir/")).isEqualTo("dir/");
    }

    @Test
    void closestSuggestsOnlyLikelyTypos() {
        List<String> names = List.of("freeVolumeMl", "complianceMlPerBar", "headspaceAirFraction");
        assertThat(Spelling.closest("freevolumeml", names)).contains("freeVolumeMl");
        assertThat(Spelling.closest("freeVolume", names)).contains("freeVolumeMl");
        assertThat(Spelling.closest("pressure", names)).isEmpty();
        assertThat(Spelling.didYouMean("pressure", names)).isEmpty();
    }
}
