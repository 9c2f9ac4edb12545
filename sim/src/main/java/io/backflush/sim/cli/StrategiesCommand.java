package io.backflush.sim.cli;

import io.backflush.sim.program.BackflushProgram;
import io.backflush.sim.program.Programs;
import io.backflush.sim.usage.CleaningTask;
import io.backflush.sim.usage.Strategies;
import io.backflush.sim.usage.Strategy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Locale;

@Command(name = "strategies", mixinStandardHelpOptions = true, description = "Lists the built-in cleaning strategies, one line each.")
final class StrategiesCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Option(names = "--show", paramLabel = "NAME", description = "Print the strategy as a strategy file (YAML), commented.")
    String show;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        if (show != null) {
            Strategy strategy = Strategies.find(show).orElseThrow(() -> new UserInputException("--show: no strategy '"
                    + show + "'; the strategies are " + String.join(", ", Strategies.all().keySet())));
            out.print(yaml(strategy));
            out.flush();
            return;
        }
        int width = Strategies.all().keySet().stream().mapToInt(String::length).max().orElse(10);
        for (Strategy s : Strategies.all().values()) {
            out.printf("%-" + width + "s  %s%n", s.name(), s.description());
        }
        out.println();
        out.println("A strategy can also be a YAML file of scheduled tasks (see README).");
    }

    /** The strategy as a strategy file (its programs by name): reading it back gives the same strategy. */
    static String yaml(Strategy s) {
        StringBuilder b = new StringBuilder();
        b.append("# strategy file: ").append(s.name()).append('\n')
                .append("# Change it and compare: backflush compare --machine single-boiler --strategies none,THIS.yaml\n")
                .append("name: ").append(quoted(s.name())).append('\n')
                .append("description: ").append(quoted(s.description())).append('\n')
                .append(s.postShotFlushSeconds() > 0 ? String.format(Locale.ROOT, "%-38s# %s%n",
                        "postShotFlushSeconds: " + java.math.BigDecimal.valueOf(s.postShotFlushSeconds()).toPlainString(),
                        "pump through the open group after every shot, s (0..10)") : "")
                .append(s.scrubScreenEveryDays() > 0 ? String.format(Locale.ROOT, "%-38s# %s%n",
                        "scrubScreenEveryDays: " + s.scrubScreenEveryDays(),
                        "the shower screen scrubbed by hand every N days (0: never)") : "")
                .append(s.tasks().isEmpty() ? "tasks: []                             # never cleaned\n" : "tasks:\n");
        java.util.Map<String, BackflushProgram> ownPrograms = new java.util.LinkedHashMap<>();
        for (CleaningTask t : s.tasks()) {
            if (t.everyLitres() > 0) {
                line(b, "  - everyLitres: " + java.math.BigDecimal.valueOf(t.everyLitres()).toPlainString(),
                        "litres through the boiler between runs");
            } else {
                line(b, "  - everyDays: " + t.everyDays(), "1 daily, 7 weekly (1..365)");
            }
            String program = t.program().name();
            if (!Programs.find(program).map(t.program()::equals).orElse(false)) {
                // a program of this strategy's own: a program file beside the strategy file
                ownPrograms.put(program, t.program());
                program = program + ".yaml";
            }
            line(b, "    program: " + quoted(program), "a named program, or a program file beside this one");
            line(b, "    detergentGrams: " + java.math.BigDecimal.valueOf(t.detergentGrams()).toPlainString(),
                    "g in the blind basket at each detergent phase (0..20)");
            line(b, "    untilClear: " + t.untilClear(), "cycles until the discharge runs clear (capped by the program)");
            line(b, "    replacesDaily: " + t.replacesDaily(), "replaces shorter-period tasks on the days it runs");
            if (t.acidGrams() > 0) {
                line(b, "    acidGrams: " + java.math.BigDecimal.valueOf(t.acidGrams()).toPlainString(),
                        "g of citric acid in the tank's solution for the descale phases (0..200)");
            }
        }
        for (BackflushProgram p : ownPrograms.values()) {
            b.append("#\n# ").append(p.name()).append(".yaml, beside this file (remove the leading '# '):\n");
            ProgramsCommand.yaml(p).lines().filter(l -> !l.startsWith("#")).forEach(l -> b.append("# ").append(l).append('\n'));
        }
        return b.toString();
    }

    private static void line(StringBuilder b, String text, String comment) {
        b.append(String.format(Locale.ROOT, "%-38s# %s%n", text, comment));
    }

    private static String quoted(String text) {
        return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.textNode(text).toString();
    }
}
