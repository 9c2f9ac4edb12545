package io.backflush.core.plant;

import io.backflush.core.param.InvalidParameterException;
import io.backflush.core.plant.ActuatorSchedule.Command;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ActuatorScheduleTest {

    @Test
    void backflushAlternatesPumpAndReleasePerCycle() {
        ActuatorSchedule s = ActuatorSchedule.backflush(3, 10.0, 5.0, 0.25);

        assertThat(s.commands()).containsExactly(
                new Command(0.0, 1.0, true, 0.25),
                new Command(10.0, 0.0, false, 0.25),
                new Command(15.0, 1.0, true, 0.25),
                new Command(25.0, 0.0, false, 0.25),
                new Command(30.0, 1.0, true, 0.25),
                new Command(40.0, 0.0, false, 0.25));
        assertThat(s.lastCommandSeconds()).isEqualTo(40.0);
    }

    @Test
    void appliesTheCommandInForceAndTheSafeStateBeforeTheFirst() {
        ActuatorSchedule s = new ActuatorSchedule(List.of(
                new Command(1.0, 0.5, true, 1.0), new Command(2.0, 0.0, false, 0.3)));
        Actuators a = new Actuators().pumpDuty(1).solenoidEnergised(true).heaterDuty(1);

        s.applyAt(0.5, a);
        assertThat(a.pumpDuty()).isZero();
        assertThat(a.solenoidEnergised()).isFalse();
        assertThat(a.heaterDuty()).isZero();

        s.applyAt(1.5, a);
        assertThat(a.pumpDuty()).isEqualTo(0.5);
        assertThat(a.solenoidEnergised()).isTrue();
        assertThat(a.heaterDuty()).isEqualTo(1.0);

        s.applyAt(99.0, a);
        assertThat(a.pumpDuty()).isZero();
        assertThat(a.heaterDuty()).isEqualTo(0.3);
    }

    @Test
    void aClockThatAccumulatedRoundOffStillSeesTheCommandOnTime() {
        ActuatorSchedule s = ActuatorSchedule.backflush(1, 0.1, 0.1, 0.0);
        double t = 0;
        for (int i = 0; i < 100; i++) {
            t += 0.001;
        }
        assertThat(t).isNotEqualTo(0.1);
        assertThat(s.indexAt(t)).isEqualTo(1);
        assertThat(s.indexAt(0.1 - 1e-6)).isEqualTo(0);
    }

    @Test
    void rejectsCommandsOutOfOrderOrOutOfRange() {
        assertThatThrownBy(() -> new ActuatorSchedule(List.of(
                new Command(2.0, 1, true, 0), new Command(1.0, 0, false, 0))))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("command 2");
        assertThatThrownBy(() -> new ActuatorSchedule(List.of(
                new Command(1.0, 1, true, 0), new Command(1.0, 0, false, 0))))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> new ActuatorSchedule(List.of()))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> new Command(0, 1.5, true, 0))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("pumpDuty");
        assertThatThrownBy(() -> new Command(-1, 1, true, 0))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("atSeconds");
        assertThatThrownBy(() -> ActuatorSchedule.backflush(0, 10, 10, 0))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("cycles");
    }

    /** The command in force is the last one due (binary search against a scan, for every length up to 9). */
    @Test
    void indexAtIsTheLastCommandDueForSchedulesOfEveryLength() {
        for (int n = 1; n <= 9; n++) {
            List<Command> list = new java.util.ArrayList<>();
            for (int k = 0; k < n; k++) {
                list.add(new Command(1.0 + 2.0 * k + 0.5 * (k % 3), k % 2, k % 2 == 0, 0));
            }
            ActuatorSchedule s = new ActuatorSchedule(list);
            for (double t = 0.0; t < 2.0 * n + 4.0; t += 0.25) {
                int expected = -1;
                for (int k = 0; k < n; k++) {
                    if (list.get(k).atSeconds() <= t) {
                        expected = k;
                    }
                }
                assertThat(s.indexAt(t)).as("%d commands, t = %s", n, t).isEqualTo(expected);
            }
            assertThat(s.lastCommandSeconds()).isEqualTo(list.get(n - 1).atSeconds());
        }
    }

    /**
     * A command is in force from TIME_TOLERANCE_SECONDS before its time, the tie included ("due no
     * later than t plus this"): 1e-9 s before the first command at 1 s it is in force (index 0, not
     * −1), and 1e-9 s before the second at 2 s the second is (index 1); 2e-9 s before, not yet.
     */
    @Test
    void aCommandIsInForceFromExactlyTheToleranceBeforeIt() {
        ActuatorSchedule s = new ActuatorSchedule(List.of(
                new Command(1.0, 0.5, true, 1.0), new Command(2.0, 0.0, false, 0.3)));
        double tol = ActuatorSchedule.TIME_TOLERANCE_SECONDS;
        assertThat((1.0 - tol) + tol).isEqualTo(1.0);
        assertThat((2.0 - tol) + tol).isEqualTo(2.0);
        assertThat(s.indexAt(1.0 - tol)).isZero();
        assertThat(s.indexAt(1.0 - 2 * tol)).isEqualTo(-1);
        assertThat(s.indexAt(2.0 - tol)).isOne();
        assertThat(s.indexAt(2.0 - 2 * tol)).isZero();
    }
}
