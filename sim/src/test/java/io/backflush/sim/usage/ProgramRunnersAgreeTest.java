package io.backflush.sim.usage;

import io.backflush.core.cleaning.Cleaning;
import io.backflush.core.cleaning.CleaningParameters;
import io.backflush.core.cleaning.Roast;
import io.backflush.core.cleaning.Site;
import io.backflush.core.hydraulics.BasketParameters;
import io.backflush.core.machine.Machine;
import io.backflush.core.machine.Presets;
import io.backflush.core.plant.Plant;
import io.backflush.core.plant.StateLayout;
import io.backflush.sim.program.BackflushProgram;
import io.backflush.sim.program.Phase;
import io.backflush.sim.program.PhaseKind;
import io.backflush.sim.run.BackflushRun;
import io.backflush.sim.run.RunResult;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The two runners of a backflush program, {@code run} ({@link BackflushRun}: one controller, fixed
 * steps) and the cleaning in days of use ({@link MachineLife}: phase by phase, adaptive steps), do
 * the same thing to the same fouled plant when both step at 1 ms: same dose, same basket emptied
 * at the same moments, so the same residue removed and the same detergent flushed out and left.
 */
class ProgramRunnersAgreeTest {
    private static final Machine MACHINE = Machine.of(Presets.singleBoiler());

    /** Every kind of boundary: detergent → detergent, detergent → rinse, rinse → water, water → detergent. */
    private static final BackflushProgram EVERY_BOUNDARY = new BackflushProgram("every-boundary", List.of(
            new Phase(PhaseKind.DETERGENT, 2, 10, 10),
            new Phase(PhaseKind.DETERGENT, 2, 10, 10),
            new Phase(PhaseKind.RINSE, 2, 10, 10),
            new Phase(PhaseKind.WATER, 1, 10, 10),
            new Phase(PhaseKind.DETERGENT, 1, 10, 10),
            new Phase(PhaseKind.RINSE, 2, 10, 10)));

    @Test
    void bothRunnersDoseAndEmptyTheBasketAtTheSameMoments() {
        Strategy none = Strategies.find("none").orElseThrow();
        MachineLife fouling = new MachineLife(MACHINE, Usage.home(7, 10, Roast.MEDIUM), none, 1);
        fouling.run();
        Plant.Snapshot fouled = fouling.plant().snapshot();
        assertThat(fouling.plant().cleaning().totalResidueMg()).as("a fouled group").isGreaterThan(100);

        MachineLife life = new MachineLife(MACHINE, Usage.home(1, 10, Roast.MEDIUM), none, 1, StepPolicy.fine(),
                CleaningParameters.defaults());
        life.plant().restore(fouled);
        double drip0 = life.plant().state(StateLayout.TO_DRIP_TRAY_ML);
        double tank0 = life.plant().state(StateLayout.FROM_TANK_ML);
        life.clean(new CleaningTask(1, EVERY_BOUNDARY, 3.0, false, false));
        Cleaning byLife = life.plant().cleaning();

        Plant plant = new Plant(MACHINE, BasketParameters.blind());
        plant.restore(fouled);
        RunResult run = BackflushRun.simulate(plant, EVERY_BOUNDARY, 0.001, 3.0, List.of());
        Cleaning byRun = plant.cleaning();

        assertThat(run.detergentG()).isEqualTo(3 * 3.0);
        assertThat(byLife.detergentDosedMg()).isEqualTo(byRun.detergentDosedMg());
        for (Site site : Site.values()) {
            double mg = byRun.residueMg(site);
            assertThat(byLife.residueMg(site)).as("residue at the %s", site.label()).isCloseTo(mg, within(1e-6 * mg));
        }
        // detergent that went out through the exhaust, and what clings to the surfaces
        assertThat(byLife.detergentToDripMg()).isCloseTo(byRun.detergentToDripMg(),
                within(1e-6 * byRun.detergentToDripMg()));
        assertThat(byLife.adsorbedDetergentMg()).isCloseTo(byRun.adsorbedDetergentMg(),
                within(1e-6 * byRun.adsorbedDetergentMg()));
        // MachineLife also empties the blind basket at the end (the brewing basket goes back in),
        // so only the water drawn is compared, not what reached the drip tray
        assertThat(life.plant().state(StateLayout.FROM_TANK_ML) - tank0)
                .isCloseTo(run.water().fromTankMl(), within(1e-6 * run.water().fromTankMl()));
        assertThat(life.plant().state(StateLayout.TO_DRIP_TRAY_ML) - drip0)
                .isGreaterThanOrEqualTo(run.water().toDripTrayMl());
    }
}
