package io.backflush.core.plant;

import io.backflush.core.hydraulics.BasketParameters;
import io.backflush.core.machine.Machine;
import io.backflush.core.machine.Presets;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static org.assertj.core.api.Assertions.assertThat;

/** The hot path allocates nothing: two backflush cycles of steps, driven by a schedule. */
class PlantAllocationTest {

    @Test
    void steppingAWholeCycleAllocatesNothing() {
        Assumptions.assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean,
                "needs HotSpot's per-thread allocation counter");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled(),
                "the JVM does not count the bytes each thread allocates (or it was switched off)");
        ActuatorSchedule schedule = ActuatorSchedule.backflush(2, 10.0, 10.0, 0.5);
        Plant plant = new Plant(Machine.of(Presets.singleBoiler()), BasketParameters.blind());
        Actuators actuators = plant.actuators();
        threads.getCurrentThreadAllocatedBytes(); // the first call allocates (128 B)
        threads.getCurrentThreadAllocatedBytes();

        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 40_000; i++) {
            schedule.applyAt(i * 1.0e-3, actuators);
            plant.step(1.0e-3);
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        // One allocation per step would be at least 16 B x 40 000 = 640 kB. The bound leaves room
        // only for a one-off: when the JIT deoptimises a compiled frame it re-materialises the
        // objects escape analysis had removed (seen: 448 B once, while C2 recompiles).
        assertThat(allocated).as("bytes allocated by 40 000 steps").isLessThan(4096);
        assertThat(plant.state(StateLayout.TO_DRIP_TRAY_ML)).isPositive();
    }
}
