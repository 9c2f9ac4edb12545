package io.backflush.sim.sweep;

import java.io.Serializable;
import java.util.List;

/**
 * One axis of a sweep: a parameter ({@link Parameter}, possibly narrowed to one task or one phase
 * of the base strategy) and its values: a list, or a range {@code from..to} (a grid takes
 * {@code steps} evenly spaced values in it, random and Latin-hypercube designs draw from it).
 *
 * @param name      as written in the sweep file, e.g. {@code tasks[0].phases[1].cycles}; the column name
 * @param parameter the parameter it sets
 * @param task      the task it is narrowed to, or -1 for every task (strategy parameters only)
 * @param phase     the phase of that task's program, or -1 for every phase (program parameters only)
 * @param values    the listed values (Integer, Double or String), or null for a range
 * @param from      lower end of the range (ranges only)
 * @param to        upper end of the range (ranges only)
 * @param steps     grid values in the range (grid ranges only; 0 otherwise)
 */
public record Axis(String name, Parameter parameter, int task, int phase, List<Object> values, double from, double to,
                   int steps) implements Serializable {
    private static final long serialVersionUID = 1L;

    public Axis {
        values = values == null ? null : List.copyOf(values);
    }

    /** The parameters a sweep can vary. */
    public enum Parameter {
        CYCLES("cycles", Scope.PHASE, true),
        PUMP_ON_SECONDS("pumpOnSeconds", Scope.PHASE, false),
        RELEASE_SECONDS("releaseSeconds", Scope.PHASE, false),
        EVERY_DAYS("everyDays", Scope.TASK, true),
        DETERGENT_GRAMS("detergentGrams", Scope.TASK, false),
        /** Litres through the boiler between runs: the descale interval by use (every descaling task, or one task). */
        EVERY_LITRES("everyLitres", Scope.TASK, false),
        /** Citric acid put in the tank before a task's descale phases, g (every descaling task, or one). */
        ACID_GRAMS("acidGrams", Scope.TASK, false),
        SHOTS_PER_DAY("shotsPerDay", Scope.USAGE, false),
        DAYS("days", Scope.USAGE, true),
        ROAST("roast", Scope.USAGE, false),
        /** The water's total hardness, mg/L as CaCO3: with it the machine scales. */
        HARDNESS_MG_PER_L("hardnessMgPerL", Scope.USAGE, false),
        /** The water's alkalinity, mg/L as CaCO3. */
        ALKALINITY_MG_PER_L("alkalinityMgPerL", Scope.USAGE, false);

        private final String key;
        private final Scope scope;
        private final boolean integer;

        Parameter(String key, Scope scope, boolean integer) {
            this.key = key;
            this.scope = scope;
            this.integer = integer;
        }

        public String key() {
            return key;
        }

        public Scope scope() {
            return scope;
        }

        /** Whole numbers only: sampled values are rounded. */
        public boolean integer() {
            return integer;
        }

        /** Takes names (light, medium, dark), not numbers. */
        public boolean categorical() {
            return this == ROAST;
        }

        /** Un-narrowed (no {@code tasks[i].}), it sets the tasks that descale only. */
        public boolean descalingTasks() {
            return this == EVERY_LITRES || this == ACID_GRAMS;
        }

        /** Sets the water the machine is fed. */
        public boolean water() {
            return this == HARDNESS_MG_PER_L || this == ALKALINITY_MG_PER_L;
        }

        static Parameter find(String key) {
            for (Parameter p : values()) {
                if (p.key.equals(key)) {
                    return p;
                }
            }
            return null;
        }
    }

    /** What a parameter belongs to. */
    public enum Scope {
        /** A phase of a task's program. */
        PHASE,
        /** A cleaning task. */
        TASK,
        /** The usage. */
        USAGE
    }

    /** True for {@code from..to}, false for a list of values. */
    public boolean range() {
        return values == null;
    }

    /** A value of this axis's type: an Integer for whole-number parameters, else a Double. */
    Object number(double v) {
        return parameter.integer() ? (Object) (int) Math.round(v) : (Object) v;
    }

    /** The grid's values along this axis. */
    List<Object> gridValues() {
        if (!range()) {
            return values;
        }
        List<Object> v = new java.util.ArrayList<>();
        for (int k = 0; k < steps; k++) {
            v.add(number(steps == 1 ? from : from + k * (to - from) / (steps - 1)));
        }
        return v;
    }

    /** The value at {@code position} in [0, 1) along the axis (a list: its element in that share). */
    Object at(double position) {
        if (range()) {
            return number(from + position * (to - from));
        }
        return values.get(Math.min(values.size() - 1, (int) Math.floor(position * values.size())));
    }
}
