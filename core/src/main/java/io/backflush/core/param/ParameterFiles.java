package io.backflush.core.param;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The one loader of a kind of parameter file (machines, programs, strategies): it resolves a name
 * as a built-in or else as a file, reads and parses the YAML with the place of every field
 * ({@link YamlDocument}), hands the document to the kind's {@link Reader} (which maps it to the
 * record, usually with {@link RecordBinder}) and reports every problem as
 * {@code file:line:column: field.path: reason} in the kind's own exception type.
 *
 * @param <T> what a file describes
 */
public final class ParameterFiles<T> {
    /** Turns one parsed file into its value. */
    @FunctionalInterface
    public interface Reader<T> {
        /**
         * @param document    the file, parsed
         * @param defaultName the file's name without directory and extension
         * @param baseDir     the directory that paths inside the file are relative to; null only
         *                    from {@link #parse}, where the kind says what it means
         * @throws ParameterFileException for what it refuses ({@link YamlDocument#error} locates it)
         */
        T read(YamlDocument document, String defaultName, Path baseDir);
    }

    private final String noun;
    private final String pluralNoun;
    private final Function<String, Optional<T>> builtIn;
    private final Supplier<? extends Collection<String>> builtInNames;
    private final Reader<T> reader;
    private final Function<ParameterFileException, ? extends ParameterFileException> problem;

    /**
     * @param noun         what a built-in is called in messages, e.g. "preset"
     * @param pluralNoun   the same in the plural, e.g. "presets"
     * @param builtIn      the built-in of a name, if there is one
     * @param builtInNames the built-ins' names, in the order to list them
     * @param reader       reads one file
     * @param problem      copies a problem into the kind's exception type
     */
    public ParameterFiles(String noun, String pluralNoun, Function<String, Optional<T>> builtIn,
                          Supplier<? extends Collection<String>> builtInNames, Reader<T> reader,
                          Function<ParameterFileException, ? extends ParameterFileException> problem) {
        this.noun = Objects.requireNonNull(noun, "noun");
        this.pluralNoun = Objects.requireNonNull(pluralNoun, "pluralNoun");
        this.builtIn = Objects.requireNonNull(builtIn, "builtIn");
        this.builtInNames = Objects.requireNonNull(builtInNames, "builtInNames");
        this.reader = Objects.requireNonNull(reader, "reader");
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    /**
     * A built-in by name, or else the file at that path (relative to the working directory), as
     * named on the command line.
     */
    public T resolve(String nameOrPath) {
        return resolveFrom(Path.of(""), nameOrPath);
    }

    /**
     * A built-in by name, or else the file at that path relative to {@code baseDir}, as named
     * inside another file.
     *
     * @param baseDir the directory a relative path is resolved against; null: built-ins only
     */
    public T resolveFrom(Path baseDir, String nameOrPath) {
        Objects.requireNonNull(nameOrPath, "nameOrPath");
        Optional<T> named = builtIn.apply(nameOrPath);
        if (named.isPresent()) {
            return named.get();
        }
        if (baseDir == null) {
            throw notFound(nameOrPath, "no such " + noun + " (built-in names only: no directory to read files from)");
        }
        if (nameOrPath.isBlank()) {
            throw notFound(nameOrPath, "no such " + noun + " or file");
        }
        Path file;
        try {
            file = baseDir.resolve(nameOrPath);
        } catch (InvalidPathException e) {
            throw notFound(nameOrPath, "no such " + noun + ", and not a valid file path");
        }
        if (!Files.exists(file)) {
            throw notFound(nameOrPath, "no such " + noun + " or file");
        }
        return load(file);
    }

    /** Reads a file; paths inside it are relative to its directory. */
    public T load(Path file) {
        Objects.requireNonNull(file, "file");
        Path name = file.getFileName();
        Path directory = file.getParent();
        return read(() -> YamlDocument.read(file), defaultName(name == null ? file.toString() : name.toString()),
                directory == null ? Path.of("") : directory);
    }

    /**
     * Reads file text.
     *
     * @param source  the name used in messages and, without directory and extension, as the
     *                default name
     * @param baseDir the directory paths inside the text are relative to, or null (the kind's
     *                reader says what that means)
     */
    public T parse(String source, String text, Path baseDir) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(text, "text");
        return read(() -> YamlDocument.parse(source, text), defaultName(source), baseDir);
    }

    /** "unknown preset 'x' (did you mean 'y'?); expected one of a, b, c", for a name in a file. */
    public String unknown(String name) {
        return "unknown " + noun + " '" + name + "'" + Spelling.didYouMean(name, builtInNames.get())
                + "; expected one of " + names();
    }

    /** The built-ins' names, comma-separated. */
    public String names() {
        return String.join(", ", builtInNames.get());
    }

    /** A file's name without directory and extension: the default name of what it describes. */
    static String defaultName(String source) {
        String name = source;
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        name = name.substring(slash + 1);
        int dot = name.lastIndexOf('.');
        if (dot > 0) {
            name = name.substring(0, dot);
        }
        return name.isEmpty() ? source : name;
    }

    private T read(Supplier<YamlDocument> document, String defaultName, Path baseDir) {
        try {
            return reader.read(document.get(), defaultName, baseDir);
        } catch (ParameterFileException e) {
            throw problem.apply(e);
        }
    }

    private RuntimeException notFound(String name, String reason) {
        return problem.apply(new ParameterFileException(name, "", 0, 0,
                reason + Spelling.didYouMean(name, builtInNames.get()) + "; " + pluralNoun + ": " + names(), null));
    }
}
