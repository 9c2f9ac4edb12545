package io.backflush.sim.usage;

import io.backflush.core.cleaning.Cleaning;
import io.backflush.core.cleaning.CleaningParameters;
import io.backflush.core.cleaning.Site;
import io.backflush.core.hydraulics.BasketParameters;
import io.backflush.core.machine.Machine;
import io.backflush.core.machine.MachineParameters;
import io.backflush.core.plant.Faults;
import io.backflush.core.plant.InitialConditions;
import io.backflush.core.plant.Plant;
import io.backflush.core.plant.StateLayout;
import io.backflush.core.scale.Scale;
import io.backflush.core.scale.ScaleParameters;
import io.backflush.core.scale.ScaleSite;
import io.backflush.core.machine.WaterChemistry;
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
 *
 * <p>With a water given ({@link #water}) the machine also scales: every litre of fresh water
 * heated (shots, backflushes, flushes) deposits at each {@link ScaleSite}, descale phases dissolve
 * it, and the acid they leave in the boiler goes out with the next draws (a shot that carries more
 * than the taste threshold is tainted). The scale's effects are applied between shots and
 * programs, never inside a step: at the start of each day and after a descale, when any of them
 * has moved by more than {@value #EFFECT_STEP} (relative) since it was last applied, the plant
 * continues on the scaled machine ({@link Plant#continuedOn}) with the seat's leak as a plant fault.
 */
public final class MachineLife {
    /** Boiler temperature while the machine is on, °C (the group is in steady state with it). */
    public static final double HOT_BOILER_C = InitialConditions.HOT_BOILER_C;

    private static final double DAY_SECONDS = 86_400.0;
    /** Relative change of a scale effect that makes the plant continue on a newly scaled machine. */
    static final double EFFECT_STEP = 0.02;

    private final Machine machine;
    private final Usage usage;
    private final Strategy strategy;
    private final ShotRecipe recipe;
    private final StepPolicy policy;
    private final long seed;
    private Plant plant;
    private Scale scale;
    private MachineParameters appliedScaled;
    private double appliedSeatLeak;
    private double freshLitres;
    private double descaleSeconds;
    private double acidUsedG;
    private int acidTainted;
    private double[] litresAtLastRun;
    private final BoilerThermostat thermostat = new BoilerThermostat(HOT_BOILER_C, 1.0);

    private Well19937c random;
    private final io.backflush.sim.run.TickObserver observer;
    private final List<Double> residuePerDay = new java.util.ArrayList<>();
    private final List<Double> penaltyPerDay = new java.util.ArrayList<>();
    private final List<Double> scalePerDay = new java.util.ArrayList<>();
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

    /**
     * Simulates scale from this water (null: no scale, as before); call before {@link #run()}.
     *
     * @return this
     */
    public MachineLife water(WaterChemistry water, ScaleParameters parameters) {
        this.scale = water == null ? null : new Scale(water, parameters);
        return this;
    }

    /** The machine's scale (null without a water), for inspection after {@link #run()}. */
    public Scale scale() {
        return scale;
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
        litresAtLastRun = new double[strategy.tasks().size()];
        for (int day = 0; day < usage.days(); day++) {
            simulateDay(day, perDay == null ? (int) Math.round(usage.shotsPerDay()) : perDay.sample());
        }
        Cleaning c = plant.cleaning();
        Map<String, Double> residue = new LinkedHashMap<>();
        for (Site site : Site.values()) {
            residue.put(site.label(), c.residueMg(site));
        }
        Map<String, Double> scaleMg = null;
        if (scale != null) {
            scaleMg = new LinkedHashMap<>();
            for (ScaleSite site : ScaleSite.values()) {
                scaleMg.put(site.label(), scale.mg(site));
            }
        }
        return new LifeResult(strategy.name(), seed, shots, shots == 0 ? 0.0 : penaltySum / shots, worstPenalty,
                residue, cleaningWaterMl, detergentGrams, cleaningSeconds / 60.0, tainted, dripDays, residuePerDay,
                penaltyPerDay, new LifeResult.ScaleResult(scaleMg, freshLitres, descaleSeconds / 60.0, acidUsedG,
                acidTainted, scalePerDay));
    }

    private void simulateDay(int day, int shotCount) {
        double dayStart = day * DAY_SECONDS;
        double on = dayStart + usage.onHour() * 3600.0;
        double off = dayStart + usage.offHour() * 3600.0;
        // overnight at room temperature, then switched on and at temperature
        plant.setTemperatures(machine.parameters().environment().ambientC(), machine.parameters().environment().ambientC());
        idleUntil(on);
        plant.setTemperatures(HOT_BOILER_C, Double.NaN);
        applyScale();
        boolean dripped = false;
        double cleanAt = off - 1800.0;
        int shotsBefore = shots;
        double penaltyBefore = penaltySum;
        for (int i = 0; i < shotCount; i++) {
            idleUntil(on + (i + 0.5) * (cleanAt - on) / shotCount);
            pullShot();
            dripped |= dripping();
        }
        idleUntil(cleanAt);
        List<CleaningTask> due = dueTasks(day);
        for (CleaningTask task : due) {
            clean(task);
        }
        if (strategy.scrubScreenEveryDays() > 0 && (day + 1) % strategy.scrubScreenEveryDays() == 0) {
            // the screen off and scrubbed by hand: its residue goes; time, no water
            plant.cleaning().setResidue(Site.SCREEN, 0.0, 0.0);
            cleaningSeconds += Strategy.SCRUB_MINUTES * 60.0;
        }
        dripped |= dripping();
        if (dripped) {
            dripDays++;
        }
        idleUntil(off);
        residuePerDay.add(plant.cleaning().totalResidueMg());
        if (scale != null) {
            scalePerDay.add(scale.totalMg());
        }
        penaltyPerDay.add(shots > shotsBefore ? (penaltySum - penaltyBefore) / (shots - shotsBefore)
                : plant.cleaning().cupPenalty(0.0));
    }

    private boolean dripping() {
        return plant.cleaning().seatLeakCoefficient() > 0 || plant.faults().seatLeakCoefficient() > 0;
    }

    private List<CleaningTask> dueTasks(int day) {
        List<CleaningTask> tasks = strategy.tasks();
        List<CleaningTask> due = new java.util.ArrayList<>();
        for (int i = 0; i < tasks.size(); i++) {
            CleaningTask t = tasks.get(i);
            if (t.dueOn(day) || t.dueAfterLitres(freshLitres - litresAtLastRun[i])) {
                due.add(t);
                litresAtLastRun[i] = freshLitres;
            }
        }
        // a due task that replaces shorter-period ones (a weekly clean instead of that day's water backflush)
        int replacingPeriod = due.stream().filter(CleaningTask::replacesDaily).mapToInt(CleaningTask::everyDays)
                .max().orElse(0);
        return due.stream().filter(t -> t.everyLitres() > 0 || t.everyDays() >= replacingPeriod).toList();
    }

    /** The water ledger at one moment: what went through the boiler, to the cup and to the drip tray. */
    private record Ledger(double fromTankMl, double returnedMl, double cupMl, double dripMl) {
        static Ledger of(Plant p) {
            return new Ledger(p.state(StateLayout.FROM_TANK_ML), p.state(StateLayout.RETURNED_TO_TANK_ML),
                    p.state(StateLayout.TO_CUP_ML), p.state(StateLayout.TO_DRIP_TRAY_ML));
        }
    }

    /**
     * Fresh water went through the boiler since {@code before}: it deposits scale and carries acid
     * left in the boiler out, the cup's share into the cup.
     *
     * @return acid carried into the cup, mg
     */
    private double freshWaterSince(Ledger before) {
        Ledger now = Ledger.of(plant);
        double heatedMl = Math.max(0.0, (now.fromTankMl - before.fromTankMl) - (now.returnedMl - before.returnedMl));
        freshLitres += heatedMl / 1000.0;
        if (scale == null || heatedMl <= 0.0) {
            return 0.0;
        }
        double cupMl = now.cupMl - before.cupMl;
        scale.heat(heatedMl / 1000.0, cupMl / 1000.0, (now.dripMl - before.dripMl) / 1000.0, HOT_BOILER_C);
        return scale.draw(heatedMl, cupMl / heatedMl, boilerMl());
    }

    private double boilerMl() {
        return plant.machine().parameters().boiler().volumeMl();
    }

    /**
     * Puts the scale's effects on the plant when one has moved by more than {@link #EFFECT_STEP}
     * since last applied: the plant continues on the scaled machine, the seat's leak as a fault.
     */
    private void applyScale() {
        if (scale == null) {
            return;
        }
        MachineParameters clean = machine.parameters();
        MachineParameters scaled = scale.effective(clean);
        double leak = scale.seatLeakCoefficient();
        MachineParameters was = appliedScaled == null ? clean : appliedScaled;
        boolean moved = changed(scaled.boiler().elementConductanceWPerK(), was.boiler().elementConductanceWPerK())
                || changed(scaled.boiler().volumeMl(), was.boiler().volumeMl())
                || changed(scaled.groupInlet().diameterMm(), was.groupInlet().diameterMm())
                || (scaled.gicleur() != null && changed(scaled.gicleur().diameterMm(), was.gicleur().diameterMm()))
                || (scaled.threeWayValve() != null && changed(scaled.threeWayValve().exhaust().diameterMm(),
                was.threeWayValve().exhaust().diameterMm()))
                || changed(leak, appliedSeatLeak) || (leak > 0) != (appliedSeatLeak > 0);
        if (!moved) {
            return;
        }
        plant = plant.continuedOn(plant.machine().with(scaled));
        plant.setFaults(new Faults(1.0, 1.0, leak));
        appliedScaled = scaled;
        appliedSeatLeak = leak;
    }

    private static boolean changed(double now, double applied) {
        return Math.abs(now - applied) > EFFECT_STEP * Math.max(Math.abs(applied), 1.0e-12);
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
        Ledger before = Ledger.of(plant);
        double cup0 = plant.state(StateLayout.TO_CUP_ML);
        double detergent0 = c.detergentToCupMg();
        double start = plant.timeSeconds();
        ShotController controller = new ShotController(recipe, thermostat,
                () -> plant.state(StateLayout.TO_CUP_ML) - cup0, start);
        Simulation simulation = new Simulation(plant, controller, policy.shots().dtMinSeconds());
        if (observer != null) {
            simulation.observe(observer);
        }
        simulation.advanceAdaptive(start + recipe.maxSeconds() + recipe.releaseSeconds() + 1.0, policy.shots(),
                () -> plant.timeSeconds() >= controller.doneAtSeconds(),
                () -> controller.secondsToTarget(plant.cupFlowMlPerS()));
        double detergentInShot = c.detergentToCupMg() - detergent0;
        double acidInShot = freshWaterSince(before);
        double penalty = c.cupPenalty(detergentInShot);
        if (acidInShot > 0.0) {
            // acid left by a descale without its rinse: sour, counted like detergent (1 at the threshold)
            double acidTaint = scale.parameters().acidTaintMg();
            penalty += acidInShot / acidTaint;
            if (acidInShot > acidTaint) {
                acidTainted++;
            }
        }
        shots++;
        penaltySum += penalty;
        worstPenalty = Math.max(worstPenalty, penalty);
        if (detergentInShot > c.detergentParameters().shotTaintMg()) {
            tainted++;
        }
        c.cleaningMode();
        plant.actuators().safeState();
        plant.changeBasket(BasketParameters.Open.screenOnly());
        if (strategy.postShotFlushSeconds() > 0) {
            flushAfterShot(strategy.postShotFlushSeconds());
        }
    }

    /** The portafilter out, the pump on through the open group for a second or two: the screen's fresh residue rinsed. */
    private void flushAfterShot(double seconds) {
        Ledger before = Ledger.of(plant);
        double start = plant.timeSeconds();
        runCycles(new Phase(PhaseKind.FLUSH, 1, seconds, 1.0), 1);
        plant.actuators().safeState();
        freshWaterSince(before);
        cleaningWaterMl += plant.state(StateLayout.FROM_TANK_ML) - before.fromTankMl();
        cleaningSeconds += plant.timeSeconds() - start;
    }

    /**
     * One cleaning task, now: the program's phases as {@link ProgramPhases} runs them, each
     * stepped adaptively (and, until clear, cycle by cycle), then the brewing basket back in.
     */
    void clean(CleaningTask task) {
        double water0 = plant.state(StateLayout.FROM_TANK_ML);
        double start = plant.timeSeconds();
        boolean[] tankFilled = {false};
        ProgramPhases.begin(plant);
        detergentGrams += ProgramPhases.run(plant, task.program(), task.detergentGrams(), (index, phase) -> {
            boolean open = plant.basket() instanceof BasketParameters.Open;
            if (phase.kind().openGroup() != open) {
                // descaling runs through the open group (portafilter out); a backflush needs the blind basket
                plant.actuators().safeState();
                plant.changeBasket(phase.kind().openGroup() ? BasketParameters.Open.screenOnly()
                        : BasketParameters.blind());
            }
            if (phase.kind() == PhaseKind.DESCALE && !tankFilled[0]) {
                tankFilled[0] = true;
                acidUsedG += task.acidGrams();
                if (scale != null) {
                    scale.fillTank(task.acidGrams());
                }
            } else if (phase.kind() == PhaseKind.FLUSH && scale != null) {
                scale.emptyTank(); // a tank of fresh water
            }
            Ledger before = Ledger.of(plant);
            if (task.untilClear() && !phase.kind().openGroup()) {
                runUntilClear(phase);
            } else {
                runCycles(phase, phase.cycles());
            }
            if (phase.kind() == PhaseKind.DESCALE) {
                // the solution, not fresh water: it dissolves scale and deposits none
                if (scale != null) {
                    scale.descale(phase.durationSeconds(), HOT_BOILER_C, boilerMl());
                }
            } else {
                freshWaterSince(before);
            }
        });
        plant.actuators().safeState();
        plant.changeBasket(BasketParameters.Open.screenOnly());
        cleaningWaterMl += plant.state(StateLayout.FROM_TANK_ML) - water0;
        cleaningSeconds += plant.timeSeconds() - start;
        if (tankFilled[0]) {
            if (scale != null) {
                scale.emptyTank(); // the barista refills the tank with fresh water; the boiler keeps what it holds
            }
            descaleSeconds += plant.timeSeconds() - start; // the whole task: descale phases and their flush
            applyScale();
        }
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
        Simulation simulation = new Simulation(plant, controller, policy.cleaning().dtMinSeconds()).observe(detector);
        if (observer != null) {
            simulation.observe(observer);
        }
        simulation.advanceAdaptive(controller.endSeconds(), policy.cleaning(), () -> false,
                () -> Double.POSITIVE_INFINITY);
        detector.finish(plant);
        plant.actuators().safeState();
        return detector.cycles();
    }
}
