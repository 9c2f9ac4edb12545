package io.backflush.sim.usage;

import io.backflush.core.cleaning.Cleaning;
import io.backflush.core.cleaning.Roast;
import io.backflush.core.cleaning.Site;
import io.backflush.core.hydraulics.BasketParameters;
import io.backflush.core.machine.Machine;
import io.backflush.core.machine.Presets;
import io.backflush.core.plant.Plant;
import io.backflush.core.plant.StateLayout;
import io.backflush.sim.control.BackflushController;
import io.backflush.sim.control.BoilerThermostat;
import io.backflush.sim.program.BackflushProgram;
import io.backflush.sim.program.Phase;
import io.backflush.sim.program.PhaseKind;
import io.backflush.sim.run.CycleDetector;
import io.backflush.sim.run.CycleReport;
import io.backflush.sim.run.Simulation;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The cleaning behaviours of issue 3. */
class CleaningBehaviourTest {
    static final Machine MACHINE = Machine.of(Presets.singleBoiler());

    /** A week of 10 shots a day, medium roast, never cleaned: "a typically fouled group". */
    static Plant fouledWeek() {
        MachineLife life = new MachineLife(MACHINE, Usage.home(7, 10, Roast.MEDIUM), Strategies.find("none").orElseThrow(), 1);
        life.run();
        Plant plant = life.plant();
        plant.changeBasket(BasketParameters.blind());
        plant.cleaning().cleaningMode();
        return plant;
    }

    static List<CycleReport> cycles(Plant plant, PhaseKind kind, int n) {
        return io.backflush.sim.support.Cycles.cycles(plant, kind, n, null);
    }

    static double aged(Cleaning c) {
        double total = 0;
        for (Site s : Site.values()) {
            total += c.agedMg(s);
        }
        return total;
    }

    @Test
    void fiveToEightDetergentCyclesTakeAFouledGroupFromDarkToClear() {
        Plant plant = fouledWeek();
        assertThat(plant.cleaning().totalResidueMg()).isGreaterThan(100);
        plant.cleaning().addDetergent(3);
        List<CycleReport> cycles = cycles(plant, PhaseKind.DETERGENT, 10);
        double clear = CycleReport.CLEAR_RESIDUE_MG_PER_ML;
        assertThat(cycles.get(0).dischargeResidueMgPerMl()).as("first discharge is dark").isGreaterThan(5 * clear);
        int firstClear = cycles.stream().filter(c -> c.dischargeResidueMgPerMl() < clear).findFirst().orElseThrow().index();
        assertThat(firstClear).isBetween(5, 8);
        for (int i = 1; i < cycles.size(); i++) {
            assertThat(cycles.get(i).dischargeResidueMgPerMl()).isLessThan(cycles.get(i - 1).dischargeResidueMgPerMl() * 1.0001 + 1e-9);
        }
    }

    @Test
    void waterOnlyCyclesRemoveMuchLessOfTheAgedPoolThanDetergentCycles() {
        Plant water = fouledWeek();
        Plant detergent = fouledWeek();
        double aged0 = aged(water.cleaning());
        assertThat(aged0).isGreaterThan(30);
        detergent.cleaning().addDetergent(3);
        cycles(water, PhaseKind.WATER, 5);
        cycles(detergent, PhaseKind.DETERGENT, 5);
        double byWater = aged0 - aged(water.cleaning());
        double byDetergent = aged0 - aged(detergent.cleaning());
        assertThat(byWater).isPositive();
        assertThat(byWater).isLessThan(0.1 * byDetergent);
    }

    /** Rinse cycles (after the detergent phase and an emptied basket) until below the taste threshold. */
    static int rinsesNeeded(double grams) {
        Plant plant = new Plant(MACHINE, BasketParameters.blind());
        plant.cleaning().addDetergent(grams);
        cycles(plant, PhaseKind.DETERGENT, 5);
        plant.changeBasket(BasketParameters.blind());
        double threshold = plant.cleaning().detergentParameters().tasteThresholdMg();
        int rinses = 0;
        while (plant.cleaning().detergentLeftMg() >= threshold) {
            cycles(plant, PhaseKind.RINSE, 1);
            rinses++;
            assertThat(rinses).isLessThan(30);
        }
        return rinses;
    }

    @Test
    void threeToFiveRinsesClear3GramsAndOverdosingNeedsMore() {
        int three = rinsesNeeded(3);
        int six = rinsesNeeded(6);
        assertThat(three).isBetween(3, 5);
        assertThat(six).isGreaterThan(three);
    }

