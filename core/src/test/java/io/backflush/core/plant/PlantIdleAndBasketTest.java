package io.backflush.core.plant;

import io.backflush.core.cleaning.Site;
import io.backflush.core.hydraulics.BasketParameters;
import io.backflush.core.hydraulics.Fluids;
import io.backflush.core.machine.Machine;
import io.backflush.core.machine.MachineParameters;
import io.backflush.core.machine.Presets;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Idle jumps and basket changes by their documented rules (docs/model.md, {@link Plant#idle} and
 * {@link Plant#changeBasket}): the standing water relaxes exponentially toward the metal, a
 * connected line keeps its water, a group holding less than it retains keeps it, the pump waits
 * for the next mains cycle, residue ages; a basket change takes the powder and the basket's share
 * of the dissolved detergent, puts the new basket in the flow path, and empties a basket once per
 * wetting.
 */
class PlantIdleAndBasketTest {
    private static final double DT = 0.001;
    /** ρ·c of water, J/(ml·K), from the density and specific heat the model documents (963 kg/m³, 4210 J/(kg·K)). */
    private static final double WATER_J_PER_ML_K = 963.0e-6 * 4210.0;

    private static MachineParameters singleBoiler() {
        return Presets.singleBoiler();
    }

    /**
     * ρc·W·dT_w/dt = G_w·(T_g − T_w) with the metal held: T_w − T_g falls by e^(−G_w·t/(ρc·W)); the
     * water grows by β·W·ΔT; a connected line neither bleeds nor fills.
     */
    @Test
    void theStandingWaterRelaxesTowardTheMetalAndAConnectedLineKeepsItsWater() {
        MachineParameters p = singleBoiler();
        Plant plant = new Plant(Machine.of(p), BasketParameters.blind());
        // fill with boiler water, then stop the pump with the valve still energised: a sealed, still group
        plant.actuators().pumpDuty(1.0).solenoidEnergised(true);
        for (int i = 0; i < 4000; i++) {
            plant.step(DT);
        }
        plant.actuators().pumpDuty(0.0);
        for (int i = 0; i < 200; i++) {
            plant.step(DT);
        }
        double water = plant.groupWaterMl();
        double metal = plant.groupTemperatureC();
        double chamber = plant.chamberWaterC();
        double line = plant.state(StateLayout.LINE_WATER_ML);
        assertThat(chamber - metal).as("the boiler's water is hotter than the metal").isGreaterThan(2.0);
        assertThat(line).isPositive();
        double seconds = 20.0;
        plant.idle(seconds);
        double coupling = p.groupHead().chamberWaterCouplingWPerK();
        double expected = metal + (chamber - metal) * Math.exp(-seconds * coupling / (WATER_J_PER_ML_K * water));
        assertThat(plant.chamberWaterC()).isCloseTo(expected, within(1e-9));
        assertThat(plant.groupTemperatureC()).isEqualTo(metal);
        double grown = Fluids.waterExpansionPerK(chamber) * water * (expected - chamber);
        assertThat(plant.groupWaterMl()).isCloseTo(water + grown, within(1e-9));
        assertThat(grown).isNegative();
        assertThat(plant.state(StateLayout.LINE_WATER_ML)).as("connected, the line does not bleed").isEqualTo(line);
    }

    /** A released group holding less than the water it retains keeps it: the drain takes only the excess. */
    @Test
    void aReleasedGroupHoldingLessThanItRetainsKeepsItsWaterWhileIdle() {
        MachineParameters p = singleBoiler();
        double retained = p.chamber().retainedWaterMl();
        assertThat(retained).isPositive();
        Plant plant = new Plant(Machine.of(p), BasketParameters.blind(), new InitialConditions(0.5 * retained, 93.0, Double.NaN));
        double water = plant.groupWaterMl();
        plant.idle(60.0);
        assertThat(plant.groupWaterMl()).isCloseTo(water, within(1e-9));
        assertThat(plant.state(StateLayout.TO_DRIP_TRAY_ML)).isZero();
    }

    /**
     * Pulse skipping decides at mains-cycle boundaries: after an idle jump to 1.0105 s the pump,
     * commanded on, first strokes at the next boundary, 1.02 s (50 Hz), not at once.
     */
    @Test
    void afterAnIdleJumpThePumpStartsAtTheNextMainsBoundary() {
        Plant plant = new Plant(Machine.of(singleBoiler()), BasketParameters.blind());
        plant.step(DT); // pump off
        plant.idle(1.0095);
        assertThat(plant.timeSeconds()).isCloseTo(1.0105, within(1e-12));
        plant.actuators().pumpDuty(1.0);
        for (int i = 0; i < 9; i++) {
            plant.step(DT);
            assertThat(plant.pumpRunningFraction()).as("step from %s s", plant.timeSeconds() - DT).isZero();
        }
        plant.step(DT); // [1.0195, 1.0205): strokes from 1.02 s
        assertThat(plant.pumpRunningFraction()).isCloseTo(0.5, within(1e-6));
        plant.step(DT);
        assertThat(plant.pumpRunningFraction()).isCloseTo(1.0, within(1e-9));
    }

    /** Fresh residue ages while the machine idles: it moves from the fresh pool to the aged one, none lost. */
    @Test
    void residueAgesWhileTheMachineIdles() {
        Plant plant = new Plant(Machine.of(singleBoiler()), BasketParameters.blind());
        plant.cleaning().setResidue(Site.SCREEN, 50.0, 0.0);
        plant.idle(6 * 3600.0);
        assertThat(plant.cleaning().freshMg(Site.SCREEN)).isLessThan(50.0);
        assertThat(plant.cleaning().agedMg(Site.SCREEN)).isPositive();
        assertThat(plant.cleaning().residueMg(Site.SCREEN)).isCloseTo(50.0, within(1e-9));
    }

    /**
     * A basket change takes the undissolved powder and the basket's share (1 − the headspace
     * fraction) of the dissolved detergent to the drip tray; the rest stays with the liquid above
     * the screen.
     */
    @Test
    void aBasketChangeTakesThePowderAndTheBasketsShareOfTheDissolvedDetergent() {
        MachineParameters p = singleBoiler();
        Plant plant = new Plant(Machine.of(p), BasketParameters.blind());
        plant.cleaning().addDetergent(3.0);
        plant.actuators().pumpDuty(1.0).solenoidEnergised(true);
        for (int i = 0; i < 3000; i++) {
            plant.step(DT);
        }
        plant.actuators().pumpDuty(0.0).solenoidEnergised(false);
        for (int i = 0; i < 1000; i++) {
            plant.step(DT);
        }
        double dissolved = plant.cleaning().dissolvedDetergentMg();
        double powder = plant.cleaning().undissolvedDetergentMg();
        double dumped = plant.cleaning().detergentDumpedMg();
        assertThat(dissolved).isPositive();
        assertThat(powder).isPositive();
        assertThat(plant.groupWaterMl()).isPositive();
        double share = 1.0 - p.chamber().headspaceAirFraction();
        plant.changeBasket(BasketParameters.blind());
        assertThat(plant.cleaning().undissolvedDetergentMg()).isZero();
        assertThat(plant.cleaning().dissolvedDetergentMg()).isCloseTo((1.0 - share) * dissolved, within(1e-9));
        assertThat(plant.cleaning().detergentDumpedMg()).isCloseTo(dumped + powder + share * dissolved, within(1e-9));
    }

    /**
     * The new basket is what the water meets: a puck put in the group passes water to the cup, the
     * blind basket none; a basket emptied is emptied again only once water came in since.
     */
    @Test
    void theNewBasketIsInTheFlowPathAndABasketIsEmptiedOncePerWetting() {
        MachineParameters p = singleBoiler();
        Plant plant = new Plant(Machine.of(p), BasketParameters.blind(), new InitialConditions(30.0, 93.0, Double.NaN));
        BasketParameters puck = BasketParameters.Puck.typical();
        plant.changeBasket(puck);
        assertThat(plant.basket()).isSameAs(puck);
        double emptiedFirst = plant.state(StateLayout.TO_DRIP_TRAY_ML) - plant.exhaustedToDripTrayMl();
        assertThat(emptiedFirst).isPositive();
        // released and still: no water comes in, the group drains a little through the exhaust
        for (int i = 0; i < 500; i++) {
            plant.step(DT);
        }
        assertThat(plant.groupInflowMlPerS()).isZero();
        plant.changeBasket(puck);
        assertThat(plant.state(StateLayout.TO_DRIP_TRAY_ML) - plant.exhaustedToDripTrayMl())
                .as("no water came in: nothing more to empty").isCloseTo(emptiedFirst, within(1e-12));
        // a shot: water comes in and reaches the cup through the puck
        plant.actuators().pumpDuty(1.0).solenoidEnergised(true);
        for (int i = 0; i < 5000; i++) {
            plant.step(DT);
        }
        assertThat(plant.cupFlowMlPerS()).as("through the puck").isGreaterThan(0.5);
        plant.actuators().pumpDuty(0.0).solenoidEnergised(false);
        for (int i = 0; i < 2000; i++) {
            plant.step(DT);
        }
        double water = plant.groupWaterMl();
        plant.changeBasket(BasketParameters.blind());
        double share = 1.0 - p.chamber().headspaceAirFraction();
        assertThat(plant.state(StateLayout.TO_DRIP_TRAY_ML) - plant.exhaustedToDripTrayMl())
                .as("wetted again: its share goes").isCloseTo(emptiedFirst + share * water, within(1e-9));
        plant.actuators().pumpDuty(1.0).solenoidEnergised(true);
        for (int i = 0; i < 5000; i++) {
            plant.step(DT);
        }
        assertThat(plant.cupFlowMlPerS()).as("the blind basket passes nothing").isZero();
    }

    /**
     * Setting the temperatures moves the standing water to the metal's temperature: it shrinks by
     * β·W·ΔT as it cools, which the expansion ledger counts, so the water held "as it came" is unchanged.
     */
    @Test
    void coolingTheMachineShrinksTheStandingWaterAndTheLedgerCountsIt() {
        Plant plant = new Plant(Machine.of(singleBoiler()), BasketParameters.blind(), new InitialConditions(20.0, 93.0, 88.0));
        double water = plant.groupWaterMl();
        double held = plant.heldWaterMl();
        assertThat(plant.chamberWaterC()).isEqualTo(88.0);
        plant.setTemperatures(70.0, 60.0);
        double shrunk = Fluids.waterExpansionPerK(88.0) * water * (60.0 - 88.0);
        assertThat(plant.chamberWaterC()).isEqualTo(60.0);
        assertThat(plant.groupWaterMl()).isCloseTo(water + shrunk, within(1e-12));
        assertThat(shrunk).isLessThan(-0.3); // about 6e-4/K × 20 ml × 28 K
        assertThat(plant.heldWaterMl()).isCloseTo(held, within(1e-12));
    }

    /**
     * Idling for no time does nothing: the valve commanded at 0 with its 20 ms dead time, a fixed
     * step of exactly 20 ms leaves the switch due but not yet taken (the fixed stepper takes a
     * switch at a step's start); idle(0) leaves it so, the time too, and the next step takes it.
     */
    @Test
    void idlingForNoTimeChangesNothing() {
        Plant plant = new Plant(Machine.of(Presets.singleBoiler()), BasketParameters.blind());
        assertThat(Presets.singleBoiler().threeWayValve().responseSeconds()).isEqualTo(0.020);
        plant.actuators().solenoidEnergised(true);
        plant.step(0.020);
        assertThat(plant.valveEnergised()).isFalse();
        double t = plant.timeSeconds();
        plant.idle(0.0);
        assertThat(plant.valveEnergised()).as("after idle(0)").isFalse();
        assertThat(plant.timeSeconds()).isEqualTo(t);
        plant.step(DT);
        assertThat(plant.valveEnergised()).isTrue();
    }
}
