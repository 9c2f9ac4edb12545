package io.backflush.sim.hil.server;

import io.backflush.core.plant.Actuators;
import io.backflush.core.plant.Plant;
import io.backflush.sim.signal.Numbers;
import io.backflush.sim.signal.Signal;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A session's trace: one CSV row per tick and {@code #event} lines for faults, resets, snapshots,
 * the watchdog and the end of the session. A row is the tick's protocol keys ({@code seq} and
 * {@code t_us}, as in the frames), the commands as the firmware sent them, then every plant
 * {@link Signal}, the same columns as the run trace (docs/signals.md), with the commands as the
 * plant applied them after actuator faults and SSR windows. Nothing in it comes from the wall
 * clock, so a lockstep run gives the same bytes at any client speed. Numbers are Java's shortest
 * round-trip form.
 */
final class HilTrace implements Closeable {
    static final String HEADER = "seq,t_us,firmware_pump_duty,firmware_solenoid_command,firmware_heater_duty,"
            + Signal.csvHeader();

    private final BufferedWriter out;
    private final StringBuilder row = new StringBuilder(512);
    private final long maxChars;
    private long written;
    private boolean full;

    /** A trace that stops, with an {@code #event} line saying so, before it would pass {@code maxBytes} (about: characters are counted). */
    HilTrace(Path path, long maxBytes) throws IOException {
        this.out = Files.newBufferedWriter(path, StandardCharsets.UTF_8);
        this.maxChars = maxBytes;
        out.write(HEADER);
        out.write('\n');
        written = HEADER.length() + 1;
    }

    /** Whether the trace has stopped at its size limit. */
    boolean full() {
        return full;
    }

    /** The row of the step that ended at tick {@code seq}; time runs from the plant's reset. */
    void row(long seq, long timeMicros, Actuators commanded, Plant plant) {
        StringBuilder r = row;
        r.setLength(0);
        r.append(seq).append(',').append(timeMicros).append(',')
                .append(Numbers.shortest(commanded.pumpDuty())).append(',')
                .append(commanded.solenoidEnergised() ? 1 : 0).append(',')
                .append(Numbers.shortest(commanded.heaterDuty())).append(',');
        Signal.appendCsv(r, plant, 0.0);
        r.append('\n');
        write(r, timeMicros);
    }

    void event(long timeMicros, String text) {
        write("#event," + timeMicros + "," + text.replace('\n', ' ') + "\n", timeMicros);
    }

    private void write(CharSequence s, long timeMicros) {
        if (full) {
            return;
        }
        try {
            if (written + s.length() + STOP_LINE_CHARS > maxChars) {
                full = true;
                out.append("#event,").append(Long.toString(timeMicros)).append(",trace stopped: its limit of ")
                        .append(Long.toString(maxChars)).append(" bytes is reached (serve --trace-max-mb)\n");
                return;
            }
            out.append(s);
            written += s.length();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Room kept for the line that says the trace stopped. */
    private static final int STOP_LINE_CHARS = 100;

    @Override
    public void close() throws IOException {
        out.close();
    }
}
