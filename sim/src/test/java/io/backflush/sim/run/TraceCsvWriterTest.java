package io.backflush.sim.run;

import io.backflush.core.machine.Machine;
import io.backflush.core.machine.Presets;
import io.backflush.core.hydraulics.BasketParameters;
import io.backflush.core.plant.Plant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A trace whose disk fills up leaves nothing behind, not even its temporary file. */
class TraceCsvWriterTest {
    /** A disk that is full after {@code capacity} bytes. */
    static OutputStream fullAfter(OutputStream out, long capacity) {
        return new FilterOutputStream(out) {
            long used;

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (used + len > capacity) {
                    throw new IOException("No space left on device");
                }
                used += len;
                out.write(b, off, len);
            }

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }
        };
    }

    @Test
    void aFullDiskDuringTheRunLeavesNoPartialFile(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("trace.csv");
        Plant plant = new Plant(Machine.of(Presets.singleBoiler()), BasketParameters.blind());
        try (TraceCsvWriter w = new TraceCsvWriter(target, 1, out -> fullAfter(out, 200_000))) {
            assertThatThrownBy(() -> {
                for (int i = 0; i < 10_000; i++) {
                    plant.step(0.001);
                    w.afterStep(i * 0.001, plant);
                }
            }).isInstanceOf(UncheckedIOException.class).hasMessageContaining("No space left");
        }
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void aFullDiskAtTheLastFlushLeavesNoPartialFile(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("trace.csv");
        Plant plant = new Plant(Machine.of(Presets.singleBoiler()), BasketParameters.blind());
        try (TraceCsvWriter w = new TraceCsvWriter(target, 1, out -> fullAfter(out, 100))) {
            plant.step(0.001);
            w.afterStep(0.0, plant);
            assertThatThrownBy(w::commit).hasMessageContaining("No space left");
        }
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).isEmpty();
        }
    }
}
