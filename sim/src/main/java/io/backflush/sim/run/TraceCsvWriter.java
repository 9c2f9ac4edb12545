package io.backflush.sim.run;

import io.backflush.core.plant.Plant;
import io.backflush.sim.signal.Signal;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.function.UnaryOperator;

/**
 * Writes the run's trace as CSV, one row per tick (or every {@code every} ticks): every plant
 * {@link Signal} (docs/signals.md), time counted from the start of the run. Numbers are
 * written in Java's shortest round-trip form, so identical runs give byte-identical files. The
 * file appears only when the run completes ({@link #commit()}): rows go to a temporary file in
 * the same directory that is moved into place atomically, so a failed run leaves no half-written
 * trace.
 */
public final class TraceCsvWriter implements TickObserver, Closeable {
    /** Column names with units: every {@link Signal}, in order (docs/signals.md). */
    public static final String HEADER = Signal.csvHeader();

    private final Path target;
    private final Path temporary;
    private final BufferedWriter out;
    private final int every;
    private final StringBuilder row = new StringBuilder(256);
    private long tick;
    /** Plant time when the run started: rows give time from there, as the cycle reports do. */
    private double originSeconds;
    private boolean committed;

    public TraceCsvWriter(Path target, int every) throws IOException {
        this(target, every, UnaryOperator.identity());
    }

    /** As above, the file's bytes going through {@code wrap} (tests put a failing stream there: a full disk). */
    TraceCsvWriter(Path target, int every, UnaryOperator<OutputStream> wrap) throws IOException {
        this.target = target.toAbsolutePath();
        // a plain new file (not createTempFile's owner-only one), so the trace has the usual permissions
        this.temporary = this.target.resolveSibling("." + this.target.getFileName() + "."
                + Long.toHexString(System.nanoTime()) + ".part");
        OutputStream file = Files.newOutputStream(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        this.out = new BufferedWriter(new OutputStreamWriter(wrap.apply(file), StandardCharsets.UTF_8), 1 << 16);
        this.every = Math.max(1, every);
        try {
            out.write(HEADER);
            out.write('\n');
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    @Override
    public void afterStep(double stepStartSeconds, Plant plant) {
        if (tick == 0) {
            originSeconds = stepStartSeconds;
        }
        if (tick++ % every != 0) {
            return;
        }
        StringBuilder r = row;
        r.setLength(0);
        Signal.appendCsv(r, plant, originSeconds);
        r.append('\n');
        try {
            out.append(r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Flushes and moves the finished trace into place. */
    public void commit() throws IOException {
        out.close();
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        committed = true;
    }

    /** Discards the trace unless it was committed: the temporary file is removed even when closing it fails. */
    @Override
    public void close() throws IOException {
        if (!committed) {
            try {
                out.close();
            } catch (IOException ignored) {
                // the write that failed has been reported; the file goes anyway
            } finally {
                Files.deleteIfExists(temporary);
            }
        }
    }
}
