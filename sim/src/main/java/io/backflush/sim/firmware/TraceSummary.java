package io.backflush.sim.firmware;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a session trace (the server's CSV: docs/protocol.md, "Trace") says about the boiler and the
 * faults: the boiler water's and its probe's minimum, mean and maximum over the run, and every
 * fault that fired. Columns are found by their header names.
 *
 * @param boilerWater true boiler water temperature, °C
 * @param boilerProbe the boiler probe's reading, °C
 * @param faults      faults fired, in order
 */
public record TraceSummary(Stats boilerWater, Stats boilerProbe, List<Fault> faults) {

    /** Minimum, mean, maximum and last of a column (NaN when there were no rows). */
    public record Stats(double min, double mean, double max, double last, long rows) {
    }

    /** A fault that fired at {@code atSeconds}. */
    public record Fault(double atSeconds, String spec) {
    }

    private static final String FAULT_EVENT = "fault injected: ";

    public static TraceSummary read(Path trace) throws IOException {
        Acc water = new Acc();
        Acc probe = new Acc();
        List<Fault> faults = new ArrayList<>();
        int waterCol = -1;
        int probeCol = -1;
        try (BufferedReader r = Files.newBufferedReader(trace, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("#event,")) {
                    int comma = line.indexOf(',', 7);
                    if (comma > 0 && line.startsWith(FAULT_EVENT, comma + 1)) {
                        faults.add(new Fault(Long.parseLong(line.substring(7, comma)) / 1.0e6,
                                line.substring(comma + 1 + FAULT_EVENT.length())));
                    }
                } else if (line.startsWith("seq,")) {
                    List<String> header = List.of(line.split(","));
                    waterCol = header.indexOf("boiler_c");
                    probeCol = header.indexOf("boiler_sensor_c");
                } else if (!line.startsWith("#") && !line.isEmpty()) {
                    String[] f = line.split(",");
                    if (waterCol >= 0 && waterCol < f.length) {
                        water.add(Double.parseDouble(f[waterCol]));
                    }
                    if (probeCol >= 0 && probeCol < f.length) {
                        probe.add(Double.parseDouble(f[probeCol]));
                    }
                }
            }
        }
        return new TraceSummary(water.stats(), probe.stats(), List.copyOf(faults));
    }

    private static final class Acc {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum;
        double last = Double.NaN;
        long n;

        void add(double v) {
            if (v != v) {
                return;
            }
            min = Math.min(min, v);
            max = Math.max(max, v);
            sum += v;
            last = v;
            n++;
        }

        Stats stats() {
            return n == 0 ? new Stats(Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0) : new Stats(min, sum / n, max, last, n);
        }
    }
}
