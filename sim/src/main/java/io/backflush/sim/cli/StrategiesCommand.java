package io.backflush.sim.cli;

import io.backflush.sim.usage.Strategies;
import io.backflush.sim.usage.Strategy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;

@Command(name = "strategies", mixinStandardHelpOptions = true, description = "Lists the built-in cleaning strategies, one line each.")
final class StrategiesCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        int width = Strategies.all().keySet().stream().mapToInt(String::length).max().orElse(10);
        for (Strategy s : Strategies.all().values()) {
            out.printf("%-" + width + "s  %s%n", s.name(), s.description());
        }
        out.println();
        out.println("A strategy can also be a YAML file of scheduled tasks (see README).");
    }
}
