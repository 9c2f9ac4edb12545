package io.backflush.sim.usage;

import io.backflush.core.cleaning.Cleaning;
import io.backflush.core.cleaning.CleaningParameters;
import io.backflush.core.cleaning.Site;
import io.backflush.core.hydraulics.BasketParameters;
import io.backflush.core.machine.Machine;
import io.backflush.core.plant.InitialConditions;
import io.backflush.core.plant.Plant;
import io.backflush.core.plant.StateLayout;
import io.backflush.sim.control.BackflushController;
import io.backflush.sim.control.BoilerThermostat;
import io.backflush.sim.program.BackflushProgram;
import io.backflush.sim.program.Phase;
import io.backflush.sim.program.PhaseKind;
import io.backflush.sim.run.CycleDetector;
import io.backflush.sim.run.CycleReport;
import io.backflush.sim.run.ProgramPhases;
import io.backflush.sim.run.Simulation;
import org.apache.commons.math3.distribution.PoissonDistribution;
import org.apache.commons.math3.random.Well19937c;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Days of use and cleaning on one machine: shots pulled through the day (each a hydraulic
 * simulation against a puck), the strategy's cleaning at the end of the day, the machine hot while
 * on and at room temperature overnight. Hours in which nothing flows are jumped over exactly
 * ({@link Plant#idle}); flows are stepped adaptively ({@link StepPolicy}).
 *
 * <p>Deterministic: the same machine, usage, strategy, seed and policy give the same numbers on
 * any thread. With {@link Usage#randomShots()} the seed draws each day's shot count (Poisson) and
 * each puck's resistance (log-normal, 10 % spread: an estimate of grind and tamp variation).
 */
public final class MachineLife {
    /** Boiler temperature while the machine is on, °C (the group is in steady state with it). */
    public static final double HOT_BOILER_C = InitialConditions.HOT_BOILER_C;

    private static final double DAY_SECONDS = 86_400.0;

    private final Machine machine;
    private final Usage usage;
    private final Strategy strategy;
    private final ShotRecipe recipe;
    private final StepPolicy policy;
    private final long seed;
    private final Plant plant;
    private final BoilerThermostat thermostat = new BoilerThermostat(HOT_BOILER_C, 1.0);

    private Well19937c random;
    private final io.backflush.sim.run.TickObserver observer;
    private final List<Double> residuePerDay = new java.util.ArrayList<>();
    private final List<Double> penaltyPerDay = new java.util.ArrayList<>();
    private int shots;
    private double penaltySum;
    private double worstPenalty;
    private int tainted;
    private int dripDays;
    private double cleaningWaterMl;
    private double detergentGrams;
    private double cleaningSeconds;

    public MachineLife(Machine machine, Usage usage, Strategy strategy, long seed, StepPolicy policy,
                       CleaningParameters cleaning) {
        this(machine, usage, strategy, seed, policy, cleaning, null);
    }

    /**
     * @param observer sees every step of every shot and cleaning cycle (tests, recorders); may be null
     */
    public MachineLife(Machine machine, Usage usage, Strategy strategy, long seed, StepPolicy policy,
                       CleaningParameters cleaning, io.backflush.sim.run.TickObserver observer) {
        this.observer = observer;
        this.machine = machine;
        this.usage = usage;
        this.strategy = strategy;
        this.recipe = ShotRecipe.typical(usage.roast());
        this.policy = policy;
        this.seed = seed;
        this.plant = new Plant(machine, BasketParameters.Open.screenOnly(),
                InitialConditions.hotAndDry(), cleaning);
    }

    public MachineLife(Machine machine, Usage usage, Strategy strategy, long seed) {
        this(machine, usage, strategy, seed, StepPolicy.fast(), CleaningParameters.defaults());
    }

    /** The plant, for inspection after {@link #run()}. */
    public Plant plant() {
        return plant;
    }

    public LifeResult run() {
        Well19937c random = new Well19937c(seed);
        this.random = usage.randomShots() ? random : null;
        PoissonDistribution perDay = usage.randomShots() && usage.shotsPerDay() > 0
                ? new PoissonDistribution(random, usage.shotsPerDay(), PoissonDistribution.DEFAULT_EPSILON,
                PoissonDistribution.DEFAULT_MAX_ITERATIONS)
                : null;
        for (int day = 0; day < usage.days(); day++) {
            simulateDay(day, perDay == null ? (int) Math.round(usage.shotsPerDay()) : perDay.sample());
        }
        Cleaning c = plant.cleaning();
        Map<String, Double> residue = new LinkedHashMap<>();
        for (Site site : Site.values()) {
            residue.put(site.label(), c.residueMg(site));
        }
        return new LifeResult(strategy.name(), seed, shots, shots == 0 ? 0.0 : penaltySum / shots, worstPenalty,
                residue, cleaningWaterMl, detergentGrams, cleaningSeconds / 60.0, tainted, dripDays, residuePerDay,
                penaltyPerDay);
    }

    private void simulateDay(int day, int shotCount) {
        double dayStart = day * DAY_SECONDS;
        double on = dayStart + usage.onHour() * 3600.0;
        double off = dayStart + usage.offHour() * 3600.0;
        // overnight at room temperature, then switched on and at temperature
        plant.setTemperatures(machine.parameters().environment().ambientC(), machine.parameters().environment().ambientC());
        idleUntil(on);
        plant.setTemperatures(HOT_BOILER_C, Double.NaN);
        boolean dripped = false;
        double cleanAt = off - 1800.0;
        int shotsBefore = shots;
        double penaltyBefore = penaltySum;
        for (int i = 0; i < shotCount; i++) {
            idleUntil(on + (i + 0.5) * (cleanAt - on) / shotCount);
            pullShot();
            dripped |= plant.cleaning().seatLeakCoefficient() > 0;
        }
        idleUntil(cleanAt);
        List<CleaningTask> due = dueTasks(day);
        for (CleaningTask task : due) {
            clean(task);
        }
        dripped |= plant.cleaning().seatLeakCoefficient() > 0;
        if (dripped) {
            dripDays++;
        }
        idleUntil(off);
        residuePerDay.add(plant.cleaning().totalResidueMg());
        penaltyPerDay.add(shots > shotsBefore ? (penaltySum - penaltyBefore) / (shots - shotsBefore)
                : plant.cleaning().cupPenalty(0.0));
    }

    private List<CleaningTask> dueTasks(int day) {
        List<CleaningTask> due = strategy.tasks().stream().filter(t -> t.dueOn(day)).toList();
        // a due task that replaces shorter-period ones (a weekly clean instead of that day's water backflush)
        int replacingPeriod = due.stream().filter(CleaningTask::replacesDaily).mapToInt(CleaningTask::everyDays)
                .max().orElse(0);
        return due.stream().filter(t -> t.everyDays() >= replacingPeriod).toList();
    }

    private void idleUntil(double t) {
        plant.idle(t - plant.timeSeconds());
    }

    private void pullShot() {
        plant.actuators().safeState();
        // with random use, grind and tamp vary: puck resistance log-normal, 10 % spread (estimate)
        double resistance = recipe.puckResistance()
                * (random == null ? 1.0 : Math.exp(0.1 * random.nextGaussian()));
        // a puck that wets, swells and erodes as the machine's file (or the defaults) say
        plant.changeBasket(new BasketParameters.ErodingPuck(resistance, machine.parameters().puck()));
        Cleaning c = plant.cleaning();
        c.brewing(recipe.doseGrams(), recipe.roast());
        double cup0 = plant.state(StateLayout.TO_CUP_ML);
        double detergent0 = c.detergentToCupMg();
        double start = plant.timeSeconds();
        ShotController controller = new ShotController(recipe, thermostat,
                () -> plant.state(StateLayout.TO_CUP_ML) - cup0, start);
        Simulation simulation = new Simulation(plant, controller, policy.dtMinSeconds());
        if (observer != null) {
            simulation.observe(observer);
        }
        simulation.advanceAdaptive(start + recipe.maxSeconds() + recipe.releaseSeconds() + 1.0,
                policy.dtMinSeconds(), policy.dtMaxSeconds(), policy.pressureStepBar(),
                () -> plant.timeSeconds() >= controller.doneAtSeconds(),
                () -> controller.secondsToTarget(plant.cupFlowMlPerS()));
        double detergentInShot = c.detergentToCupMg() - detergent0;
        double penalty = c.cupPenalty(detergentInShot);
        shots++;
        penaltySum += penalty;
        worstPenalty = Math.max(worstPenalty, penalty);
        if (detergentInShot > c.detergentParameters().shotTaintMg()) {
            tainted++;
        }
        c.cleaningMode();
        plant.actuators().safeState();
        plant.changeBasket(BasketParameters.Open.screenOnly());
    }

    /**
     * One cleaning task, now: the program's phases as {@link ProgramPhases} runs them, each
     * stepped adaptively (and, until clear, cycle by cycle), then the brewing basket back in.
     */
    void clean(CleaningTask task) {
        double water0 = plant.state(StateLayout.FROM_TANK_ML);
        double start = plant.timeSeconds();
        ProgramPhases.begin(plant);
        detergentGrams += ProgramPhases.run(plant, task.program(), task.detergentGrams(), (index, phase) -> {
            if (task.untilClear()) {
                runUntilClear(phase);
            } else {
                runCycles(phase, phase.cycles());
            }
        });
        plant.actuators().safeState();
        plant.changeBasket(BasketParameters.Open.screenOnly());
        cleaningWaterMl += plant.state(StateLayout.FROM_TANK_ML) - water0;
        cleaningSeconds += plant.timeSeconds() - start;
    }

    private void runUntilClear(Phase phase) {
        Cleaning c = plant.cleaning();
        for (int i = 0; i < phase.cycles(); i++) {
            CycleReport cycle = runCycles(phase, 1).get(0);
            if (phase.kind() == PhaseKind.RINSE || phase.kind() == PhaseKind.WATER) {
                if (c.detergentLeftMg() < c.detergentParameters().tasteThresholdMg()) {
                    return;
                }
            } else if (cycle.ranClear()) {
                return;
            }
        }
    }

    private List<CycleReport> runCycles(Phase phase, int cycles) {
        BackflushProgram program = new BackflushProgram("task", List.of(
                new Phase(phase.kind(), cycles, phase.pumpOnSeconds(), phase.releaseSeconds())));
        double start = plant.timeSeconds();
        BackflushController controller = new BackflushController(program, thermostat, start);
        CycleDetector detector = new CycleDetector(plant, t -> phase.kind().label());
        Simulation simulation = new Simulation(plant, controller, policy.dtMinSeconds()).observe(detector);
        if (observer != null) {
            simulation.observe(observer);
        }
        simulation.advanceAdaptive(controller.endSeconds(), policy.dtMinSeconds(), policy.dtMaxSeconds(),
                policy.pressureStepBar());
        detector.finish(plant);
        plant.actuators().safeState();
        return detector.cycles();
    }
}
