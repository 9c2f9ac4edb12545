package io.backflush.core.machine;

import com.code_intelligence.jazzer.junit.FuzzTest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Arbitrary bytes as a machine file: the only failure allowed is a {@link MachineFileException}
 * with a message; anything else (another exception, a hang) is a finding.
 *
 * <p>A plain build ({@code mvn verify}) runs the seed inputs in
 * {@code src/test/resources/io/backflush/core/machine/MachineFilesFuzzTestInputs/fuzz/}. To fuzz:
 * {@code JAZZER_FUZZ=1 mvn -B -pl core -am test -Dtest=MachineFilesFuzzTest -Dsurefire.failIfNoSpecifiedTests=false}
 * (the duration is {@code maxDuration} below; findings land in that seed directory as crash files).
 */
class MachineFilesFuzzTest {
    private static Path directory;

    private static synchronized Path directory() {
        if (directory == null) {
            try {
                directory = Files.createTempDirectory("machine-files-fuzz");
                directory.toFile().deleteOnExit();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return directory;
    }

    @FuzzTest(maxDuration = "60s")
    void fuzz(byte[] data) throws IOException {
        // Through the text entry point, as decoded UTF-8.
        check(() -> MachineFiles.parse("fuzz.yaml", new String(data, StandardCharsets.UTF_8), directory()));
        // Through a real file, raw bytes (invalid UTF-8, byte-order marks, size checks).
        Path file = directory().resolve("fuzz.yaml");
        Files.write(file, data);
        check(() -> MachineFiles.load(file));
    }

    private static void check(java.util.function.Supplier<Machine> load) {
        try {
            Machine machine = load.get();
            assertThat(machine).isNotNull();
            assertThat(machine.name()).isNotNull();
        } catch (MachineFileException e) {
            assertThat(e.getMessage()).isNotBlank();
            assertThat(e.reason()).isNotBlank();
        }
    }
}
