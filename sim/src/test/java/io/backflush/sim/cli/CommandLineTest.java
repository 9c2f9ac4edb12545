package io.backflush.sim.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line a new user meets: examples in every --help, one-line parse errors, tables that fit 100 columns. */
class CommandLineTest {
    static final List<String> COMMANDS = List.of("run", "demo", "report", "compare", "serve", "firmware", "machines",
            "programs", "strategies");

    @Test
    void everyCommandsHelpEndsWithExamplesThatAreRealCommands() {
        for (String command : COMMANDS) {
            ShowCliTest.Outcome o = ShowCliTest.run(command, "--help");
            assertThat(o.code()).as(command).isZero();
            assertThat(o.out()).as(command).contains("\nExamples:\n  backflush " + command);
        }
        ShowCliTest.Outcome firmwareRun = ShowCliTest.run("firmware", "run", "--help");
        assertThat(firmwareRun.out()).contains("Examples:\n  backflush firmware run clients/arduino/examples/backflush \\");
        assertThat(ShowCliTest.run("--help").out()).contains("Examples:\n  backflush demo\n");
        ShowCliTest.Outcome compare = ShowCliTest.run("compare", "--help");
        assertThat(compare.out()).contains("--strategies=S[,S...]").doesNotContain("S[,S...][,S");
    }

    @Test
    void aParseErrorIsOneLineThatSaysWhereToLook() {
        String[][] bad = {
            {"run", "--machine", "single-boiler", "--program", "water-5x10", "--frobnicate"},
            {"run", "--machine", "single-boiler", "--program", "water-5x10", "--dt", "fast"},
            {"run", "--program", "water-5x10"},
            {"compare", "--strategies", "none"},
            {"frobnicate"},
        };
        String[] says = {"Unknown option: '--frobnicate'", "'fast' is not a double", "Missing required option: '--machine=M'",
            "Missing required option: '--machine=M'", "Unmatched argument at index 0: 'frobnicate'"};
        String[] help = {"backflush run --help", "backflush run --help", "backflush run --help",
            "backflush compare --help", "backflush --help"};
        for (int i = 0; i < bad.length; i++) {
            ShowCliTest.Outcome o = ShowCliTest.run(bad[i]);
            assertThat(o.code()).as(String.join(" ", bad[i])).isEqualTo(2);
            assertThat(o.out()).isEmpty();
            assertThat(o.err().strip().lines()).as(o.err()).hasSize(1);
            assertThat(o.err()).startsWith("backflush: ").contains(says[i]).contains("(see '" + help[i] + "')");
        }
    }

    @Test
    void theRunAndCompareTablesFitAHundredColumns() {
        ShowCliTest.Outcome run = ShowCliTest.run("run", "--machine", "e61-hx", "--program", "detergent-5x10-rinse-5",
                "--fouled-days", "3");
        assertThat(run.code()).isZero();
        assertThat(run.out().lines().filter(l -> l.length() > 100)).isEmpty();
        assertThat(run.out()).contains("whoosh").contains("peak ml/s");
        ShowCliTest.Outcome compare = ShowCliTest.run("compare", "--machine", "single-boiler", "--strategies",
                "none,water-daily-detergent-weekly", "--days", "2", "--shots-per-day", "2", "--fixed-shots");
        assertThat(compare.code()).as(compare.err()).isZero();
        assertThat(compare.out()).contains("water-daily-detergent-weekly ");
        assertThat(compare.out().lines().filter(l -> l.length() > 100)).isEmpty();
    }

    @Test
    void theProgressBarSaysWhatRunsHowFarAndHowLongIsLeft() {
        StringWriter err = new StringWriter();
        ProgressBar bar = new ProgressBar(new PrintWriter(err), "single-boiler, 30 days: 3 strategies x 4 seeds", 12, true);
        try {
            assertThat(bar.line(3, 30.0)).isEqualTo("single-boiler, 30 days: 3 strategies x 4 seeds [######"
                    + " ".repeat(18) + "] 3/12  0:30 elapsed, 1:30 left ");
            assertThat(bar.line(0, 1.0)).contains("0/12  0:01 elapsed, -- left");
            assertThat(ProgressBar.clock(3725)).isEqualTo("1:02:05");
            bar.update(3);
        } finally {
            bar.finish();
        }
        assertThat(err.toString()).startsWith("\rsingle-boiler").endsWith("\r");
    }
}
