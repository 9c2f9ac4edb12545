package io.backflush.bench;

import io.backflush.core.cleaning.CleaningParameters;
import io.backflush.core.hydraulics.BasketParameters;
import io.backflush.core.machine.Machine;
import io.backflush.core.machine.Presets;
import io.backflush.core.plant.ActuatorSchedule;
import io.backflush.core.plant.Actuators;
import io.backflush.core.plant.InitialConditions;
import io.backflush.core.plant.Plant;
import io.backflush.core.plant.Sensors;
import io.backflush.core.plant.StepperKind;
import io.backflush.core.plant.ReferenceIntegrator;
import io.backflush.core.plant.ScheduleResult;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * One simulated backflush cycle on {@code single-boiler} with a blind basket: 10 s pump on with
 * the solenoid energised, 10 s release, at 1 ms resolution (20 000 steps).
 *
 * <p>Both benchmarks measure a whole cycle per invocation and divide by 20 000
 * ({@link OperationsPerInvocation}), so the score is ns per 1 ms step (fixed stepper) or ns per
 * simulated millisecond (reference), and {@code gc.alloc.rate.norm} is bytes per step.
 *
 * <ul>
 *   <li>{@link #fixedStepperCycle}: a fresh {@link Plant} is built <em>inside</em> the measured
 *       method, so its construction (a few hundred bytes and a state array, once per 20 000 steps)
 *       is honestly charged to the steps; then the schedule is applied and the plant stepped
 *       20 000 times, as a real-time executive would. A fresh plant per invocation keeps every
 *       invocation the same scenario (fill, plateau, whoosh) instead of an ever-quiet plant;
 *       resetting state in a {@code Level.Invocation} setup would add timer overhead per call
 *       and is not needed at 20 000 steps per call.</li>
 *   <li>{@link #referenceStepperCycle}: the reference stepper driven tick by tick like the fixed
 *       one ({@code run --stepper reference}).</li>
 *   <li>{@link #referenceCycle}: the Commons Math reference on the same 20 s schedule, from command
 *       to command, including its dense-output metrics (how the tests use it).</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(1)
public class StepperBenchmark {
    /** Step, s. */
    public static final double DT_SECONDS = 1.0e-3;
    /** Steps in one 20 s cycle. */
    public static final int STEPS = 20_000;

    private Machine machine;
    private BasketParameters basket;
    private ActuatorSchedule schedule;
    private final Sensors sensors = new Sensors();

    @Setup(Level.Trial)
    public void setUp() {
        machine = Machine.of(Presets.singleBoiler());
        basket = BasketParameters.blind();
        schedule = ActuatorSchedule.backflush(1, 10.0, 10.0, 0.0);
    }

    @Benchmark
    @OperationsPerInvocation(STEPS)
    public double fixedStepperCycle() {
        return cycle(new Plant(machine, basket));
    }

    /**
     * The reference stepper advancing a plant tick by tick, as {@code run --stepper reference}
     * does: every 1 ms step integrated by Dormand–Prince between the parts' switch times.
     */
    @Benchmark
    @OperationsPerInvocation(STEPS)
    public double referenceStepperCycle() {
        return cycle(new Plant(machine, basket, InitialConditions.hotAndDry(), CleaningParameters.defaults(),
                StepperKind.REFERENCE));
    }

    /**
     * {@link #fixedStepperCycle} with the sensors read every tick as a controller does
     * ({@code Plant.readSensors}, then the group, line and transducer pressures: the preset's line
     * sensor with its mains-frequency ripple), to show what reading them costs and that it
     * allocates nothing either.
     */
    @Benchmark
    @OperationsPerInvocation(STEPS)
    public double fixedStepperCycleReadingSensors() {
        Plant plant = new Plant(machine, basket);
        Actuators actuators = plant.actuators();
        double sum = 0;
        for (int i = 0; i < STEPS; i++) {
            plant.readSensors(sensors);
            sum += sensors.groupPressureBar() + sensors.linePressureBar() + sensors.transducerPressureBar();
            schedule.applyAt(i * DT_SECONDS, actuators);
            plant.step(DT_SECONDS);
        }
        return sum + plant.state(0);
    }

    /** The schedule applied and the plant stepped 20 000 times, as a real-time executive would. */
    private double cycle(Plant plant) {
        Actuators actuators = plant.actuators();
        for (int i = 0; i < STEPS; i++) {
            schedule.applyAt(i * DT_SECONDS, actuators);
            plant.step(DT_SECONDS);
        }
        return plant.groupPressureBar() + plant.state(0);
    }

    @Benchmark
    @OperationsPerInvocation(STEPS)
    public ScheduleResult referenceCycle() {
        return new ReferenceIntegrator(machine, basket).run(schedule, STEPS * DT_SECONDS);
    }
}
