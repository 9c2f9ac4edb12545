package io.backflush.core.plant;

import io.backflush.core.hydraulics.BasketParameters;
import io.backflush.core.machine.Machine;
import io.backflush.core.machine.MachineParameters;
import io.backflush.core.machine.Presets;
import io.backflush.core.thermal.PressurePlace;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@link PressureSensorModel}'s contract below the statistics {@link PressureSensorsTest} measures:
 * its mix is SplitMix64's finaliser, distinct seeds give distinct noise on each sensor, the model
 * is null exactly when the readings are the pressures (a rotary pump's ripple parameter ignored),
 * and a plant's transducer and session seeds read what the machine says.
 */
class PressureSensorModelTest {
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private static Machine with(MachineParameters p, double ripple, double noise, double resolution, long seed,
                                PressurePlace at) {
        return Machine.of(new MachineParameters(p.name(), p.description(), p.pump(), p.overPressureValve(), p.gicleur(),
                p.groupInlet(), p.threeWayValve(), p.chamber(), p.boiler(), p.groupHead(),
                p.sensors().withPressure(at, ripple, noise, resolution, seed), p.environment(), p.line()));
    }

    /**
     * SplitMix64 (Steele, Lea and Flood, 2014) outputs mix(s + k·γ) for seed s; from seed 0 its
     * first three outputs are the published 0xE220A8397B1DCDAF, 0x6E789E6AA1B965F4 and
     * 0x06C45D188009454F, and the JDK's {@link SplittableRandom} (the same generator) agrees for
     * any seed.
     */
    @Test
    void theMixIsSplitMix64sFinaliser() {
        assertThat(PressureSensorModel.mix(GOLDEN_GAMMA)).isEqualTo(0xE220A8397B1DCDAFL);
        assertThat(PressureSensorModel.mix(2 * GOLDEN_GAMMA)).isEqualTo(0x6E789E6AA1B965F4L);
        assertThat(PressureSensorModel.mix(3 * GOLDEN_GAMMA)).isEqualTo(0x06C45D188009454FL);
        SplittableRandom seeds = new SplittableRandom(20261201L);
        for (int i = 0; i < 1000; i++) {
            long s = seeds.nextLong();
            assertThat(PressureSensorModel.mix(s + GOLDEN_GAMMA)).as("seed %s", s)
                    .isEqualTo(new SplittableRandom(s).nextLong());
        }
    }

    /** Seeds 0 to 255 read 256 different noises on each sensor at the same time and pressure. */
    @Test
    void distinctSeedsReadDistinctNoiseOnEachSensor() {
        PressureSensorModel model = PressureSensorModel.of(with(Presets.singleBoiler(), 0.0, 0.05, 0.0, 0L,
                PressurePlace.LINE));
        Set<Double> group = new HashSet<>();
        Set<Double> line = new HashSet<>();
        for (long seed = 0; seed < 256; seed++) {
            group.add(model.group(5.0, 12.5, seed));
            line.add(model.line(5.0, 1.0, 12.5, seed));
        }
        assertThat(group).hasSize(256);
        assertThat(line).hasSize(256);
        assertThat(model.group(5.0, 12.5, 9L)).as("the two sensors read their own noise").isNotEqualTo(model.line(5.0, 1.0, 12.5, 9L));
    }

    /**
     * Null exactly when nothing changes a reading: no ripple, noise or rounding; a rotary pump given
     * a ripple (it has none to make) and nothing else. Noise alone or rounding alone on a rotary
     * pump makes a model: 3.14159 bar read to 0.1 bar is 31 × 0.1.
     */
    @Test
    void theModelIsNullExactlyWhenTheReadingsAreThePressures() {
        MachineParameters vibratory = Presets.singleBoiler();
        MachineParameters rotary = Presets.rotaryCommercial();
        assertThat(PressureSensorModel.of(with(vibratory, 0.0, 0.0, 0.0, 0L, PressurePlace.LINE))).isNull();
        assertThat(PressureSensorModel.of(with(rotary, 0.5, 0.0, 0.0, 0L, PressurePlace.LINE))).isNull();
        assertThat(PressureSensorModel.of(with(vibratory, 0.5, 0.0, 0.0, 0L, PressurePlace.LINE))).isNotNull();

        PressureSensorModel noisy = PressureSensorModel.of(with(rotary, 0.0, 0.05, 0.0, 0L, PressurePlace.LINE));
        assertThat(noisy).isNotNull();
        assertThat(noisy.group(5.0, 1.0, 3L)).isNotEqualTo(5.0).isCloseTo(5.0, within(0.05 * 8));

        PressureSensorModel rounded = PressureSensorModel.of(with(rotary, 0.0, 0.0, 0.1, 0L, PressurePlace.LINE));
        assertThat(rounded).isNotNull();
        assertThat(rounded.group(3.14159, 1.0, 3L)).isCloseTo(31 * 0.1, within(1e-12));
        assertThat(rounded.line(3.14159, 1.0, 1.0, 3L)).isCloseTo(31 * 0.1, within(1e-12));
    }

    /** A machine with its transducer on the group: the firmware's transducer reads the group sensor. */
    @Test
    void aTransducerOnTheGroupReadsTheGroupSensor() {
        Plant plant = new Plant(with(Presets.singleBoiler(), 0.2, 0.0, 0.0, 0L, PressurePlace.GROUP),
                BasketParameters.blind());
        plant.actuators().pumpDuty(1.0).solenoidEnergised(true);
        for (int i = 0; i < 500; i++) {
            plant.step(0.001);
        }
        assertThat(plant.lineSensorBar()).isNotEqualTo(plant.groupSensorBar());
        assertThat(plant.transducerSensorBar()).isEqualTo(plant.groupSensorBar()).isEqualTo(plant.groupPressureBar());
    }

    /**
     * A machine whose own noise seed is 0: sessions seeded 1 to 32 still read 32 different noises
     * (the session's seed is mixed into the machine's, not masked by it), and so do machines seeded
     * 1 to 32 under one session seed.
     */
    @Test
    void sessionSeedsGiveDifferentNoiseWhateverTheMachinesSeed() {
        Set<Double> bySession = new HashSet<>();
        Set<Double> byMachine = new HashSet<>();
        for (long seed = 1; seed <= 32; seed++) {
            Plant session = new Plant(with(Presets.singleBoiler(), 0.0, 0.05, 0.0, 0L, PressurePlace.LINE),
                    BasketParameters.blind());
            session.seedSensorNoise(seed);
            bySession.add(session.groupSensorBar());
            Plant machine = new Plant(with(Presets.singleBoiler(), 0.0, 0.05, 0.0, seed, PressurePlace.LINE),
                    BasketParameters.blind());
            machine.seedSensorNoise(77L);
            byMachine.add(machine.groupSensorBar());
        }
        assertThat(bySession).hasSize(32);
        assertThat(byMachine).hasSize(32);
    }
}
