package io.backflush.sim.golden;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Compares a trace with its golden file column by column, looking columns up by name, each with
 * an absolute and a relative tolerance: a value passes when |actual − expected| ≤ abs + rel·|expected|.
 * The tolerances are chosen by the column's unit suffix (docs/testing.md tabulates them), so a new
 * column gets one without an edit here; {@link #TOLERANCES_BY_NAME} overrides a suffix.
 */
final class TraceComparison {
    private TraceComparison() {
    }

    record Tolerance(double absolute, double relative) {
        double of(double expected) {
            return absolute + relative * Math.abs(expected);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s + %s %%", absolute, 100 * relative);
        }
    }

    /**
     * Golden column name → the trace's name for it. Empty while the names agree; when trace columns
     * are renamed (e.g. into one signal vocabulary), map each old name here and the golden files
     * keep working until they are regenerated with the new names.
     */
    static final Map<String, String> COLUMN_ALIASES = Map.of();

    /** Exact tolerances by golden column name, where the suffix rule does not fit. */
    static final Map<String, Tolerance> TOLERANCES_BY_NAME = Map.of(
            // the row key: rows are the same ticks
            "time_s", new Tolerance(1.0e-6, 0.0),
            // the headspace air vents at ~2500 atm-ml/s within tens of ms
            "exhaust_air_atm_ml_per_s", new Tolerance(1.0, 0.01));

    /** Tolerance of a column by its unit suffix; commands and states (no unit) must match exactly. */
    static Tolerance tolerance(String goldenColumn) {
        Tolerance named = TOLERANCES_BY_NAME.get(goldenColumn);
        if (named != null) {
            return named;
        }
        if (goldenColumn.endsWith("_bar")) {
            return new Tolerance(0.005, 0.001);
        }
        if (goldenColumn.endsWith("_ml_per_s")) {
            return new Tolerance(0.02, 0.005);
        }
        if (goldenColumn.endsWith("_ml")) {
            return new Tolerance(0.02, 0.001);
        }
        if (goldenColumn.endsWith("_c")) {
            return new Tolerance(0.01, 0.0);
        }
        if (goldenColumn.endsWith("_mg") || goldenColumn.endsWith("_mg_per_ml")) {
            return new Tolerance(0.001, 0.005);
        }
        if (goldenColumn.endsWith("_fraction")) {
            // a fraction of a step (the pump's running share): the stored file keeps 7 digits
            return new Tolerance(1.0e-6, 0.0);
        }
        return new Tolerance(0.0, 0.0);
    }

    /** Failures with file, column, row, time, expected, actual and tolerance; empty when the trace matches. */
    static List<String> compare(String file, TraceTable golden, TraceTable actual) {
        List<String> failures = new ArrayList<>();
        if (golden.rows().size() != actual.rows().size()) {
            failures.add(String.format(Locale.ROOT, "%s: %d rows in the golden file, %d in the trace", file,
                    golden.rows().size(), actual.rows().size()));
            return failures;
        }
        int goldenTime = golden.column("time_s");
        for (int g = 0; g < golden.columns().size(); g++) {
            String name = golden.columns().get(g);
            String actualName = COLUMN_ALIASES.getOrDefault(name, name);
            int a = actual.column(actualName);
            if (a < 0) {
                failures.add(file + ": column " + name + (actualName.equals(name) ? "" : " (as " + actualName + ")")
                        + " is not in the trace: renamed? map it in TraceComparison.COLUMN_ALIASES or regenerate");
                continue;
            }
            Tolerance tolerance = tolerance(name);
            int bad = 0;
            String first = null;
            for (int r = 0; r < golden.rows().size(); r++) {
                double expected = golden.rows().get(r)[g];
                double got = actual.rows().get(r)[a];
                if (!(Math.abs(got - expected) <= tolerance.of(expected))) {
                    if (first == null) {
                        double t = goldenTime >= 0 ? golden.rows().get(r)[goldenTime] : Double.NaN;
                        first = String.format(Locale.ROOT,
                                "%s: column %s, line %d (row %d, t = %s s): expected %s, actual %s, tolerance %s = %.3g",
                                file, name, golden.lines().get(r), r + 1, t, expected, got, tolerance,
                                tolerance.of(expected));
                    }
                    bad++;
                }
            }
            if (first != null) {
                failures.add(first + (bad > 1 ? " (and " + (bad - 1) + " more rows in this column)" : ""));
            }
        }
        return failures;
    }
}
