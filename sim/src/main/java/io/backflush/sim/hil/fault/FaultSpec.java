package io.backflush.sim.hil.fault;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One fault to inject and when. Written as text, {@code kind key=value ...}, e.g.
 * {@code stuck target=boiler_c at=20}, {@code weak_pump factor=0.5 when=group_bar>8}; a scenario
 * file uses the same keys as a YAML map (with {@code fault: kind}). Without {@code at} or
 * {@code when} a fault fires at once.
 *
 * @param kind      what goes wrong
 * @param target    the sensor channel (sensor faults; optional for {@code clear})
 * @param value     the fault's number: offset (channel units), scale factor, noise sigma, delay ms,
 *                  intermittent period ms, clog/weak-pump factor, seat leak coefficient
 * @param duty      intermittent: fraction of each period with no data (0..1)
 * @param energised solenoid_stuck: the position it sticks in
 * @param atSeconds fire at this simulation time (NaN: no time trigger)
 * @param condition fire when this holds (null: no condition)
 * @param text      the spec as given, for the trace
 */
public record FaultSpec(FaultKind kind, Channel target, double value, double duty, boolean energised,
                        double atSeconds, Condition condition, String text) {

    private static final Set<String> KEYS = Set.of("fault", "target", "value", "sigma", "factor", "ms", "period_ms",
            "duty", "k", "state", "at", "when");

    /** A trigger condition: {@code channel op number}, with op one of {@code > >= < <=}. */
    public record Condition(Channel channel, String op, double threshold) {
        public boolean holds(double v) {
            return switch (op) {
                case ">" -> v > threshold;
                case ">=" -> v >= threshold;
                case "<" -> v < threshold;
                default -> v <= threshold;
            };
        }

        static Condition parse(String s) {
            String t = s.replace(" ", "");
            for (String op : new String[] {">=", "<=", ">", "<"}) {
                int i = t.indexOf(op);
                if (i > 0) {
                    Channel c = Channel.of(t.substring(0, i));
                    if (c == null) {
                        throw new FaultSpecException("when: unknown channel '" + t.substring(0, i) + "' (one of "
                                + Channel.names() + ")");
                    }
                    return new Condition(c, op, number("when", t.substring(i + op.length())));
                }
            }
            throw new FaultSpecException("when: expected 'channel>number' (or >=, <, <=), got '" + s + "'");
        }

        @Override
        public String toString() {
            return channel.key() + op + threshold;
        }
    }

    public boolean immediate() {
        return Double.isNaN(atSeconds) && condition == null;
    }

    /** Parses {@code kind key=value ...}. */
    public static FaultSpec parse(String text) {
        if (text == null || text.isBlank()) {
            throw new FaultSpecException("empty fault spec");
        }
        String[] tokens = text.trim().split("\\s+");
        Map<String, String> map = new LinkedHashMap<>();
        map.put("fault", tokens[0]);
        for (int i = 1; i < tokens.length; i++) {
            int eq = tokens[i].indexOf('=');
            if (eq <= 0) {
                throw new FaultSpecException("expected key=value, got '" + tokens[i] + "'");
            }
            // "when=group_bar>8" keeps its own '>' after the first '='
            map.put(tokens[i].substring(0, eq), tokens[i].substring(eq + 1));
        }
        return of(map, text.trim());
    }

    /** Builds a spec from keys and values (the scenario file's map, or the parsed text). */
    public static FaultSpec of(Map<String, String> map, String text) {
        for (String key : map.keySet()) {
            if (!KEYS.contains(key)) {
                throw new FaultSpecException("unknown key '" + key + "'");
            }
        }
        String kindName = map.get("fault");
        FaultKind kind = kindName == null ? null : FaultKind.of(kindName.toLowerCase(Locale.ROOT));
        if (kind == null) {
            throw new FaultSpecException("unknown fault '" + kindName + "' (one of " + FaultKind.names() + ")");
        }
        Channel target = null;
        if (map.containsKey("target")) {
            target = Channel.of(map.get("target"));
            if (target == null) {
                throw new FaultSpecException("unknown target '" + map.get("target") + "' (one of " + Channel.names() + ")");
            }
        } else if (kind.isSensorFault()) {
            throw new FaultSpecException(kind.key() + " needs target=CHANNEL (one of " + Channel.names() + ")");
        }
        double value = switch (kind) {
            case NOISE -> positive(map, "sigma", 0.1);
            case OFFSET -> finite(map, "value", 0.0);
            case SCALE -> finite(map, "value", 1.0);
            case DELAY -> range(map, "ms", 100, 0, 10_000);
            case INTERMITTENT -> range(map, "period_ms", 500, 1, 600_000);
            case CLOGGED_EXHAUST -> range(map, "factor", 0.1, 0, 1);
            case WEAK_PUMP -> range(map, "factor", 0.5, 0, 1);
            case LEAKING_SEAT -> range(map, "k", 2.0, 0, 100);
            default -> 0.0;
        };
        double duty = kind == FaultKind.INTERMITTENT ? range(map, "duty", 0.5, 0, 1) : 0.0;
        boolean energised = false;
        if (kind == FaultKind.SOLENOID_STUCK) {
            String state = map.getOrDefault("state", "closed");
            energised = switch (state) {
                case "open", "energised", "on" -> true;
                case "closed", "released", "off" -> false;
                default -> throw new FaultSpecException("state must be open (energised) or closed (released), got '"
                        + state + "'");
            };
        }
        double at = map.containsKey("at") ? range(map, "at", 0, 0, 1.0e9) : Double.NaN;
        Condition condition = map.containsKey("when") ? Condition.parse(map.get("when")) : null;
        return new FaultSpec(kind, target, value, duty, energised, at, condition, text);
    }

    private static double number(String key, String s) {
        try {
            double v = Double.parseDouble(s);
            if (!Double.isFinite(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new FaultSpecException(key + ": expected a number, got '" + s + "'");
        }
    }

    private static double finite(Map<String, String> map, String key, double fallback) {
        String s = map.get(key);
        return s == null ? fallback : number(key, s);
    }

    private static double positive(Map<String, String> map, String key, double fallback) {
        return range(map, key, fallback, 0, 1.0e6);
    }

    private static double range(Map<String, String> map, String key, double fallback, double min, double max) {
        double v = finite(map, key, fallback);
        if (v < min || v > max) {
            throw new FaultSpecException(key + " must be " + min + ".." + max + ", got " + v);
        }
        return v;
    }
}