    /** Detergent carried into a shot pulled right after a 3 g detergent phase, with or without rinsing. */
    static double detergentInNextShot(int rinses) {
        Plant plant = new Plant(MACHINE, BasketParameters.blind());
        plant.cleaning().addDetergent(3);
        cycles(plant, PhaseKind.DETERGENT, 5);
        plant.changeBasket(BasketParameters.blind());
        if (rinses > 0) {
            cycles(plant, PhaseKind.RINSE, rinses);
        }
        plant.changeBasket(BasketParameters.Puck.typical());
        plant.cleaning().brewing(18, Roast.MEDIUM);
        double before = plant.cleaning().detergentToCupMg();
        plant.actuators().pumpDuty(1).solenoidEnergised(true);
        while (plant.state(StateLayout.TO_CUP_ML) < 36) {
            plant.step(0.001);
        }
        return plant.cleaning().detergentToCupMg() - before;
    }

    @Test
    void skippingTheRinseTaintsTheNextShot() {
        double taint = new Cleaning(io.backflush.core.cleaning.CleaningParameters.defaults()).detergentParameters().shotTaintMg();
        assertThat(detergentInNextShot(0)).isGreaterThan(taint);
        assertThat(detergentInNextShot(5)).isLessThan(taint);
    }

    static LifeResult month(String strategy, Roast roast) {
        return new MachineLife(MACHINE, Usage.home(30, 10, roast), Strategies.find(strategy).orElseThrow(), 1).run();
    }

    static double residue(LifeResult r) {
        return r.residueEndMg().values().stream().mapToDouble(Double::doubleValue).sum();
    }

    @Test
    void overAMonthNoneIsWorstAndWeeklyDetergentBeatsWaterAlone() {
        LifeResult none = month("none", Roast.MEDIUM);
        LifeResult water = month("water-daily", Roast.MEDIUM);
        LifeResult weekly = month("water-daily-detergent-weekly", Roast.MEDIUM);
        for (String other : Strategies.all().keySet()) {
            if (!other.equals("none")) {
                LifeResult r = month(other, Roast.MEDIUM);
                assertThat(r.meanCupPenalty()).as(other).isLessThan(none.meanCupPenalty());
                assertThat(residue(r)).as(other).isLessThan(residue(none));
            }
        }
        assertThat(weekly.meanCupPenalty()).isLessThan(water.meanCupPenalty());
        assertThat(residue(weekly)).isLessThan(residue(water));
        assertThat(none.dripDays()).isGreaterThan(water.dripDays());
    }

    @Test
    void darkRoastFoulsFasterThanLight() {
        assertThat(residue(month("none", Roast.DARK))).isGreaterThan(residue(month("none", Roast.LIGHT)));
        assertThat(residue(month("water-daily", Roast.DARK))).isGreaterThan(residue(month("water-daily", Roast.LIGHT)));
    }

    @Test
    void aFouledValveDripsAndWhooshesSlowerAndCleaningRemovesBoth() {
        Plant clean = new Plant(MACHINE, BasketParameters.blind());
        CycleReport cleanCycle = cycles(clean, PhaseKind.WATER, 2).get(1);

        Plant fouled = new Plant(MACHINE, BasketParameters.blind());
        fouled.cleaning().setResidue(Site.VALVE, 20, 60);
        // brewing with the valve energised: the seat leaks into the drip tray
        Plant brewing = new Plant(MACHINE, BasketParameters.Puck.typical());
        brewing.cleaning().setResidue(Site.VALVE, 20, 60);
        brewing.actuators().pumpDuty(1).solenoidEnergised(true);
        for (int i = 0; i < 20_000; i++) {
            brewing.step(0.001);
        }
        assertThat(brewing.valveEnergised()).isTrue();
        assertThat(brewing.exhaustWaterFlowMlPerS()).as("drip while brewing").isGreaterThan(0.05);
        assertThat(brewing.state(StateLayout.TO_DRIP_TRAY_ML)).isGreaterThan(1.0);

        CycleReport fouledCycle = cycles(fouled, PhaseKind.WATER, 2).get(1);
        assertThat(fouledCycle.whooshDecaySeconds()).isGreaterThan(cleanCycle.whooshDecaySeconds() * 1.1);
        assertThat(fouledCycle.whooshPeakFlowMlPerS()).isLessThan(cleanCycle.whooshPeakFlowMlPerS());

        fouled.changeBasket(BasketParameters.blind());
        fouled.cleaning().addDetergent(3);
        cycles(fouled, PhaseKind.DETERGENT, 6);
        fouled.changeBasket(BasketParameters.blind());
        cycles(fouled, PhaseKind.RINSE, 4);
        assertThat(fouled.cleaning().seatLeakCoefficient()).as("no drip after cleaning").isZero();
        CycleReport after = cycles(fouled, PhaseKind.WATER, 2).get(1);
        assertThat(after.whooshDecaySeconds()).isLessThan(fouledCycle.whooshDecaySeconds());
        assertThat(after.whooshDecaySeconds()).isLessThan(cleanCycle.whooshDecaySeconds() * 1.05);
    }
}
