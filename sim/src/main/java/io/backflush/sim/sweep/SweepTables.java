package io.backflush.sim.sweep;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.backflush.sim.signal.Numbers;
import io.backflush.sim.usage.Figure;
import io.backflush.sim.usage.ScaleFigure;
import io.backflush.sim.usage.Spread;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A sweep's result as files for pandas and friends: {@code points.csv} (one row per point: its
 * index, one column per axis, {@code pareto}, then each figure's mean as {@code NAME} and its
 * {@code NAME_sd}, {@code NAME_ci95_low} and {@code NAME_ci95_high}, empty for one seed, the
 * scale figures likewise when the machines scale, and {@code seeds}) and {@code points.json} (the {@link SweepResult}; {@code pandas.json_normalize}
 * of its {@code points} flattens it to the same columns, dotted).
 */
public final class SweepTables {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SweepTables() {
    }

    /** One row per point. */
    public static byte[] csv(SweepResult r) {
        StringBuilder w = new StringBuilder("index");
        for (String axis : r.axes()) {
            w.append(',').append(axis);
        }
        w.append(",pareto");
        for (Figure f : Figure.values()) {
            spreadColumns(w, f.column());
        }
        List<ScaleFigure> scale = scaleFigures(r);
        for (ScaleFigure f : scale) {
            spreadColumns(w, f.column());
        }
        w.append(",seeds\n");
        for (SweepPoint p : r.points()) {
            w.append(p.index());
            for (String axis : r.axes()) {
                w.append(',').append(p.parameters().get(axis));
            }
            w.append(',').append(p.pareto());
            for (Figure f : Figure.values()) {
                spreadCells(w, p.figure(f));
            }
            for (ScaleFigure f : scale) {
                spreadCells(w, p.figure(f));
            }
            w.append(',').append(r.seeds().size()).append('\n');
        }
        return w.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** {@code NAME,NAME_sd,NAME_ci95_low,NAME_ci95_high}, after a comma. */
    private static void spreadColumns(StringBuilder w, String column) {
        w.append(',').append(column).append(',').append(column).append("_sd,").append(column)
                .append("_ci95_low,").append(column).append("_ci95_high");
    }

    private static void spreadCells(StringBuilder w, Spread s) {
        w.append(',').append(Numbers.shortest(s.mean())).append(',').append(cell(s.sd())).append(',')
                .append(cell(s.ci95Low())).append(',').append(cell(s.ci95High()));
    }

    /** The scale figures the points carry (all or none: every point of a sweep scales, or none does). */
    static List<ScaleFigure> scaleFigures(SweepResult r) {
        return r.points().isEmpty() ? List.of() : java.util.Arrays.stream(ScaleFigure.values())
                .filter(f -> r.points().get(0).figure(f) != null).toList();
    }

    /** The whole result as JSON. */
    public static byte[] json(SweepResult r) {
        try {
            return (JSON.writeValueAsString(r) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String cell(Double v) {
        return v == null ? "" : Numbers.shortest(v);
    }
}
