package io.backflush.sim.cli;

import io.backflush.core.param.InvalidParameterException;
import io.backflush.sim.run.ProgramRefusedException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The {@code backflush} command line. */
@Command(name = "backflush", mixinStandardHelpOptions = true, versionProvider = BackflushCli.Version.class,
        description = "Simulates an espresso machine's brew circuit: backflush cycles against a blind basket, "
                + "pump quiet, plateau pressure and the whoosh, with every millilitre accounted for.",
        subcommands = {RunCommand.class, DemoCommand.class, ReportCommand.class, CompareCommand.class, SweepCommand.class,
                AdviseCommand.class,
                ServeCommand.class,
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
        addExamples(cli);
        // a mistyped flag or value: one line and where to look, not the whole usage
        cli.setParameterExceptionHandler((e, args1) -> {
            String command = e.getCommandLine().getCommandSpec().qualifiedName();
            err.println("backflush: " + e.getMessage().strip().replace('\n', ' ') + " (see '" + command + " --help')");
            err.flush();
            return EXIT_USAGE;
        });
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

    /** An example or two for each command's {@code --help}. */
    static final Map<String, List<String>> EXAMPLES = Map.ofEntries(
            Map.entry("", List.of("backflush demo", "backflush run --machine single-boiler --program water-5x10",
                    "backflush COMMAND --help")),
            Map.entry("run", List.of("backflush run --machine single-boiler --program water-5x10",
                    "backflush run --machine e61-hx --program detergent-5x10-rinse-5 --fouled-days 7 --html report/",
                    "backflush run --machine my-gaggia.yaml --program water-5x10 --csv trace.csv --csv-every 10")),
            Map.entry("demo", List.of("backflush demo", "backflush demo --out /tmp/backflush-demo")),
            Map.entry("report", List.of(
                    "backflush report --machine single-boiler --program detergent-5x10-rinse-5 --out report/")),
            Map.entry("compare", List.of("backflush compare --machine single-boiler --strategies none,water-daily --days 30",
                    "backflush compare --machine e61-hx --strategies water-daily,sundays.yaml --seeds 4 --html cmp/")),
            Map.entry("sweep", List.of("backflush sweep examples/sweeps/detergent-dose.yaml",
                    "backflush sweep big.yaml --out big/ --max-points 5000 --yes --threads 2")),
            Map.entry("serve", List.of("backflush serve --machine single-boiler",
                    "backflush serve --machine e61-hx --realtime --trace run.csv")),
            Map.entry("firmware", List.of("backflush firmware run clients/arduino/examples/backflush \\",
                    "    --pins clients/arduino/examples/backflush/pins.json --machine single-boiler --until 50")),
            Map.entry("machines", List.of("backflush machines", "backflush machines --show single-boiler > my-machine.yaml")),
            Map.entry("programs", List.of("backflush programs",
                    "backflush programs --show detergent-5x10-rinse-5 > my-clean.yaml")),
            Map.entry("strategies", List.of("backflush strategies",
                    "backflush strategies --show water-daily > my-routine.yaml")));

    private static void addExamples(CommandLine cli) {
        List<CommandLine> all = new ArrayList<>();
        all.add(cli);
        all.addAll(cli.getSubcommands().values());
        for (CommandLine c : all) {
            String name = c == cli ? "" : c.getCommandName();
            List<String> examples = EXAMPLES.get(name);
            if (examples == null) {
                continue;
            }
            CommandLine.Model.UsageMessageSpec usage = c.getCommandSpec().usageMessage();
            usage.footerHeading("%nExamples:%n");
            usage.footer(examples.stream().map(line -> "  " + line.replace("%", "%%")).toArray(String[]::new));
        }
        CommandLine firmwareRun = cli.getSubcommands().get("firmware").getSubcommands().get("run");
        firmwareRun.getCommandSpec().usageMessage().footerHeading("%nExamples:%n")
                .footer(EXAMPLES.get("firmware").stream().map(line -> "  " + line).toArray(String[]::new));
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
