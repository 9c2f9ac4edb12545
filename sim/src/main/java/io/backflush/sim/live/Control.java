package io.backflush.sim.live;

import io.backflush.core.machine.Presets;

import java.util.Locale;

/**
 * One control message from the page, checked before it reaches a session: a name and a value
 * ({@code pump=on}, {@code detergent=3}, {@code step=0.1}). {@link #parse} refuses anything
 * malformed or out of range with one line saying what and where, so a bad message changes nothing.
 *
 * @param name   the control
 * @param text   the value as sent (for switches and choices)
 * @param number the value as a number (for doses, days and steps), NaN otherwise
 */
public record Control(String name, String text, double number) {
    /** Largest detergent dose one message may add, g (the run command's --detergent limit). */
    public static final double MAX_DETERGENT_G = 20.0;
    /** Most days of use one message may simulate (a year of shots takes a few seconds). */
    public static final int MAX_DAYS = 365;
    /** Shots a day while fouling (the run command's --shots-per-day default). */
    public static final double SHOTS_PER_DAY = 10.0;
    /** Largest single step, simulated s. */
    public static final double MAX_STEP_S = 10.0;

    /** Parses and checks one control; throws {@link LiveInputException} naming the control and the problem. */
    public static Control parse(String name, String value) {
        if (name == null || name.isEmpty()) {
            throw new LiveInputException("control message without a name (expected name=value, e.g. pump=on)");
        }
        if (value == null) {
            throw new LiveInputException("control '" + name + "' without a value");
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        switch (name) {
            case "pump", "solenoid", "brew", "heater" -> {
                if (!v.equals("on") && !v.equals("off")) {
                    throw new LiveInputException(name + " must be on or off, got '" + clip(value) + "'");
                }
                return new Control(name, v, Double.NaN);
            }
            case "basket" -> {
                if (!v.equals("blind") && !v.equals("puck") && !v.equals("none")) {
                    throw new LiveInputException("basket must be blind, puck or none, got '" + clip(value) + "'");
                }
                return new Control(name, v, Double.NaN);
            }
            case "speed" -> {
                if (!v.equals("1") && !v.equals("5") && !v.equals("pause")) {
                    throw new LiveInputException("speed must be 1, 5 or pause, got '" + clip(value) + "'");
                }
                return new Control(name, v, Double.NaN);
            }
            case "detergent" -> {
                return new Control(name, v, number(name, v, 0.0, MAX_DETERGENT_G, "g"));
            }
            case "days" -> {
                double days = number(name, v, 0, MAX_DAYS, "days");
                if (days != Math.rint(days)) {
                    throw new LiveInputException("days must be a whole number of days, got '" + clip(value) + "'");
                }
                return new Control(name, v, days);
            }
            case "step" -> {
                return new Control(name, v, number(name, v, 0.001, MAX_STEP_S, "s"));
            }
            case "machine" -> {
                if (Presets.find(v).isEmpty()) {
                    throw new LiveInputException("machine must be a preset (" + String.join(", ", Presets.names())
                            + "), got '" + clip(value) + "'");
                }
                return new Control(name, v, Double.NaN);
            }
            case "reset" -> {
                return new Control(name, v, Double.NaN);
            }
            default -> throw new LiveInputException("unknown control '" + clip(name)
                    + "' (pump, solenoid, brew, heater, basket, detergent, days, speed, step, machine, reset)");
        }
    }

    private static double number(String name, String v, double min, double max, String unit) {
        double x;
        try {
            x = Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new LiveInputException(name + " must be a number of " + unit + ", got '" + clip(v) + "'");
        }
        if (!(x >= min && x <= max)) {
            throw new LiveInputException(name + " must be between " + trim(min) + " and " + trim(max) + " " + unit
                    + ", got " + clip(v));
        }
        return x;
    }

    private static String trim(double x) {
        return x == Math.rint(x) ? Long.toString((long) x) : Double.toString(x);
    }

    /** At most 40 characters of what the client sent, printable only, so an error line stays one line. */
    static String clip(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && b.length() < 40; i++) {
            char c = s.charAt(i);
            b.append(c >= 0x20 && c != 0x7f ? c : '?');
        }
        return s.length() > 40 ? b + "…" : b.toString();
    }
}
