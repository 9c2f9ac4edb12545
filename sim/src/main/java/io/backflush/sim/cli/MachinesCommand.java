package io.backflush.sim.cli;

import io.backflush.core.machine.MachineParameters;
import io.backflush.core.machine.Presets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.Map;

@Command(name = "machines", mixinStandardHelpOptions = true, description = "Lists the built-in machine presets, one line each.")
final class MachinesCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Option(names = "--show", paramLabel = "NAME",
            description = "Print the preset as a machine file (YAML) with every parameter, its unit and its source.")
    String show;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        if (show != null) {
            MachineParameters preset = Presets.find(show).orElseThrow(() -> new UserInputException(
                    "--show: no preset '" + show + "'; the presets are " + String.join(", ", Presets.all().keySet())));
            out.print(MachineYaml.of(show, preset));
            out.flush();
            return;
        }
        int width = Presets.all().keySet().stream().mapToInt(String::length).max().orElse(10);
        for (Map.Entry<String, MachineParameters> e : Presets.all().entrySet()) {
            out.printf("%-" + width + "s  %s%n", e.getKey(), e.getValue().description());
        }
        out.println();
        out.println("A machine can also be a YAML file naming a preset and overriding any parameter (see README).");
    }
}
