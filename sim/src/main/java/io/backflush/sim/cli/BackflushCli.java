package io.backflush.sim.cli;

import io.backflush.core.param.InvalidParameterException;
import io.backflush.sim.run.ProgramRefusedException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/** The {@code backflush} command line. */
@Command(name = "backflush", mixinStandardHelpOptions = true, versionProvider = BackflushCli.Version.class,
        description = "Simulates an espresso machine's brew circuit: backflush cycles against a blind basket, "
                + "pump quiet, plateau pressure and the whoosh, with every millilitre accounted for.",
        subcommands = {RunCommand.class, DemoCommand.class, ReportCommand.class, CompareCommand.class, ServeCommand.class,
                FirmwareCommand.class, LiveCommand.class,
                MachinesCommand.class, ProgramsCommand.class, StrategiesCommand.class,
                CommandLine.HelpCommand.class})
public final class BackflushCli implements Runnable {
    /** Exit code for bad input or a refused (unsafe) program. */
    public static final int EXIT_USAGE = 2;
    /** Exit code for an internal failure. */
    public static final int EXIT_INTERNAL = 1;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs the command line with the given streams and returns the exit code (used by tests). */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new BackflushCli());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            Throwable cause = e;
            if (cause instanceof UncheckedIOException u) {
                cause = u.getCause();
            }
            if (cause instanceof UserInputException || cause instanceof ProgramRefusedException
                    || cause instanceof InvalidParameterException) {
                err.println("backflush: " + cause.getMessage());
                err.flush();
                return EXIT_USAGE;
            }
            if (cause instanceof IOException) {
                err.println("backflush: " + cause.getMessage());
                err.flush();
                return EXIT_USAGE;
            }
            err.println("backflush: internal error: " + cause);
            err.flush();
            return EXIT_INTERNAL;
        });
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** Version from the jar manifest when packaged. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = BackflushCli.class.getPackage().getImplementationVersion();
            return new String[] {"backflush " + (v == null ? "(development build)" : v)};
        }
    }
}
