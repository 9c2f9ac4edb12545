package io.backflush.sim.show;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** All or none: a write that fails half-way removes its files and the directories it created. */
class ShowFilesTest {
    @Test
    void aFailureHalfWayRemovesTheFilesAndTheDirectoriesItCreatedButNotOthers(@TempDir Path dir) throws IOException {
        Path theirs = Files.createDirectory(dir.resolve("theirs"));
        Files.writeString(theirs.resolve("keep.txt"), "mine");
        Path blocker = Files.writeString(dir.resolve("blocker"), "x");
        Map<Path, byte[]> files = new LinkedHashMap<>();
        files.put(dir.resolve("new/charts/a.png"), new byte[] {1, 2, 3});
        files.put(theirs.resolve("b.svg"), new byte[] {4});
        files.put(blocker.resolve("c.png"), new byte[] {5});
        assertThatThrownBy(() -> ShowFiles.write(files)).isInstanceOf(IOException.class);
        try (Stream<Path> all = Files.walk(dir)) {
            assertThat(all.map(p -> dir.relativize(p).toString()).sorted())
                    .containsExactly("", "blocker", "theirs", "theirs/keep.txt");
        }
    }

    @Test
    void aCompleteWriteCreatesTheDirectoriesAndEveryFile(@TempDir Path dir) throws IOException {
        ShowFiles.write(Map.of(dir.resolve("a/b/c.png"), new byte[] {7}));
        assertThat(Files.readAllBytes(dir.resolve("a/b/c.png"))).containsExactly(7);
        try (Stream<Path> all = Files.list(dir.resolve("a/b"))) {
            assertThat(all).hasSize(1);
        }
    }
}
