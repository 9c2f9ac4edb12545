package io.backflush.core.plant;

import io.backflush.core.hydraulics.BasketParameters;
import io.backflush.core.machine.Machine;
import io.backflush.core.machine.MachineParameters;
import io.backflush.core.machine.Presets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The fixed stepper at 1 ms against the Commons Math reference, and against itself at 0.5 ms, on
 * every machine that can be backflushed: 3 cycles of 10 s on, 10 s release.
 */
class FixedStepperAgreementTest {
    private static final ActuatorSchedule SCHEDULE = ActuatorSchedule.backflush(3, 10.0, 10.0, 0.5);
    private static final double END_SECONDS = 60.0;
    private static final double PLATEAU_BAR = 0.05;
    private static final double RELATIVE = 0.02;

    static Stream<String> backflushablePresets() {
        return Presets.all().values().stream().filter(MachineParameters::hasThreeWayValve).map(MachineParameters::name);
    }

    @ParameterizedTest
    @MethodSource("backflushablePresets")
    void fixedStepperAgreesWithTheReferenceAndConvergesInDt(String name) {
        Machine m = Machine.of(Presets.find(name).orElseThrow());
        BasketParameters blind = BasketParameters.blind();
        List<CycleFigures> reference = new ReferenceIntegrator(m, blind).run(SCHEDULE, END_SECONDS).cycles();
        ScheduleResult oneMs = ScheduledRun.run(new Plant(m, blind), SCHEDULE, END_SECONDS, 1.0e-3);
        ScheduleResult halfMs = ScheduledRun.run(new Plant(m, blind), SCHEDULE, END_SECONDS, 0.5e-3);

        assertAgree(name + " 1 ms vs reference", oneMs.cycles(), reference);
        assertAgree(name + " 0.5 ms vs 1 ms", halfMs.cycles(), oneMs.cycles());
        assertThat(Math.abs(oneMs.water().balanceErrorMl())).isLessThanOrEqualTo(1e-9 * oneMs.water().movedMl());
    }

    @Test
    void agreementAlsoHoldsAtHalfPumpDuty() {
        Machine m = Machine.of(Presets.singleBoiler());
        ActuatorSchedule half = new ActuatorSchedule(List.of(
                new ActuatorSchedule.Command(0.0, 0.5, true, 0.0), new ActuatorSchedule.Command(15.0, 0.0, false, 0.0)));
        List<CycleFigures> reference = new ReferenceIntegrator(m, BasketParameters.blind()).run(half, 20.0).cycles();
        List<CycleFigures> fixed = ScheduledRun.run(new Plant(m, BasketParameters.blind()), half, 20.0, 1.0e-3).cycles();

        assertAgree("half duty", fixed, reference);
    }

    @Test
    void theChamberWaterTemperatureAndItsExpansionAgreeWithTheReference() {
        // a rotary machine held blind with the heater on: the chamber water first cools toward the
        // metal, then warms with it, and the sealed chamber creeps up in pressure
        Machine m = Machine.of(Presets.rotaryCommercial());
        Plant fixed = new Plant(m, BasketParameters.blind());
        Plant reference = referencePlant(m, BasketParameters.blind());
        for (Plant plant : List.of(fixed, reference)) {
            plant.actuators().pumpDuty(1.0).solenoidEnergised(true).heaterDuty(1.0);
        }
        for (int second = 1; second <= 90; second++) {
            advanceOneSecond(fixed, reference);
            String at = "at " + second + " s";
            assertThat(fixed.chamberWaterC()).as("chamber water " + at).isCloseTo(reference.chamberWaterC(), within(0.01));
            assertThat(fixed.groupTemperatureC()).as("group metal " + at).isCloseTo(reference.groupTemperatureC(), within(0.01));
            assertThat(fixed.state(StateLayout.THERMAL_EXPANSION_ML)).as("expansion " + at)
                    .isCloseTo(reference.state(StateLayout.THERMAL_EXPANSION_ML), within(2.0e-4));
            if (second >= 20) {
                assertThat(fixed.groupPressureBar()).as("pressure " + at).isCloseTo(reference.groupPressureBar(), within(2.0e-4));
            }
        }
        assertThat(reference.state(StateLayout.THERMAL_EXPANSION_ML)).as("the water shrank, then grew").isNotZero();
        assertThat(reference.groupPressureBar()).as("crept above the bypass's 9.14 bar").isGreaterThan(9.143);
    }

    /** A hot, dry plant on the reference stepper. */
    static Plant referencePlant(Machine m, BasketParameters basket) {
        return new Plant(m, basket, InitialConditions.hotAndDry(), io.backflush.core.cleaning.CleaningParameters.defaults(),
                StepperKind.REFERENCE);
    }

    /** One second more: the fixed stepper in 1 ms steps, the reference in 10 ms ones (each integrated adaptively). */
    static void advanceOneSecond(Plant fixed, Plant reference) {
        for (int i = 0; i < 1000; i++) {
            fixed.step(1.0e-3);
        }
        for (int i = 0; i < 100; i++) {
            reference.step(1.0e-2);
        }
    }

    private static void assertAgree(String what, List<CycleFigures> actual, List<CycleFigures> expected) {
        assertThat(actual).as(what).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            CycleFigures a = actual.get(i);
            CycleFigures e = expected.get(i);
            String cycle = what + ", cycle " + i;
            assertThat(a.pumpOnAtSeconds()).as(cycle + " pump on").isCloseTo(e.pumpOnAtSeconds(), within(1e-9));
            assertThat(a.plateauBar()).as(cycle + " plateau").isCloseTo(e.plateauBar(), within(PLATEAU_BAR));
            assertThat(e.quietAfterSeconds()).as(cycle + " quiet (expected)").isFinite();
            assertThat(a.quietAfterSeconds()).as(cycle + " quiet")
                    .isCloseTo(e.quietAfterSeconds(), within(RELATIVE * e.quietAfterSeconds()));
            assertThat(e.whooshVolumeMl()).as(cycle + " whoosh volume (expected)").isPositive();
            assertThat(a.whooshVolumeMl()).as(cycle + " whoosh volume")
                    .isCloseTo(e.whooshVolumeMl(), within(RELATIVE * e.whooshVolumeMl()));
        }
    }
}
