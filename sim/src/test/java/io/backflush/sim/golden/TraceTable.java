package io.backflush.sim.golden;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A trace as a table of numbers with named columns: read from a CSV (the run trace's format,
 * {@code #} lines are comments), written back compactly for a golden file.
 *
 * @param columns column names, in file order
 * @param rows    one array per data row, as long as {@code columns}
 * @param lines   the 1-based file line of each row, for failure messages
 */
record TraceTable(List<String> columns, List<double[]> rows, List<Integer> lines) {
    /** Significant digits kept in golden files: far below every tolerance, and small files. */
    static final int SIGNIFICANT_DIGITS = 7;

    static TraceTable read(Path file) throws IOException {
        List<String> columns = null;
        List<double[]> rows = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        int lineNumber = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            lineNumber++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cells = line.split(",", -1);
            if (columns == null) {
                columns = List.of(cells);
                continue;
            }
            if (cells.length != columns.size()) {
                throw new IOException(file + ":" + lineNumber + ": " + cells.length + " cells, the header has "
                        + columns.size());
            }
            double[] row = new double[cells.length];
            for (int i = 0; i < cells.length; i++) {
                try {
                    row[i] = Double.parseDouble(cells[i]);
                } catch (NumberFormatException e) {
                    throw new IOException(file + ":" + lineNumber + ": column " + columns.get(i) + ": '" + cells[i]
                            + "' is not a number", e);
                }
            }
            rows.add(row);
            lines.add(lineNumber);
        }
        if (columns == null) {
            throw new IOException(file + ": no header line");
        }
        return new TraceTable(columns, rows, lines);
    }

    int column(String name) {
        return columns.indexOf(name);
    }

    /** Writes the table with {@link #SIGNIFICANT_DIGITS} digits, after the given comment lines. */
    void write(Path file, List<String> comments) throws IOException {
        StringBuilder out = new StringBuilder();
        for (String comment : comments) {
            out.append("# ").append(comment).append('\n');
        }
        out.append(String.join(",", columns)).append('\n');
        for (double[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                if (i > 0) {
                    out.append(',');
                }
                out.append(compact(row[i]));
            }
            out.append('\n');
        }
        Files.createDirectories(file.getParent());
        Files.writeString(file, out, StandardCharsets.UTF_8);
    }

    static String compact(double v) {
        if (v == 0.0) {
            return "0";
        }
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        BigDecimal d = new BigDecimal(v).round(new MathContext(SIGNIFICANT_DIGITS)).stripTrailingZeros();
        String plain = d.toPlainString();
        String scientific = d.toString();
        return plain.length() <= scientific.length() ? plain : scientific;
    }
}
