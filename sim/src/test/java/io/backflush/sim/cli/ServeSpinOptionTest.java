package io.backflush.sim.cli;

import io.backflush.sim.hil.server.SessionConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code serve --spin-us}: its bounds (exit 2 and one line) and its help. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ServeSpinOptionTest {
    @Test
    void aSpinOutOfRangeIsRefusedWithExitTwoAndOneLine() {
        for (String us : new String[] {"-1", "10001"}) {
            CliTest.Outcome o = CliTest.run("serve", "--machine", "single-boiler", "--spin-us", us);
            assertThat(o.code()).as(us).isEqualTo(2);
            assertThat(o.out()).isEmpty();
            assertThat(o.err()).as(us).isEqualTo("backflush: --spin-us must be 0..10000, got " + us + System.lineSeparator());
        }
    }

    @Test
    void theHelpGivesTheDefaultSpin() {
        CliTest.Outcome o = CliTest.run("serve", "--help");
        assertThat(o.code()).isZero();
        assertThat(o.out().replaceAll("\\s+", " ")).contains("--spin-us=US")
                .contains("(default " + SessionConfig.DEFAULT_LOCKSTEP_SPIN_MICROS + "; 0: block at once; at most 10000)");
    }
}
