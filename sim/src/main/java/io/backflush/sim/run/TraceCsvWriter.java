package io.backflush.sim.run;

import io.backflush.core.plant.Plant;
import io.backflush.core.plant.StateLayout;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes the run's trace as CSV, one row per tick (or every {@code every} ticks), time counted
 * from the start of the run. Numbers are
 * written in Java's shortest round-trip form, so identical runs give byte-identical files. The
 * file appears only when the run completes ({@link #commit()}): rows go to a temporary file in
 * the same directory that is moved into place atomically, so a failed run leaves no half-written
 * trace.
 */
public final class TraceCsvWriter implements TickObserver, Closeable {
    /** Column names with units. */
    public static final String HEADER = "time_s,group_bar,pump_bar,puck_bar,group_inflow_ml_per_s,pump_flow_ml_per_s,"
            + "relief_flow_ml_per_s,exhaust_water_ml_per_s,exhaust_air_atm_ml_per_s,cup_flow_ml_per_s,"
            + "group_water_ml,trapped_air_atm_ml,solenoid_command,valve_energised,pump_duty,heater_duty,"
            + "boiler_c,group_metal_c,boiler_sensor_c,group_sensor_c,drip_tray_ml";

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
        this.target = target.toAbsolutePath();
        Path dir = this.target.getParent();
        this.temporary = Files.createTempFile(dir, "." + this.target.getFileName(), ".part");
        this.out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8);
        this.every = Math.max(1, every);
        out.write(HEADER);
        out.write('\n');
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
        r.append(plant.timeSeconds() - originSeconds).append(',')
                .append(plant.groupPressureBar()).append(',')
                .append(plant.pumpPressureBar()).append(',')
                .append(plant.puckPressureBar()).append(',')
                .append(plant.groupInflowMlPerS()).append(',')
                .append(plant.pumpFlowMlPerS()).append(',')
                .append(plant.reliefFlowMlPerS()).append(',')
                .append(plant.exhaustWaterFlowMlPerS()).append(',')
                .append(plant.exhaustAirFlowAtmMlPerS()).append(',')
                .append(plant.cupFlowMlPerS()).append(',')
                .append(plant.groupWaterMl()).append(',')
                .append(plant.trappedAirAtmMl()).append(',')
                .append(plant.actuators().solenoidEnergised() ? 1 : 0).append(',')
                .append(plant.valveEnergised() ? 1 : 0).append(',')
                .append(plant.actuators().pumpDuty()).append(',')
                .append(plant.actuators().heaterDuty()).append(',')
                .append(plant.boilerTemperatureC()).append(',')
                .append(plant.groupTemperatureC()).append(',')
                .append(plant.boilerSensorC()).append(',')
                .append(plant.groupSensorC()).append(',')
                .append(plant.state(StateLayout.TO_DRIP_TRAY_ML)).append('\n');
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

    /** Discards the trace unless it was committed. */
    @Override
    public void close() throws IOException {
        if (!committed) {
            out.close();
            Files.deleteIfExists(temporary);
        }
    }
}
