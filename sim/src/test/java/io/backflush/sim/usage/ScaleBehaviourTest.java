package io.backflush.sim.usage;

import io.backflush.core.cleaning.CleaningParameters;
import io.backflush.core.cleaning.Roast;
import io.backflush.core.hydraulics.BasketParameters;
import io.backflush.core.machine.Machine;
import io.backflush.core.machine.Presets;
import io.backflush.core.plant.Faults;
import io.backflush.core.plant.InitialConditions;
import io.backflush.core.plant.Plant;
import io.backflush.core.scale.Scale;
import io.backflush.core.scale.ScaleParameters;
import io.backflush.core.scale.ScaleSite;
import io.backflush.core.machine.WaterChemistry;
import io.backflush.sim.control.BoilerThermostat;
import io.backflush.sim.program.Programs;
import io.backflush.sim.run.BackflushRun;
import io.backflush.sim.run.CycleReport;
import io.backflush.sim.run.RunResult;
import io.backflush.sim.run.Simulation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What scale does over a year of café use in hard water, and what descaling undoes (docs/model.md §14).
 * One year per strategy is simulated once for the class.
 */
class ScaleBehaviourTest {
    static final WaterChemistry HARD = new WaterChemistry(175, 125);
    static final Machine E61 = Machine.of(Presets.e61Hx());
    static MachineLife neverDescaled;
    static MachineLife monthly;
    static LifeResult neverResult;
    static LifeResult monthlyResult;

    static MachineLife life(String strategy, int days, double shots, WaterChemistry water) {
        Usage usage = new Usage(days, shots, false, Roast.MEDIUM, 18.0, 7.0, 19.0);
        return new MachineLife(E61, usage, Strategies.find(strategy).orElseThrow(), 1L, StepPolicy.fast(),
                CleaningParameters.defaults()).water(water, ScaleParameters.defaults());
    }

    @BeforeAll
    static void aYearOfCafeUse() throws Exception {
        neverDescaled = life("detergent-daily", 365, 100, HARD);
        monthly = life("cafe-descale-monthly", 365, 100, HARD);
        // the two years are independent and deterministic: side by side on two cores
        java.util.concurrent.CompletableFuture<LifeResult> other =
                java.util.concurrent.CompletableFuture.supplyAsync(monthly::run);
        neverResult = neverDescaled.run();
        monthlyResult = other.get(10, java.util.concurrent.TimeUnit.MINUTES);
        System.out.println("never descaled: " + neverResult.scale());
        System.out.println("monthly: " + monthlyResult.scale());
    }

    /** A fresh hot plant on the machine a life left behind (its scale, no residue), seat leak as a fault. */
    static Plant scaledPlant(MachineLife life, InitialConditions start) {
        Plant p = new Plant(life.plant().machine(), BasketParameters.blind(), start);
        p.setFaults(new Faults(1, 1, life.scale().seatLeakCoefficient()));
        return p;
    }

    static double heatUpSeconds(Plant plant) {
        BoilerThermostat thermostat = new BoilerThermostat(93.0, 1.0);
        Simulation sim = new Simulation(plant, (s, a) -> a.heaterDuty(thermostat.heaterDuty(s.boilerTemperatureC())), 0.01);
        while (plant.boilerSensorC() < 93.0 && plant.timeSeconds() < 1200) {
            sim.runUntil(plant.timeSeconds() + 0.5);
        }
        return plant.timeSeconds();
    }

    static CycleReport firstCycle(Plant plant) {
        RunResult r = BackflushRun.simulate(plant, Programs.find("water-5x10").orElseThrow(), 0.001, 0.0, List.of());
        return r.cycles().get(0);
    }

    @Test
    void aYearInHardWaterWithoutDescalingShowsTheSymptoms() {
        Plant clean = new Plant(E61, BasketParameters.blind(), InitialConditions.coldAndDry());
        Plant scaled = scaledPlant(neverDescaled, InitialConditions.coldAndDry());
        double cleanHeatUp = heatUpSeconds(clean);
        double scaledHeatUp = heatUpSeconds(scaled);
        CycleReport cleanCycle = firstCycle(new Plant(E61, BasketParameters.blind()));
        CycleReport scaledCycle = firstCycle(scaledPlant(neverDescaled, InitialConditions.hotAndDry()));
        System.out.printf("heat-up %.1f -> %.1f s; quiet %s -> %s s; whoosh %.1f -> %.1f ml/s at %.2f -> %.2f bar; leak %.3f%n",
                cleanHeatUp, scaledHeatUp, cleanCycle.quietAfterSeconds(), scaledCycle.quietAfterSeconds(),
                cleanCycle.whooshPeakFlowMlPerS(), scaledCycle.whooshPeakFlowMlPerS(), cleanCycle.plateauBar(),
                scaledCycle.plateauBar(),
                neverDescaled.scale().seatLeakCoefficient());
        assertThat(scaledHeatUp).as("slower heat-up").isGreaterThan(cleanHeatUp * 1.05);
        double scaledQuiet = scaledCycle.quietAfterSeconds() == null ? Double.POSITIVE_INFINITY : scaledCycle.quietAfterSeconds();
        assertThat(scaledQuiet).as("slower first fill").isGreaterThan(cleanCycle.quietAfterSeconds() * 1.05);
        assertThat(scaledCycle.whooshPeakFlowMlPerS()).as("weaker whoosh").isLessThan(cleanCycle.whooshPeakFlowMlPerS() * 0.9);
        // and not only from a lower plateau (the slower fill): the narrower exhaust passes less at the same pressure
        assertThat(scaledCycle.whooshPeakFlowMlPerS() / Math.sqrt(scaledCycle.plateauBar())).as("exhaust narrowed")
                .isLessThan(0.9 * cleanCycle.whooshPeakFlowMlPerS() / Math.sqrt(cleanCycle.plateauBar()));
        assertThat(neverDescaled.scale().seatLeakCoefficient()).as("a dripping valve").isGreaterThan(0.0);
        assertThat(neverDescaled.plant().machine().parameters().boiler().volumeMl())
                .as("the boiler holds less").isLessThan(E61.parameters().boiler().volumeMl() * 0.95);
    }

