package io.backflush.sim.usage;

import io.backflush.core.cleaning.Roast;
import io.backflush.core.param.InvalidParameterException;
import io.backflush.core.plant.Actuators;
import io.backflush.core.plant.Sensors;
import io.backflush.sim.control.BoilerThermostat;
import io.backflush.sim.program.Programs;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The rules of days of use, as documented: the ranges a usage, a shot and a cleaning task accept,
 * when a task is due, what the named strategies hold, and how a volumetric shot stops.
 */
class UsageRulesTest {

    @Test
    void aUsageAcceptsOneToTenYearsOfDaysAndAnOffHourAfterTheOnHour() {
        assertThat(new Usage(1, 0, false, Roast.MEDIUM, 5, 0, 24).days()).isEqualTo(1);
        assertThat(new Usage(3650, 500, true, Roast.DARK, 30, 6, 6.5).days()).isEqualTo(3650);
        assertThatThrownBy(() -> new Usage(0, 2, false, Roast.MEDIUM, 18, 7, 19)).hasMessageContaining("days");
        assertThatThrownBy(() -> new Usage(3651, 2, false, Roast.MEDIUM, 18, 7, 19)).hasMessageContaining("days");
        assertThatThrownBy(() -> new Usage(5, 2, false, Roast.MEDIUM, 18, 7, 7)).isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("offHour");
        assertThatThrownBy(() -> new Usage(5, 2, false, Roast.MEDIUM, 18, 9, 8)).hasMessageContaining("offHour");
        assertThatThrownBy(() -> new Usage(5, 501, false, Roast.MEDIUM, 18, 7, 19)).hasMessageContaining("shotsPerDay");
        assertThatThrownBy(() -> new Usage(5, 2, false, Roast.MEDIUM, 4.9, 7, 19)).hasMessageContaining("doseGrams");
        Usage home = Usage.home(14, 3, Roast.LIGHT);
        assertThat(home).isEqualTo(new Usage(14, 3, false, Roast.LIGHT, 18.0, 7.0, 19.0));
    }

    @Test
    void aTaskEveryNDaysIsDueOnDaysNTwoNAndSoOn() {
        CleaningTask weekly = new CleaningTask(7, Programs.find("water-5x10").orElseThrow(), 0, false, false);
        for (int day = 0; day < 30; day++) {
            assertThat(weekly.dueOn(day)).as("day index %d", day).isEqualTo(day == 6 || day == 13 || day == 20 || day == 27);
        }
        CleaningTask daily = new CleaningTask(1, Programs.find("water-5x10").orElseThrow(), 0, false, false);
        assertThat(daily.dueOn(0)).isTrue();
        assertThat(daily.dueOn(364)).isTrue();
        assertThatThrownBy(() -> new CleaningTask(0, daily.program(), 0, false, false)).hasMessageContaining("everyDays");
        assertThatThrownBy(() -> new CleaningTask(366, daily.program(), 0, false, false)).hasMessageContaining("everyDays");
        assertThat(new CleaningTask(365, daily.program(), 20, false, false).everyDays()).isEqualTo(365);
    }

