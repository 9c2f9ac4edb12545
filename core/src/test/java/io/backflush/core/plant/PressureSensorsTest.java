package io.backflush.core.plant;

import io.backflush.core.hydraulics.BasketParameters;
import io.backflush.core.machine.Machine;
import io.backflush.core.machine.MachineFileException;
import io.backflush.core.machine.MachineFiles;
import io.backflush.core.machine.MachineParameters;
import io.backflush.core.machine.Presets;
import io.backflush.core.thermal.PressurePlace;
import io.backflush.core.thermal.SensorParameters;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The machine's two pressure sensors (docs/model.md §2.11): where they sit, the vibratory pump's
 * ripple on the line, noise and rounding, seeded and reproducible, and never a change to the plant.
 */
class PressureSensorsTest {
    private static final double DT = 0.001;

    private static Machine singleBoiler(double ripple, double noise, double resolution, long seed, PressurePlace at) {
        MachineParameters p = Presets.singleBoiler();
        return Machine.of(new MachineParameters(p.name(), p.description(), p.pump(), p.overPressureValve(), p.gicleur(),
                p.groupInlet(), p.threeWayValve(), p.chamber(), p.boiler(), p.groupHead(),
                p.sensors().withPressure(at, ripple, noise, resolution, seed), p.environment(), p.line()));
    }

    /** Runs {@code ticks} ticks of the pump on against the blind basket, valve energised; returns the readings of each. */
    private static double[][] pump(Plant plant, int ticks) {
        double[][] out = new double[ticks][];
        Sensors s = new Sensors();
        plant.actuators().pumpDuty(1.0).solenoidEnergised(true);
        for (int i = 0; i < ticks; i++) {
            plant.step(DT);
            plant.readSensors(s);
            out[i] = new double[] {s.groupPressureBar(), s.linePressureBar(), plant.groupPressureBar(),
                    plant.linePressureBar(), s.transducerPressureBar(), plant.pumpRunningFraction()};
        }
        return out;
    }

    @Test
    void theVibratoryPresetsLineSensorRipplesAtTheMainsFrequencyWhileThePumpStrokesAndTheGroupReadsExactly() {
        Plant plant = new Plant(Machine.of(Presets.singleBoiler()), BasketParameters.blind());
        double[][] r = pump(plant, 8000);
        double amplitude = SensorParameters.DEFAULT_LINE_RIPPLE_BAR;
        double maxDeviation = 0;
        for (int i = 0; i < r.length; i++) {
            assertThat(r[i][0]).as("group reading at tick %d", i).isEqualTo(r[i][2]);
            double ripple = r[i][1] - r[i][3];
            assertThat(Math.abs(ripple)).isLessThanOrEqualTo(amplitude * r[i][5] + 1e-12);
            maxDeviation = Math.max(maxDeviation, Math.abs(ripple));
            assertThat(r[i][4]).as("the preset's transducer is on the line").isEqualTo(r[i][1]);
        }
        assertThat(maxDeviation).as("peak ripple").isCloseTo(amplitude, within(0.02));
        // 50 Hz: the ripple repeats every 20 ticks of 1 ms (the pump strokes every cycle at duty 1)
        for (int i = 2000; i < 2100; i++) {
            assertThat(r[i + 20][1] - r[i + 20][3]).isCloseTo(r[i][1] - r[i][3], within(1e-9));
            assertThat(r[i + 10][1] - r[i + 10][3]).isCloseTo(-(r[i][1] - r[i][3]), within(1e-9));
        }
        // released, pump off: the line holds its trapped pressure and reads it without ripple
        Sensors s = new Sensors();
        plant.actuators().pumpDuty(0.0).solenoidEnergised(false);
        for (int i = 0; i < 500; i++) {
            plant.step(DT);
        }
        plant.readSensors(s);
        assertThat(plant.linePressureBar()).isGreaterThan(5.0);
        assertThat(s.linePressureBar()).isEqualTo(plant.linePressureBar());
    }

    @Test
    void aRotaryPumpsLineDoesNotRippleWhateverTheParameterSays() {
        MachineParameters p = Presets.rotaryCommercial();
        Machine m = Machine.of(new MachineParameters(p.name(), p.description(), p.pump(), p.overPressureValve(),
                p.gicleur(), p.groupInlet(), p.threeWayValve(), p.chamber(), p.boiler(), p.groupHead(),
                p.sensors().withPressure(PressurePlace.LINE, 0.5, 0.0, 0.0, 0L), p.environment(), p.line()));
        for (double[] r : pump(new Plant(m, BasketParameters.blind()), 1000)) {
            assertThat(r[1]).isEqualTo(r[3]);
        }
    }

