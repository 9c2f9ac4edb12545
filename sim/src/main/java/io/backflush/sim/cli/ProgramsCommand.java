package io.backflush.sim.cli;

import io.backflush.sim.program.Programs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;

@Command(name = "programs", mixinStandardHelpOptions = true, description = "Lists the built-in backflush programs, one line each.")
final class ProgramsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        int width = Programs.all().keySet().stream().mapToInt(String::length).max().orElse(10);
        for (String name : Programs.all().keySet()) {
            out.printf("%-" + width + "s  %s%n", name, Programs.description(name));
        }
        out.println();
        out.println("A program can also be a YAML file of phases (see README).");
    }
}
