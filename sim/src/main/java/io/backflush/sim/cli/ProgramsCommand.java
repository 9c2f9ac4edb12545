package io.backflush.sim.cli;

import io.backflush.sim.program.BackflushProgram;
import io.backflush.sim.program.Phase;
import io.backflush.sim.program.Programs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.Locale;

@Command(name = "programs", mixinStandardHelpOptions = true, description = "Lists the built-in backflush programs, one line each.")
final class ProgramsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Option(names = "--show", paramLabel = "NAME", description = "Print the program as a program file (YAML), commented.")
    String show;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        if (show != null) {
            BackflushProgram program = Programs.find(show).orElseThrow(() -> new UserInputException(
                    "--show: no program '" + show + "'; the programs are " + String.join(", ", Programs.all().keySet())));
            out.print(yaml(program));
            out.flush();
            return;
        }
        int width = Programs.all().keySet().stream().mapToInt(String::length).max().orElse(10);
        for (String name : Programs.all().keySet()) {
            out.printf("%-" + width + "s  %s%n", name, Programs.description(name));
        }
        out.println();
        out.println("A program can also be a YAML file of phases (see README).");
    }

    /** The program as a program file: reading it back gives the same program. */
    static String yaml(BackflushProgram p) {
        StringBuilder b = new StringBuilder();
        b.append("# program file: ").append(p.name()).append(Programs.find(p.name()).isPresent()
                        ? ": " + Programs.description(p.name()) : "").append('\n')
                .append("# Change it and run it: backflush run --machine single-boiler --program THIS.yaml\n")
                .append("name: \"").append(p.name()).append("\"\n")
                .append("phases:                               # run in order\n");
        for (Phase phase : p.phases()) {
            b.append(String.format(Locale.ROOT, "%-38s%s%n", "  - kind: " + phase.kind().label(),
                    "# water | detergent | rinse | descale | flush"));
            b.append(String.format(Locale.ROOT, "%-38s%s%n", "    cycles: " + phase.cycles(), "# 1..1000"));
            b.append(String.format(Locale.ROOT, "%-38s%s%n", "    pumpOnSeconds: " + exact(phase.pumpOnSeconds()),
                    phase.kind().openGroup() ? "# s through the open group per cycle (0 < t <= 600)"
                            : "# s against the blind basket per cycle (0 < t <= 600)"));
            b.append(String.format(Locale.ROOT, "%-38s%s%n", "    releaseSeconds: " + exact(phase.releaseSeconds()),
                    phase.kind().openGroup() ? "# s soaking / paused per cycle (0 < t <= 600)"
                            : "# s released per cycle (0 < t <= 600)"));
            if (phase.pumpDuty() != 1.0) {
                b.append(String.format(Locale.ROOT, "%-38s%s%n", "    pumpDuty: " + exact(phase.pumpDuty()),
                        "# pump duty while on (0 < d <= 1; default 1)"));
            }
        }
        return b.toString();
    }

    private static String exact(double v) {
        return java.math.BigDecimal.valueOf(v).toPlainString();
    }
}
