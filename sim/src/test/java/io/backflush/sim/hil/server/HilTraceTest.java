package io.backflush.sim.hil.server;

import io.backflush.core.hydraulics.BasketParameters;
import io.backflush.core.machine.Machine;
import io.backflush.core.machine.Presets;
import io.backflush.core.plant.Actuators;
import io.backflush.core.plant.InitialConditions;
import io.backflush.core.plant.Plant;
import io.backflush.sim.signal.Signal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HilTraceTest {
    /** The HIL trace is the dictionary's HIL columns, then the run trace's columns; rows fill them all. */
    @Test
    void theHilTraceHasTheDictionarysColumnsAndTheRunTracesAfterThem(@TempDir Path dir) throws Exception {
        List<String> lines = Files.readAllLines(Path.of("..", "docs", "signals.md"));
        List<String> hilColumns = new ArrayList<>();
        int i = lines.indexOf("## The HIL trace");
        assertThat(i).isNotNegative();
        while (!lines.get(i).startsWith("|---")) {
            i++;
        }
        for (i++; lines.get(i).startsWith("|"); i++) {
            hilColumns.add(lines.get(i).split("\\|")[1].strip().replace("`", ""));
        }
        assertThat(HilTrace.HEADER).isEqualTo(String.join(",", hilColumns) + "," + Signal.csvHeader());

        Plant plant = new Plant(Machine.of(Presets.singleBoiler()), BasketParameters.blind(), InitialConditions.hotAndDry());
        plant.actuators().pumpDuty(0.5).heaterDuty(1);
        plant.step(0.001);
        Actuators sent = new Actuators().pumpDuty(1).solenoidEnergised(true).heaterDuty(0.25);
        Path file = dir.resolve("t.csv");
        try (HilTrace trace = new HilTrace(file, Long.MAX_VALUE)) {
            trace.row(1, 1000, sent, plant);
        }
        List<String> csv = Files.readAllLines(file);
        List<String> header = List.of(csv.get(0).split(","));
        String[] row = csv.get(1).split(",");
        assertThat(row).hasSize(header.size());
        assertThat(row[header.indexOf("firmware_pump_duty")]).isEqualTo("1.0");
        assertThat(row[header.indexOf("firmware_solenoid_command")]).isEqualTo("1");
        assertThat(row[header.indexOf("pump_duty")]).isEqualTo("0.5");
        assertThat(row[header.indexOf("solenoid_command")]).isEqualTo("0");
        assertThat(row[header.indexOf("time_s")]).isEqualTo("0.001");
    }

    /**
     * A trace stops before it would pass its limit, keeping room for the line that says so
     * (docs/protocol.md, "Trace": {@code --trace-max-mb}); event text stays on one line.
     */
    @Test
    void theTraceStopsAtItsLimitWithOneLineSayingSo(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("t.csv");
        String first = "#event,0,a b\n"; // 13 characters, the text's newline made a space
        long limit = HilTrace.HEADER.length() + 1 + first.length() + 100; // exactly room for it and the stop line
        try (HilTrace trace = new HilTrace(file, limit)) {
            trace.event(0, "a\nb");
            assertThat(trace.full()).isFalse();
            trace.event(5, "abc");
            assertThat(trace.full()).isTrue();
            trace.event(6, "def");
        }
        assertThat(Files.readString(file)).isEqualTo(HilTrace.HEADER + "\n" + first
                + "#event,5,trace stopped: its limit of " + limit + " bytes is reached (serve --trace-max-mb)\n");
    }
}
