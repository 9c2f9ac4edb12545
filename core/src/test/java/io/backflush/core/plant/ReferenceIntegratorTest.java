package io.backflush.core.plant;

import io.backflush.core.hydraulics.BasketParameters;
import io.backflush.core.machine.Machine;
import io.backflush.core.machine.Presets;
import io.backflush.core.plant.ActuatorSchedule.Command;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** What is particular to the reference; what every stepper must do is in {@link StepperContract}. */
class ReferenceIntegratorTest {

    private static Machine machine(String name) {
        return Machine.of(Presets.find(name).orElseThrow());
    }

    @Test
    void aReleaseBelowOneBarHasNoWhooshAndAShortFillIsNeverQuiet() {
        // 0.1 s on: the valve opens after 20 ms, 80 ms of pumping into 45 ml of air.
        ScheduleResult r = new ReferenceIntegrator(machine("single-boiler"), BasketParameters.blind())
                .run(ActuatorSchedule.backflush(1, 0.1, 2.0, 0.0), 2.1);

        CycleFigures c = r.cycles().get(0);
        assertThat(c.plateauBar()).isBetween(0.0, 1.0);
        assertThat(c.quietAfterSeconds()).isNaN();
        assertThat(c.whooshVolumeMl()).isNaN();
        assertThat(c.whooshDecaySeconds()).isNaN();
        assertThat(c.whooshPeakFlowMlPerS()).isNaN();
    }

    @Test
    void tighterTolerancesDoNotMoveTheMetrics() {
        Machine m = machine("single-boiler");
        ActuatorSchedule one = ActuatorSchedule.backflush(1, 10.0, 10.0, 0.0);
        CycleFigures a = new ReferenceIntegrator(m, BasketParameters.blind()).run(one, 20.0).cycles().get(0);
        CycleFigures b = new ReferenceIntegrator(m, BasketParameters.blind(), 1e-12, 1e-12).run(one, 20.0).cycles().get(0);

        // the quiet crossing sits where the inflow falls slowly (about 0.4 ml/s per s), so interpolation
        // error of 1e-6 ml/s moves it by microseconds: 10 µs is still a hundred times below a 1 ms tick
        assertThat(a.quietAfterSeconds()).isCloseTo(b.quietAfterSeconds(), within(1e-5));
        assertThat(a.plateauBar()).isCloseTo(b.plateauBar(), within(1e-6));
        assertThat(a.whooshVolumeMl()).isCloseTo(b.whooshVolumeMl(), within(1e-6));
        assertThat(a.whooshDecaySeconds()).isCloseTo(b.whooshDecaySeconds(), within(1e-6));
    }

    @Test
    void sensorsLagTheTemperaturesTheyRead() {
        Machine m = machine("single-boiler");
        // Heater full on with no flow: the boiler warms, its sensor follows tau behind.
        ActuatorSchedule heat = new ActuatorSchedule(List.of(new Command(0.0, 0.0, false, 1.0)));
        double[] s = new ReferenceIntegrator(m, BasketParameters.blind()).run(heat, 30.0).finalState();

        double rate = new BrewCircuit(m, BasketParameters.blind())
                .boilerTemperatureRate(s[StateLayout.BOILER_C], s[StateLayout.ELEMENT_C], s[StateLayout.GROUP_METAL_C], 0.0);
        double tau = m.parameters().sensors().temperatureLagSeconds();
        assertThat(s[StateLayout.BOILER_C]).isGreaterThan(93.0);
        // A ramp seen through a first-order lag settles tau·rate behind it.
        assertThat(s[StateLayout.BOILER_C] - s[StateLayout.BOILER_SENSOR_C]).isCloseTo(tau * rate, within(0.01 * tau * rate));
    }

    @Test
    void halfDutyPulseSkippingFillsSlowerAndRipplesBelowTheRelief() {
        Machine m = machine("single-boiler");
        ActuatorSchedule half = new ActuatorSchedule(List.of(
                new Command(0.0, 0.5, true, 0.0), new Command(15.0, 0.0, false, 0.0)));
        ScheduleResult r = new ReferenceIntegrator(m, BasketParameters.blind()).run(half, 20.0);

        // Between strokes the group bleeds back through the OPV, so the pressure ripples below
        // the dead-head pressure instead of sitting on it.
        assertThat(r.cycles().get(0).plateauBar()).isBetween(m.reliefPressureBar() - 0.2, m.reliefPressureBar() + 0.01);
        assertThat(Math.abs(r.water().balanceErrorMl())).isLessThanOrEqualTo(1e-9 * r.water().movedMl());
        // Half the strokes: the fill takes longer than at full duty.
        ScheduleResult full = new ReferenceIntegrator(m, BasketParameters.blind())
                .run(ActuatorSchedule.backflush(1, 15.0, 5.0, 0.0), 20.0);
        assertThat(r.cycles().get(0).quietAfterSeconds()).isGreaterThan(1.5 * full.cycles().get(0).quietAfterSeconds());
    }
    /**
     * Regression (seed 6090829127089 of the agreement property): a pump command between mains
     * boundaries. The pump finishes the mains cycle it is stroking (pulse skipping decides strokes
     * per cycle); the reference used to apply the new duty to every boundary of the segment it had
     * just integrated, stopping the pump up to one cycle early and losing ~0.14 ml of a 6.6 ml whoosh.
     */
    @Test
    void aPumpStoppedMidMainsCycleStrokesToTheCycleEndInBothSteppers() {
        Machine m = machine("single-boiler");
        // 4.842 s is 2 ms into a 20 ms mains cycle; the group is still filling (about 2.7 bar)
        ActuatorSchedule schedule = new ActuatorSchedule(List.of(new Command(0.0, 1.0, true, 0.0),
                new Command(4.842, 0.0, true, 0.0)));
        double end = 4.9;
        ScheduleResult r = new ReferenceIntegrator(m, BasketParameters.blind()).run(schedule, end);
        Plant plant = new Plant(m, BasketParameters.blind());
        double dt = 1.0e-4;
        for (int i = 0; i < Math.round(end / dt); i++) {
            schedule.applyAt(plant.timeSeconds(), plant.actuators());
            plant.step(dt);
        }
        double pumpedAtCommand = new ReferenceIntegrator(m, BasketParameters.blind()).run(schedule, 4.842)
                .finalState()[StateLayout.FROM_TANK_ML];
        double strokedAfterCommand = r.finalState()[StateLayout.FROM_TANK_ML] - pumpedAtCommand;
        // 18 ms of stroking at a few ml/s after the command, in the reference and the plant alike
        assertThat(strokedAfterCommand).isBetween(0.05, 0.3);
        assertThat(plant.state(StateLayout.FROM_TANK_ML)).isCloseTo(r.finalState()[StateLayout.FROM_TANK_ML], within(1e-3));
    }
}
