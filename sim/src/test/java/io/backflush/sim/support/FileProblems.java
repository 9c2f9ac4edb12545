package io.backflush.sim.support;

import io.backflush.core.param.ParameterFileException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/** What the parameter-file tests ask of a refused file: the right exception, located. */
public final class FileProblems {
    private FileProblems() {
    }

    /**
     * Writes {@code yaml} to {@code file}, loads it and returns the problem, whose message must
     * start with the file.
     */
    public static <E extends ParameterFileException> E failure(Class<E> type, Path file, String yaml,
                                                               Consumer<Path> load) throws IOException {
        Files.writeString(file, yaml);
        try {
            load.accept(file);
        } catch (ParameterFileException e) {
            assertThat(e).isInstanceOf(type);
            assertThat(e.getMessage()).startsWith(file.toString());
            return type.cast(e);
        }
        throw new AssertionError("expected a " + type.getSimpleName() + " for\n" + yaml);
    }

    /** The problem is at that field, on that line, and its message says so. */
    public static void assertAt(ParameterFileException e, String path, int line) {
        assertThat(e.fieldPath()).isEqualTo(path);
        assertThat(e.line()).isEqualTo(line);
        assertThat(e.getMessage()).contains(path).contains(":" + line + ":");
    }
}