    @Test
    void monthlyDescalingRemovesMostOfTheScaleAndTheSymptoms() {
        Scale never = neverDescaled.scale();
        Scale kept = monthly.scale();
        assertThat(kept.totalMg()).isLessThan(0.2 * never.totalMg());
        for (ScaleSite site : ScaleSite.values()) {
            assertThat(kept.mg(site)).as(site.label()).isLessThan(0.3 * never.mg(site));
        }
        assertThat(kept.seatLeakCoefficient()).as("the seat seals again").isZero();
        assertThat(monthlyResult.scale().acidUsedG()).isEqualTo(12 * 50.0);
        assertThat(monthlyResult.scale().descaleMinutes()).isBetween(12 * 20.0, 12 * 60.0);
        assertThat(monthlyResult.scale().acidTaintedShots()).as("the flush rinses the acid out").isZero();
    }

    @Test
    void aDescaleProgramRemovesMostScaleAndADetergentBackflushNone() {
        MachineLife life = life("detergent-daily", 30, 100, HARD);
        life.run();
        Scale s = life.scale();
        double before = s.totalMg();
        life.clean(new CleaningTask(1, Programs.find("detergent-5x10-rinse-5").orElseThrow(), 3.0, false, false));
        assertThat(s.totalMg()).as("detergent leaves scale (fresh rinse water adds a little)").isGreaterThanOrEqualTo(before);
        for (String program : List.of("descale-manufacturer", "descale-firmware")) {
            MachineLife again = life("detergent-daily", 30, 100, HARD);
            again.run();
            double scaled = again.scale().totalMg();
            again.clean(new CleaningTask(1, Programs.find(program).orElseThrow(), 0.0, false, false, 0.0, 50.0));
            assertThat(again.scale().totalMg()).as(program).isLessThan(0.3 * scaled);
        }
    }

    @Test
    void citricAcidDoesNotRemoveCoffeeResidue() {
        MachineLife acid = life("none", 7, 10, HARD);
        acid.run();
        MachineLife water = life("none", 7, 10, HARD);
        water.run();
        acid.clean(new CleaningTask(1, Programs.find("descale-manufacturer").orElseThrow(), 0.0, false, false, 0.0, 50.0));
        water.clean(new CleaningTask(1, Programs.find("descale-manufacturer").orElseThrow(), 0.0, false, false, 0.0, 0.0));
        assertThat(acid.plant().cleaning().totalResidueMg()).isEqualTo(water.plant().cleaning().totalResidueMg());
        assertThat(acid.scale().totalMg()).isLessThan(water.scale().totalMg());
    }

    @Test
    void theSameSeedGivesTheSameScaleOnAnyNumberOfThreads() throws InterruptedException {
        Usage usage = new Usage(31, 20, true, Roast.DARK, 18.0, 7.0, 19.0);
        List<Strategy> strategies = List.of(Strategies.find("cafe-descale-monthly").orElseThrow(),
                Strategies.find("water-daily").orElseThrow());
        ComparisonResult one = StrategyComparison.compare(Machine.of(Presets.singleBoiler()), usage, strategies,
                List.of(1L, 2L, 3L), 1, StepPolicy.fast(), CleaningParameters.defaults(), HARD,
                ScaleParameters.defaults(), n -> { });
        ComparisonResult three = StrategyComparison.compare(Machine.of(Presets.singleBoiler()), usage, strategies,
                List.of(1L, 2L, 3L), 3, StepPolicy.fast(), CleaningParameters.defaults(), HARD,
                ScaleParameters.defaults(), n -> { });
        assertThat(three).isEqualTo(one);
        assertThat(one.strategies().get(0).scaleMg().get("element")).isGreaterThan(0.0);
        assertThat(one.strategies().get(0).acidUsedG()).isEqualTo(50.0);
    }

    @Test
    void skippingTheAcidRinseTaintsTheNextShot() {
        var descaleOnly = new io.backflush.sim.program.BackflushProgram("descale-no-rinse",
                List.of(Programs.find("descale-manufacturer").orElseThrow().phases().get(0)));
        for (boolean rinse : new boolean[] {true, false}) {
            var program = rinse ? Programs.find("descale-manufacturer").orElseThrow() : descaleOnly;
            Strategy s = new Strategy("t", "", List.of(new CleaningTask(1, program, 0.0, false, false, 0.0, 25.0)));
            Usage usage = new Usage(2, 5, false, Roast.MEDIUM, 18.0, 7.0, 19.0);
            LifeResult r = new MachineLife(E61, usage, s, 1L, StepPolicy.fast(), CleaningParameters.defaults())
                    .water(HARD, ScaleParameters.defaults()).run();
            if (rinse) {
                assertThat(r.scale().acidTaintedShots()).as("rinsed").isZero();
            } else {
                assertThat(r.scale().acidTaintedShots()).as("not rinsed: the next morning's shots").isGreaterThanOrEqualTo(1);
            }
        }
    }
}
