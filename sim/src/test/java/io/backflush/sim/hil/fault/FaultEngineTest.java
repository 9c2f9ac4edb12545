package io.backflush.sim.hil.fault;

import io.backflush.core.hydraulics.BasketParameters;
import io.backflush.core.machine.Machine;
import io.backflush.core.machine.Presets;
import io.backflush.core.plant.InitialConditions;
import io.backflush.core.plant.Plant;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FaultEngineTest {
    static final Machine MACHINE = Machine.of(Presets.singleBoiler());

    @Test
    void aClearThatFiresWhileOtherFaultsWaitRemovesThemAndLaterOnesStillFire() {
        Plant plant = new Plant(MACHINE, BasketParameters.blind(), InitialConditions.hotAndDry());
        List<String> fired = new ArrayList<>();
        FaultEngine engine = new FaultEngine(0.001, 2000.0, fired::add);
        engine.reset(0, List.of(FaultSpec.parse("stuck target=boiler_c at=0.5"),
                FaultSpec.parse("weak_pump factor=0.5 when=group_bar>8")));
        engine.readTruth(plant);
        engine.add(FaultSpec.parse("clear"));
        engine.add(FaultSpec.parse("offset target=group_bar value=1"));
        engine.fire(plant);
        assertThat(fired).containsExactly("clear", "offset target=group_bar value=1");

        // the scenario's faults were cleared: time passing their trigger fires nothing more
        plant.actuators().pumpDuty(1).solenoidEnergised(true);
        for (int i = 0; i < 1000; i++) {
            plant.step(0.001);
            engine.afterStep(plant.timeSeconds() - 0.001, plant);
        }
        assertThat(fired).hasSize(2);
        double[] readings = new double[Channel.COUNT];
        engine.readings(readings, plant.timeSeconds());
        assertThat(readings[Channel.GROUP_BAR.ordinal()]).isEqualTo(plant.groupPressureBar() + 1);
    }
}
