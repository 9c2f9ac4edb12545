package io.backflush.sim.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Checks, before any simulation starts, that every file or directory a command is asked to write
 * can be written: the nearest existing directory must be a directory (not a file), and a probe file
 * must be creatable in it (so {@code /proc}, a read-only mount or a missing permission fail now,
 * even as root, instead of after a long run). The probe is removed at once; nothing is created.
 */
final class OutputPaths {
    private OutputPaths() {
    }

    /** A file to be written: its directory must exist and take new files; the file must not be a directory. */
    static void checkFile(String flag, Path file) {
        Path abs = file.toAbsolutePath().normalize();
        if (Files.isDirectory(abs)) {
            throw new UserInputException(flag + " " + file + ": is a directory, not a file");
        }
        Path parent = abs.getParent();
        if (parent == null) {
            throw new UserInputException(flag + " " + file + ": not a file path");
        }
        if (!Files.isDirectory(parent)) {
            Path existing = nearestExisting(parent);
            if (existing != null && !Files.isDirectory(existing)) {
                throw new UserInputException(flag + " " + file + ": " + existing + " is a file, not a directory");
            }
            throw new UserInputException(flag + " " + file + ": directory " + parent + " does not exist");
        }
        probe(flag, file, parent);
    }

    /** A directory to be written into (created if missing, with its missing parents). */
    static void checkDirectory(String flag, Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        if (Files.exists(abs) && !Files.isDirectory(abs)) {
            throw new UserInputException(flag + " " + dir + ": is a file, not a directory");
        }
        Path existing = nearestExisting(abs);
        if (existing == null) {
            throw new UserInputException(flag + " " + dir + ": no existing directory above it");
        }
        if (!Files.isDirectory(existing)) {
            throw new UserInputException(flag + " " + dir + ": cannot create it, " + existing + " is a file, not a directory");
        }
        probe(flag, dir, existing);
    }

    private static Path nearestExisting(Path abs) {
        Path p = abs;
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        return p;
    }

    /** Creates and deletes a hidden file in {@code dir}, to learn whether files can be written there. */
    private static void probe(String flag, Path asked, Path dir) {
        Path probe = dir.resolve(".backflush-probe-" + ProcessHandle.current().pid() + "-" + Long.toHexString(System.nanoTime()));
        try {
            Files.write(probe, new byte[0], StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UserInputException(flag + " " + asked + ": cannot write in " + dir + " (" + reason(e) + ")");
        } finally {
            try {
                Files.deleteIfExists(probe);
            } catch (IOException ignored) {
                // it could not be created, or it is gone
            }
        }
    }

    /** A short reason for a failed file operation, in words. */
    static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m.replace('\n', ' ');
    }
}
