package io.backflush.sim.hil.server;

import io.backflush.core.plant.Actuators;
import io.backflush.core.plant.Plant;
import io.backflush.core.plant.StateLayout;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A session's trace: one CSV row per tick (commands as sent, commands as applied after faults and
 * SSR windows, and what the plant did), and {@code #event} lines for faults, resets, snapshots,
 * the watchdog and the end of the session. Nothing in it comes from the wall clock, so a lockstep
 * run gives the same bytes at any client speed. Numbers are Java's shortest round-trip form.
 */
final class HilTrace implements Closeable {
    static final String HEADER = "seq,t_us,pump_cmd,solenoid_cmd,heater_cmd,pump,solenoid,heater,group_bar,pump_bar,"
            + "boiler_c,group_c,boiler_sensor_c,flow_ml,drip_ml,valve_energised";

    private final BufferedWriter out;
    private final StringBuilder row = new StringBuilder(256);

    HilTrace(Path path) throws IOException {
        this.out = Files.newBufferedWriter(path, StandardCharsets.UTF_8);
        out.write(HEADER);
        out.write('\n');
    }

    /** The row of the step that ended at tick {@code seq}; the commands applied are the plant's. */
    void row(long seq, long timeMicros, Actuators commanded, Plant plant) {
        Actuators applied = plant.actuators();
        StringBuilder r = row;
        r.setLength(0);
        r.append(seq).append(',').append(timeMicros).append(',')
                .append(commanded.pumpDuty()).append(',').append(commanded.solenoidEnergised() ? 1 : 0).append(',')
                .append(commanded.heaterDuty()).append(',')
                .append(applied.pumpDuty()).append(',').append(applied.solenoidEnergised() ? 1 : 0).append(',')
                .append(applied.heaterDuty()).append(',')
                .append(plant.groupPressureBar()).append(',').append(plant.pumpPressureBar()).append(',')
                .append(plant.boilerTemperatureC()).append(',').append(plant.groupTemperatureC()).append(',')
                .append(plant.boilerSensorC()).append(',')
                .append(plant.state(StateLayout.FROM_TANK_ML)).append(',')
                .append(plant.state(StateLayout.TO_DRIP_TRAY_ML)).append(',')
                .append(plant.valveEnergised() ? 1 : 0).append('\n');
        write(r);
    }

    void event(long timeMicros, String text) {
        write("#event," + timeMicros + "," + text.replace('\n', ' ') + "\n");
    }

    private void write(CharSequence s) {
        try {
            out.append(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