    @Test
    void theNamedStrategiesHoldTheirDocumentedTasks() {
        assertThat(Strategies.all().keySet()).containsExactly("none", "water-daily", "water-daily-detergent-weekly",
                "detergent-daily", "clive-5x10", "clevercoffee-5x5-10", "decent-forward-flush", "until-clear",
                "water-daily-flush-after-shot", "water-daily-scrub-weekly", "cafe-descale-monthly", "cafe-descale-200l",
                "home-descale-quarterly");
        assertThat(Strategies.find("none").orElseThrow().tasks()).isEmpty();
        assertThat(Strategies.find("no-such")).isEmpty();
        Strategy weekly = Strategies.find("water-daily-detergent-weekly").orElseThrow();
        assertThat(weekly.tasks()).extracting(CleaningTask::everyDays).containsExactly(1, 7);
        assertThat(weekly.tasks()).extracting(CleaningTask::detergentGrams).containsExactly(0.0, 3.0);
        assertThat(weekly.tasks().get(1).replacesDaily()).isTrue();
        Strategy clive = Strategies.find("clive-5x10").orElseThrow();
        assertThat(clive.tasks()).hasSize(1);
        assertThat(clive.tasks().get(0).program().totalCycles()).isEqualTo(6 + 5);
        Strategy untilClear = Strategies.find("until-clear").orElseThrow();
        assertThat(untilClear.tasks().get(1).untilClear()).isTrue();
        Strategy clever = Strategies.find("clevercoffee-5x5-10").orElseThrow();
        assertThat(clever.tasks().get(0).program().phases().get(0).pumpOnSeconds()).isEqualTo(5.0);
        assertThat(clever.tasks().get(0).program().phases().get(0).releaseSeconds()).isEqualTo(10.0);
        assertThatThrownBy(() -> Strategies.all().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    /**
     * A volumetric shot: pump and solenoid on until the cup holds the target (or the time limit),
     * then both off for the release; the heater follows the thermostat throughout.
     */
    @Test
    void aShotRunsUntilTheCupHoldsTheTargetOrTheTimeLimitThenReleases() {
        ShotRecipe recipe = new ShotRecipe(18, Roast.MEDIUM, 36, 30, 2.25, 3);
        AtomicReference<Double> cup = new AtomicReference<>(0.0);
        ShotController shot = new ShotController(recipe, new BoilerThermostat(93, 1), cup::get, 100.0);
        Sensors sensors = new Sensors();
        Actuators actuators = new Actuators();
        sensors.set(100.0, 0.0, 0.0, true, 80, 80, 0.0);
        shot.control(sensors, actuators);
        assertThat(actuators.pumpDuty()).isEqualTo(1.0);
        assertThat(actuators.solenoidEnergised()).isTrue();
        assertThat(actuators.heaterDuty()).isEqualTo(1.0);
        assertThat(shot.doneAtSeconds()).isNaN();
        // 2 ml/s with 26 ml in the cup: 5 s to go
        cup.set(26.0);
        assertThat(shot.secondsToTarget(2.0)).isCloseTo(5.0, within(1e-12));
        assertThat(shot.secondsToTarget(0.0)).isInfinite();
        cup.set(37.0);
        assertThat(shot.secondsToTarget(2.0)).isZero();
        sensors.set(118.0, 0.0, 0.0, true, 99, 99, 0.0);
        shot.control(sensors, actuators);
        assertThat(actuators.pumpDuty()).isZero();
        assertThat(actuators.solenoidEnergised()).isFalse();
        assertThat(actuators.heaterDuty()).isZero();
        assertThat(shot.doneAtSeconds()).isCloseTo(121.0, within(1e-12));
        assertThat(shot.secondsToTarget(2.0)).isInfinite();
        cup.set(0.0); // stopped stays stopped
        sensors.set(119.0, 0.0, 0.0, true, 99, 99, 0.0);
        shot.control(sensors, actuators);
        assertThat(actuators.pumpDuty()).isZero();
        assertThat(shot.doneAtSeconds()).isCloseTo(121.0, within(1e-12));

        ShotController slow = new ShotController(recipe, new BoilerThermostat(93, 1), () -> 10.0, 100.0);
        sensors.set(129.999, 0.0, 0.0, true, 99, 99, 0.0);
        slow.control(sensors, actuators);
        assertThat(actuators.pumpDuty()).isEqualTo(1.0);
        sensors.set(130.0, 0.0, 0.0, true, 99, 99, 0.0); // the time limit, 30 s after the start
        slow.control(sensors, actuators);
        assertThat(actuators.pumpDuty()).isZero();
        assertThat(slow.doneAtSeconds()).isCloseTo(133.0, within(1e-12));
    }
}