    @Test
    void noiseIsGaussianOfTheMachinesSigmaSeededAndTheSameHoweverOftenItIsRead() {
        Machine m = singleBoiler(0.0, 0.05, 0.0, 42L, PressurePlace.GROUP);
        Plant a = new Plant(m, BasketParameters.blind());
        double[][] r = pump(a, 20_000);
        double sum = 0;
        double sumSq = 0;
        int n = 0;
        for (double[] x : r) {
            double e = x[0] - x[2];
            sum += e;
            sumSq += e * e;
            n++;
            assertThat(x[4]).as("the transducer is the group sensor here").isEqualTo(x[0]);
        }
        double mean = sum / n;
        double sd = Math.sqrt(sumSq / n - mean * mean);
        assertThat(mean).isCloseTo(0.0, within(0.002));
        assertThat(sd).isCloseTo(0.05, within(0.002));
        // group and line noise are independent, and lag-one readings are not correlated
        double cross = 0;
        double lag = 0;
        for (int i = 1; i < r.length; i++) {
            cross += (r[i][0] - r[i][2]) * (r[i][1] - r[i][3]);
            lag += (r[i][0] - r[i][2]) * (r[i - 1][0] - r[i - 1][2]);
        }
        assertThat(cross / n / (0.05 * 0.05)).isCloseTo(0.0, within(0.03));
        assertThat(lag / n / (0.05 * 0.05)).isCloseTo(0.0, within(0.03));

        // the same machine and seed: the same readings, even read three times a tick
        Plant b = new Plant(m, BasketParameters.blind());
        Sensors s = new Sensors();
        b.actuators().pumpDuty(1.0).solenoidEnergised(true);
        for (int i = 0; i < 2000; i++) {
            b.step(DT);
            b.readSensors(s);
            b.readSensors(s);
            assertThat(s.groupPressureBar()).isEqualTo(s.groupPressureBar()).isEqualTo(r[i][0]);
            assertThat(b.groupSensorBar()).isEqualTo(r[i][0]);
        }
        // another seed: other readings
        Plant c = new Plant(m, BasketParameters.blind());
        c.seedSensorNoise(7);
        double[][] other = pump(c, 100);
        int differ = 0;
        for (int i = 0; i < 100; i++) {
            differ += other[i][0] != r[i][0] ? 1 : 0;
        }
        assertThat(differ).isGreaterThan(95);
    }

    @Test
    void aRestoredSnapshotReadsWhatItReadItsSeedIncluded() {
        Plant plant = new Plant(singleBoiler(0.2, 0.05, 0.0, 3L, PressurePlace.LINE), BasketParameters.blind());
        plant.seedSensorNoise(11);
        pump(plant, 700);
        Plant.Snapshot at = plant.snapshot();
        double[][] after = pump(plant, 300);
        plant.seedSensorNoise(12);
        pump(plant, 50);
        plant.restore(at);
        double[][] again = pump(plant, 300);
        for (int i = 0; i < 300; i++) {
            assertThat(again[i]).isEqualTo(after[i]);
        }
    }

    @Test
    void readingsAreRoundedToTheResolution() {
        double r = 0.0005625;
        for (double[] x : pump(new Plant(singleBoiler(0.2, 0.01, r, 0L, PressurePlace.LINE), BasketParameters.blind()),
                2000)) {
            assertThat(Math.abs(x[1] / r - Math.rint(x[1] / r))).isLessThan(1e-6);
            assertThat(Math.abs(x[0] / r - Math.rint(x[0] / r))).isLessThan(1e-6);
            assertThat(x[0]).isCloseTo(x[2], within(0.01 * 6 + r));
        }
    }

    @Test
    void theSensorsNeverChangeThePlant() {
        Plant ideal = new Plant(singleBoiler(0.0, 0.0, 0.0, 0L, PressurePlace.GROUP), BasketParameters.blind());
        Plant noisy = new Plant(singleBoiler(0.5, 0.2, 0.01, 99L, PressurePlace.LINE), BasketParameters.blind());
        pump(ideal, 5000);
        pump(noisy, 5000);
        assertThat(Arrays.equals(noisy.stateCopy(), ideal.stateCopy())).isTrue();
        assertThat(noisy.linePressureBar()).isEqualTo(ideal.linePressureBar());
        assertThat(noisy.lineSensorBar()).isNotEqualTo(ideal.lineSensorBar());
    }

    @Test
    void readingTheSensorsAllocatesNothing() {
        if (!(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean threads)
                || !threads.isThreadAllocatedMemoryEnabled()) {
            return; // PlantAllocationTest says so when it skips
        }
        Plant plant = new Plant(singleBoiler(0.2, 0.05, 0.001, 1L, PressurePlace.LINE), BasketParameters.blind());
        Sensors s = new Sensors();
        plant.actuators().pumpDuty(1.0).solenoidEnergised(true);
        double sink = 0;
        threads.getCurrentThreadAllocatedBytes();
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 20_000; i++) {
            plant.step(DT);
            plant.readSensors(s);
            sink += s.linePressureBar() + s.groupPressureBar() + s.transducerPressureBar();
        }
        assertThat(threads.getCurrentThreadAllocatedBytes() - before).isLessThan(4096);
        assertThat(sink).isPositive();
    }

    @Test
    void aMachineFileSaysWhereTheTransducerIsAndBadValuesAreRefusedAtTheirField() {
        Machine m = MachineFiles.parse("m.yaml", """
                preset: single-boiler
                sensors:
                  pressureTransducer: group
                  pressureNoiseBar: 0.03
                """, null);
        assertThat(m.parameters().sensors().pressureTransducer()).isEqualTo(PressurePlace.GROUP);
        assertThat(m.parameters().sensors().pressureNoiseBar()).isEqualTo(0.03);
        assertThat(m.parameters().sensors().lineRippleBar()).isEqualTo(SensorParameters.DEFAULT_LINE_RIPPLE_BAR);
        assertThatThrownBy(() -> MachineFiles.parse("m.yaml", "preset: single-boiler\nsensors:\n  pressureTransducer: boiler\n",
                null)).isInstanceOf(MachineFileException.class).hasMessageContaining("m.yaml:3:")
                .hasMessageContaining("sensors.pressureTransducer");
        assertThatThrownBy(() -> MachineFiles.parse("m.yaml", "preset: single-boiler\nsensors:\n  lineRippleBar: -0.1\n",
                null)).isInstanceOf(MachineFileException.class).hasMessageContaining("m.yaml:3:")
                .hasMessageContaining("sensors.lineRippleBar");
    }
}
