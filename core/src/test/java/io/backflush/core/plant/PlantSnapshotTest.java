package io.backflush.core.plant;

import io.backflush.core.cleaning.Site;
import io.backflush.core.hydraulics.BasketParameters;
import io.backflush.core.machine.Machine;
import io.backflush.core.machine.Presets;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlantSnapshotTest {
    private static final Machine MACHINE = Machine.of(Presets.singleBoiler());

    /** A schedule with pump cycles, valve switches and heater changes, so every discrete part moves. */
    private static void drive(Plant plant, int fromTick, int ticks) {
        for (int i = fromTick; i < fromTick + ticks; i++) {
            boolean on = (i / 3_000) % 2 == 0;
            plant.actuators().pumpDuty(on ? 0.7 : 0).solenoidEnergised(on).heaterDuty((i % 500) / 500.0);
            plant.step(0.001);
        }
    }

    private static Plant fouledPlant() {
        Plant plant = new Plant(MACHINE, BasketParameters.blind());
        plant.cleaning().setResidue(Site.VALVE, 30, 20);
        plant.cleaning().setResidue(Site.SCREEN, 10, 5);
        plant.cleaning().addDetergent(3);
        return plant;
    }

    @Test
    void aSnapshotOfAnotherMachineIsRefused() {
        Plant a = new Plant(MACHINE, BasketParameters.blind());
        Plant b = new Plant(Machine.of(Presets.e61Hx()), BasketParameters.blind());
        assertThatThrownBy(() -> b.restore(a.snapshot())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void faultHooksWeakenThePumpClogTheExhaustAndLeakTheSeat() {
        Plant healthy = new Plant(MACHINE, BasketParameters.blind());
        Plant weak = new Plant(MACHINE, BasketParameters.blind());
        weak.setFaults(0.5, 1, 0);
        Plant dry = new Plant(MACHINE, BasketParameters.blind());
        dry.setFaults(0, 1, 0);
        for (Plant p : new Plant[] {healthy, weak, dry}) {
            p.actuators().pumpDuty(1).solenoidEnergised(true);
            for (int i = 0; i < 2_000; i++) {
                p.step(0.001);
            }
        }
        assertThat(weak.state(StateLayout.FROM_TANK_ML)).isLessThan(0.7 * healthy.state(StateLayout.FROM_TANK_ML));
        assertThat(dry.state(StateLayout.FROM_TANK_ML)).isZero();

        Plant clogged = new Plant(MACHINE, BasketParameters.blind());
        clogged.setFaults(1, 0.1, 0);
        Plant clean = new Plant(MACHINE, BasketParameters.blind());
        double peakClean = 0;
        double peakClogged = 0;
        for (Plant p : new Plant[] {clean, clogged}) {
            p.actuators().pumpDuty(1).solenoidEnergised(true);
            for (int i = 0; i < 8_000; i++) {
                p.step(0.001);
            }
            p.actuators().pumpDuty(0).solenoidEnergised(false);
            double peak = 0;
            for (int i = 0; i < 2_000; i++) {
                p.step(0.001);
                peak = Math.max(peak, p.exhaustWaterFlowMlPerS());
            }
            if (p == clean) {
                peakClean = peak;
            } else {
                peakClogged = peak;
            }
        }
        assertThat(peakClogged).isLessThan(0.2 * peakClean);

        Plant leaking = new Plant(MACHINE, BasketParameters.blind());
        leaking.setFaults(1, 1, 2.0);
        leaking.actuators().pumpDuty(1).solenoidEnergised(true);
        for (int i = 0; i < 8_000; i++) {
            leaking.step(0.001);
        }
        assertThat(leaking.circuit().seatLeaks()).isTrue();
        assertThat(leaking.state(StateLayout.TO_DRIP_TRAY_ML)).isGreaterThan(1.0);
    }
}
