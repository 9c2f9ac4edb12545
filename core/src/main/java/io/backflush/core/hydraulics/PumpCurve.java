package io.backflush.core.hydraulics;

import io.backflush.core.param.InvalidParameterException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A measured pump characteristic: flow delivered against outlet gauge pressure, interpolated
 * linearly between points. Below the first point the first segment is extended to 0 bar; above
 * the last point the last segment is extended down to zero flow, which defines the
 * <em>stall pressure</em>. A pump never delivers negative flow (vibratory pumps have an internal
 * check valve).
 *
 * <p>CSV format: lines starting with {@code #} are comments; the first other line is a header
 * whose second column names the flow unit ({@code flow_ml_per_min} or {@code flow_ml_per_s});
 * then one {@code pressure_barg,flow} pair a line, pressures strictly increasing.
 */
public final class PumpCurve {
    /** Name of the built-in Ulka E5 table. */
    public static final String ULKA_E5 = "ulka-e5";

    private final String source;
    private final double[] pressureBar;
    private final double[] flowMlPerS;
    private final double stallPressureBar;

    public PumpCurve(String source, double[] pressureBar, double[] flowMlPerS) {
        if (pressureBar.length != flowMlPerS.length) {
            throw new InvalidParameterException("curve", "pressure and flow columns differ in length");
        }
        if (pressureBar.length < 2) {
            throw new InvalidParameterException("curve", "needs at least 2 points, got " + pressureBar.length);
        }
        for (int i = 0; i < pressureBar.length; i++) {
            if (!Double.isFinite(pressureBar[i]) || !Double.isFinite(flowMlPerS[i])) {
                throw new InvalidParameterException("curve", "point " + (i + 1) + " is not a finite number");
            }
            if (pressureBar[i] < 0 || flowMlPerS[i] < 0) {
                throw new InvalidParameterException("curve", "point " + (i + 1) + " is negative");
            }
            if (i > 0 && pressureBar[i] <= pressureBar[i - 1]) {
                throw new InvalidParameterException("curve",
                        "pressures must increase strictly; point " + (i + 1) + " (" + pressureBar[i]
                                + " bar) does not");
            }
            if (i > 0 && flowMlPerS[i] > flowMlPerS[i - 1]) {
                throw new InvalidParameterException("curve",
                        "flow must not rise with pressure; point " + (i + 1) + " does");
            }
        }
        this.source = source;
        this.pressureBar = pressureBar.clone();
        this.flowMlPerS = flowMlPerS.clone();
        int n = pressureBar.length;
        double lastFlow = flowMlPerS[n - 1];
        if (lastFlow == 0) {
            int first = n - 1;
            while (first > 0 && flowMlPerS[first - 1] == 0) {
                first--;
            }
            stallPressureBar = pressureBar[first];
        } else {
            double slope = (flowMlPerS[n - 1] - flowMlPerS[n - 2]) / (pressureBar[n - 1] - pressureBar[n - 2]);
            if (slope >= 0) {
                throw new InvalidParameterException("curve",
                        "the last two points must fall so that the curve reaches zero flow (a stall pressure)");
            }
            stallPressureBar = pressureBar[n - 1] - lastFlow / slope;
        }
        if (flowMlPerS[0] <= 0) {
            throw new InvalidParameterException("curve", "the pump delivers no flow at its first point");
        }
    }

    /** Where the curve came from: a built-in name or a file path. */
    public String source() {
        return source;
    }

    /** Outlet gauge pressure at which the flow reaches zero, bar. */
    public double stallPressureBar() {
        return stallPressureBar;
    }

    /** Flow at 0 bar, ml/s. */
    public double freeFlowMlPerS() {
        return flowMlPerS(0.0);
    }

    /** Flow delivered against the given outlet gauge pressure, ml/s. */
    public double flowMlPerS(double outletBar) {
        if (outletBar >= stallPressureBar) {
            return 0.0;
        }
        int n = pressureBar.length;
        int i;
        if (outletBar <= pressureBar[0]) {
            i = 0;
        } else if (outletBar >= pressureBar[n - 1]) {
            i = n - 2;
        } else {
            int k = Arrays.binarySearch(pressureBar, outletBar);
            i = k >= 0 ? Math.min(k, n - 2) : -k - 2;
        }
        double p0 = pressureBar[i];
        double p1 = pressureBar[i + 1];
        double q = flowMlPerS[i] + (flowMlPerS[i + 1] - flowMlPerS[i]) * (Math.max(outletBar, 0.0) - p0) / (p1 - p0);
        return Math.max(q, 0.0);
    }

    /** Number of measured points. */
    public int size() {
        return pressureBar.length;
    }

    /** The built-in Ulka E5 curve (DIYCoffeeGuy/data, 53 measured points). */
    public static PumpCurve ulkaE5() {
        try (InputStream in = PumpCurve.class.getResourceAsStream("ulka-e5-pump-curve.csv")) {
            if (in == null) {
                throw new IllegalStateException("built-in resource ulka-e5-pump-curve.csv is missing from the jar");
            }
            return parse(ULKA_E5, new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Resolves a curve reference: the built-in name {@value #ULKA_E5}, or a CSV file path,
     * relative paths resolved against {@code baseDirectory}.
     */
    public static PumpCurve resolve(String reference, Path baseDirectory) {
        if (ULKA_E5.equals(reference)) {
            return ulkaE5();
        }
        Path path = baseDirectory == null ? Path.of(reference) : baseDirectory.resolve(reference);
        if (!Files.isRegularFile(path)) {
            throw new InvalidParameterException("curve",
                    "'" + reference + "' is neither the built-in '" + ULKA_E5 + "' nor a readable file (" + path + ")");
        }
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            return parse(path.toString(), reader);
        } catch (IOException e) {
            throw new InvalidParameterException("curve", "cannot read " + path + ": " + e.getMessage());
        }
    }

    /** Parses the CSV format described in the class documentation. */
    public static PumpCurve parse(String source, Reader reader) throws IOException {
        BufferedReader in = new BufferedReader(reader);
        List<double[]> points = new ArrayList<>();
        double toMlPerS = Double.NaN;
        String line;
        int lineNumber = 0;
        while ((line = in.readLine()) != null) {
            lineNumber++;
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String[] cells = trimmed.split(",");
            if (Double.isNaN(toMlPerS)) {
                if (cells.length != 2) {
                    throw new InvalidParameterException("curve",
                            source + " line " + lineNumber + ": expected a header 'pressure_barg,flow_ml_per_min'");
                }
                String unit = cells[1].strip();
                if (unit.equals("flow_ml_per_min")) {
                    toMlPerS = 1.0 / 60.0;
                } else if (unit.equals("flow_ml_per_s")) {
                    toMlPerS = 1.0;
                } else {
                    throw new InvalidParameterException("curve", source + " line " + lineNumber
                            + ": the flow column must be 'flow_ml_per_min' or 'flow_ml_per_s', got '" + unit + "'");
                }
                continue;
            }
            if (cells.length != 2) {
                throw new InvalidParameterException("curve",
                        source + " line " + lineNumber + ": expected 2 columns, got " + cells.length);
            }
            try {
                points.add(new double[] {Double.parseDouble(cells[0].strip()),
                        Double.parseDouble(cells[1].strip()) * toMlPerS});
            } catch (NumberFormatException e) {
                throw new InvalidParameterException("curve",
                        source + " line " + lineNumber + ": not a number: '" + trimmed + "'");
            }
        }
        double[] p = new double[points.size()];
        double[] q = new double[points.size()];
        for (int i = 0; i < p.length; i++) {
            p[i] = points.get(i)[0];
            q[i] = points.get(i)[1];
        }
        try {
            return new PumpCurve(source, p, q);
        } catch (InvalidParameterException e) {
            throw new InvalidParameterException("curve", source + ": " + e.reason());
        }
    }
}
