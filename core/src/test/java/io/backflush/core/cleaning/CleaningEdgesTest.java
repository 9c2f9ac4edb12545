package io.backflush.core.cleaning;

import io.backflush.core.param.InvalidParameterException;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The residue and detergent equations checked against their closed forms, one effect at a time,
 * and the corners of the bookkeeping (modes, clamps, caches, copies).
 */
class CleaningEdgesTest {
    private static final ResidueParameters R = ResidueParameters.defaults();
    private static final DetergentParameters D = DetergentParameters.defaults();

    private static Cleaning fresh() {
        return new Cleaning(CleaningParameters.defaults());
    }

    private static Cleaning with(ResidueParameters residue) {
        return new Cleaning(new CleaningParameters(residue, D));
    }

    /**
     * Dissolves the powder in 40 ml of cold standing water, one second a step (one long step would
     * let the explicit adsorption step take it all), until 1e-15 of it is left.
     */
    private static void dissolve(Cleaning c) {
        for (int i = 0; i < 600; i++) {
            c.step(1.0, 0, 0, 40, 20);
        }
    }

    /** The defaults with one component replaced. */
    private static ResidueParameters residueWith(String component, double value) {
        return replace(R, component, value);
    }

    @SuppressWarnings("unchecked")
    private static <T extends Record> T replace(T record, String component, double value) {
        try {
            RecordComponent[] components = record.getClass().getRecordComponents();
            Object[] args = new Object[components.length];
            Class<?>[] types = new Class<?>[components.length];
            boolean found = false;
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                args[i] = components[i].getAccessor().invoke(record);
                if (components[i].getName().equals(component)) {
                    args[i] = value;
                    found = true;
                }
            }
            assertThat(found).as("component %s of %s", component, record.getClass().getSimpleName()).isTrue();
            Constructor<?> canonical = record.getClass().getDeclaredConstructor(types);
            return (T) canonical.newInstance(args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new AssertionError(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    // ---- modes ----

    @Test
    void aPuckMakesItBrewingAndCleaningModeOrANonPositiveDoseDoesNot() {
        Cleaning c = fresh();
        assertThat(c.isBrewing()).isFalse();
        c.brewing(18, Roast.MEDIUM);
        assertThat(c.isBrewing()).isTrue();
        c.cleaningMode();
        assertThat(c.isBrewing()).isFalse();
        c.brewing(-5, Roast.DARK);
        assertThat(c.isBrewing()).isFalse();
        c.step(20, 1, 1.8, 40, 88);
        assertThat(c.totalDepositedMg()).as("a negative dose deposits nothing").isZero();
    }

    @Test
    void inCleaningModeNothingIsDepositedAndWhileBrewingNothingIsRemoved() {
        Cleaning cleaning = fresh();
        cleaning.setResidue(Site.PASSAGE, 50, 0);
        cleaning.step(1, 30, 0, 40, 90);
        assertThat(cleaning.totalDepositedMg()).isZero();
        assertThat(cleaning.removedMg(Site.PASSAGE)).isPositive();

        Cleaning brewing = fresh();
        brewing.setResidue(Site.PASSAGE, 50, 0);
        brewing.brewing(18, Roast.MEDIUM);
        brewing.step(1, 30, 0, 40, 90);
        assertThat(brewing.totalRemovedMg()).isZero();
        assertThat(brewing.residueMg(Site.PASSAGE)).isGreaterThan(50);
    }

    // ---- deposition ----

    @Test
    void aShotDepositsOnTheScreenByCupFlowAndOnPassageAndValveByTheReleaseFlow() {
        Cleaning c = fresh();
        c.brewing(22, Roast.DARK);
        double strength = 22.0 / 18.0 * Roast.DARK.oilFactor();
        // 30 ml through the puck and no release: only the screen
        c.step(15, 0, 2, 40, 90);
        double screen = R.screenCapacityMg() * -Math.expm1(-R.screenDepositMgPerMl() * strength * 30 / R.screenCapacityMg());
        assertThat(c.depositedMg(Site.SCREEN)).isCloseTo(screen, within(1e-9));
        assertThat(c.depositedMg(Site.PASSAGE)).isZero();
        assertThat(c.depositedMg(Site.VALVE)).isZero();
        // then 10 ml released back through passage and valve, nothing to the cup
        c.step(0.5, 20, 0, 40, 90);
        double passage = R.passageCapacityMg() * -Math.expm1(-R.passageDepositMgPerMl() * strength * 10 / R.passageCapacityMg());
        double valve = R.valveCapacityMg() * -Math.expm1(-R.valveDepositMgPerMl() * strength * 10 / R.valveCapacityMg());
        assertThat(c.depositedMg(Site.PASSAGE)).isCloseTo(passage, within(1e-9));
        assertThat(c.depositedMg(Site.VALVE)).isCloseTo(valve, within(1e-9));
        assertThat(c.depositedMg(Site.SCREEN)).isCloseTo(screen, within(1e-9));
        assertThat(c.totalDepositedMg()).isCloseTo(screen + passage + valve, within(1e-9));
        assertThat(c.totalResidueMg()).isCloseTo(screen + passage + valve, within(1e-9)); // nothing removed
    }

    @Test
    void aFullSiteTakesNoMoreAndItsResidueVersionStaysPut() {
        Cleaning c = fresh();
        c.setResidue(Site.SCREEN, R.screenCapacityMg(), 0);
        c.brewing(18, Roast.DARK);
        long version = c.residueVersion();
        c.step(1, 0, 2, 40, 20); // 20 °C: no ageing to speak of
        assertThat(c.depositedMg(Site.SCREEN)).isZero();
        assertThat(c.residueMg(Site.SCREEN)).isEqualTo(R.screenCapacityMg());
        assertThat(c.residueVersion()).isEqualTo(version);
        // set above what it would ever collect: deposition does not take any away
        c.setResidue(Site.SCREEN, 1.2 * R.screenCapacityMg(), 0);
        c.step(1, 0, 2, 40, 20);
        assertThat(c.residueMg(Site.SCREEN)).isEqualTo(1.2 * R.screenCapacityMg());
        // and flow back up through the puck carries no coffee onto the screen
        c.step(1, 0, -2, 40, 20);
        assertThat(c.residueMg(Site.SCREEN)).isEqualTo(1.2 * R.screenCapacityMg());
        assertThat(c.depositedMg(Site.SCREEN)).isZero();
    }

    @Test
    void aStepWithNoFlowOnlyAgesAndLeavesTheResidueVersionAlone() {
        Cleaning c = fresh();
        c.setResidue(Site.SCREEN, 10, 0);
        c.setResidue(Site.VALVE, 10, 0);
        long version = c.residueVersion();
        c.step(1, 0, 0, 40, 90);
        assertThat(c.residueVersion()).isEqualTo(version);
        assertThat(c.totalRemovedMg()).isZero();
        assertThat(c.agedMg(Site.SCREEN)).isPositive();
    }

    @Test
    void everyChangeOfResidueGivesAVersionNotSeenBefore() {
        Cleaning c = fresh();
        java.util.List<Long> versions = new java.util.ArrayList<>();
        versions.add(c.residueVersion());
        c.setResidue(Site.SCREEN, 10, 0);
        versions.add(c.residueVersion());
        c.brewing(18, Roast.MEDIUM);
        c.step(1, 0, 2, 40, 90); // deposits on the screen
        versions.add(c.residueVersion());
        c.cleaningMode();
        c.step(0.1, 0, 5, 40, 90); // a forward flush of the screen
        versions.add(c.residueVersion());
        Cleaning other = fresh();
        other.setResidue(Site.PASSAGE, 3, 0);
        c.copyFrom(other);
        versions.add(c.residueVersion());
        c.setResidue(Site.VALVE, 1, 0);
        versions.add(c.residueVersion());
        assertThat(versions).doesNotHaveDuplicates();
    }

    // ---- removal ----

    /** One step of water alone over fresh residue at the reference flow and 90 °C removes 1 − e^(−a·dt). */
    @Test
    void waterRemovesFreshResidueAtItsRateFromEverySiteOnTheExhaustPath() {
        Cleaning c = fresh();
        for (Site site : Site.values()) {
            c.setResidue(site, 100, 100);
        }
        double dt = 0.5;
        c.step(dt, R.referenceFlowMlPerS(), 0, 40, 90);
        double freshLeft = 100 * Math.exp(-R.waterFreshRemovalPerS() * dt);
        double agedLeft = 100 * Math.exp(-R.waterAgedRemovalPerS() * dt);
        double ageing = -Math.expm1(-R.ageingPerHourAt90C() / 3600 * dt);
        for (Site site : Site.values()) {
            assertThat(c.freshMg(site)).as("fresh %s", site).isCloseTo(freshLeft * (1 - ageing), within(1e-9));
            assertThat(c.agedMg(site)).as("aged %s", site).isCloseTo(agedLeft + freshLeft * ageing, within(1e-9));
            assertThat(c.removedMg(site)).as("removed %s", site).isCloseTo(200 - freshLeft - agedLeft, within(1e-9));
        }
        assertThat(c.totalRemovedMg()).isCloseTo(3 * (200 - freshLeft - agedLeft), within(1e-9));
    }

    @Test
    void removalScalesWithFlowToItsExponentAndDoublesPerHotWaterStep() {
        for (double exponent : new double[] {1.5, 2.0, 1.0}) {
            Cleaning c = with(residueWith("flowExponent", exponent));
            c.setResidue(Site.VALVE, 100, 0);
            double dt = 0.1;
            double flow = 2 * R.referenceFlowMlPerS();
            double groupC = 90 + R.hotWaterDoublingC(); // twice the rate
            c.step(dt, flow, 0, 40, groupC);
            double rate = R.waterFreshRemovalPerS() * Math.pow(2, exponent) * 2;
            double removed = 100 * -Math.expm1(-rate * dt);
            assertThat(c.removedMg(Site.VALVE)).as("exponent %s", exponent).isCloseTo(removed, within(1e-9));
        }
    }

    @Test
    void forwardFlowThroughAnOpenGroupFlushesOnlyTheScreenWithWaterAlone() {
        Cleaning c = fresh();
        for (Site site : Site.values()) {
            c.setResidue(site, 100, 0);
        }
        c.addDetergent(3);
        c.step(60, 0, 0, 40, 90); // dissolve most of it
        double dissolvedBefore = c.dissolvedDetergentMg();
        assertThat(dissolvedBefore).isPositive();
        double freshBefore = c.freshMg(Site.SCREEN);
        double agedBefore = c.agedMg(Site.SCREEN); // a little baked on in that minute
        double dt = 0.01;
        c.step(dt, 0, R.referenceFlowMlPerS(), 40, 90);
        // water's rates only: detergent in the chamber does not act on a forward flush
        double expected = freshBefore * -Math.expm1(-R.waterFreshRemovalPerS() * dt)
                + agedBefore * -Math.expm1(-R.waterAgedRemovalPerS() * dt);
        assertThat(c.removedMg(Site.SCREEN)).isCloseTo(expected, within(expected * 1e-6));
        assertThat(c.removedMg(Site.PASSAGE)).isZero();
        assertThat(c.removedMg(Site.VALVE)).isZero();
    }

    @Test
    void detergentAddsItsSaturatingRateToBothPools() {
        Cleaning c = fresh();
        c.setResidue(Site.PASSAGE, 100, 100);
        c.addDetergent(2);
        dissolve(c);
        double dissolved = c.dissolvedDetergentMg();
        double concentration = dissolved / 40;
        double freshBefore = c.freshMg(Site.PASSAGE);
        double agedBefore = c.agedMg(Site.PASSAGE);
        double dt = 1e-4; // short enough that the detergent barely leaves or adsorbs
        c.step(dt, R.referenceFlowMlPerS(), 0, 40, 90);
        double detergentRate = R.detergentRemovalPerS() * concentration / (concentration + R.detergentHalfEffectMgPerMl());
        double freshRemoved = freshBefore * -Math.expm1(-(R.waterFreshRemovalPerS() + detergentRate) * dt);
        double agedRemoved = agedBefore * -Math.expm1(-(R.waterAgedRemovalPerS() + detergentRate) * dt);
        assertThat(c.removedMg(Site.PASSAGE)).isCloseTo(freshRemoved + agedRemoved, within((freshRemoved + agedRemoved) * 1e-3));

        // with 1 ml left in the chamber there is no liquid for the detergent to act in: water alone
        Cleaning drained = fresh();
        drained.setResidue(Site.PASSAGE, 100, 0);
        drained.addDetergent(2);
        dissolve(drained);
        double before = drained.freshMg(Site.PASSAGE);
        double bakedBefore = drained.agedMg(Site.PASSAGE);
        drained.step(dt, R.referenceFlowMlPerS(), 0, 1.0, 90);
        double waterOnly = before * -Math.expm1(-R.waterFreshRemovalPerS() * dt)
                + bakedBefore * -Math.expm1(-R.waterAgedRemovalPerS() * dt);
        assertThat(drained.removedMg(Site.PASSAGE)).isCloseTo(waterOnly, within(waterOnly * 1e-3));
    }

    @Test
    void aCleanMachineKeepsItsResidueVersionWhileDetergentWaterFlows() {
        Cleaning c = fresh();
        c.addDetergent(3);
        long version = c.residueVersion();
        for (int i = 0; i < 100; i++) {
            c.step(0.01, 40, 0, 40, 90);
        }
        assertThat(c.dissolvedDetergentMg() + c.detergentToDripMg()).isPositive();
        assertThat(c.residueVersion()).isEqualTo(version);
        c.setResidue(Site.SCREEN, 1, 0);
        assertThat(c.residueVersion()).isNotEqualTo(version);
    }

    // ---- ageing ----

    @Test
    void ageingFollowsTheGroupTemperatureAndTheStepLengthOnOneInstance() {
        Cleaning c = fresh();
        c.setResidue(Site.PASSAGE, 100, 0);
        double k90 = R.ageingPerHourAt90C() / 3600;
        c.idle(3600, 90);
        double fresh = 100 * Math.exp(-k90 * 3600);
        assertThat(c.freshMg(Site.PASSAGE)).isCloseTo(fresh, within(1e-9));
        // same step length, 70 °C: Q10² slower
        c.idle(3600, 70);
        fresh *= Math.exp(-k90 / (R.ageingQ10() * R.ageingQ10()) * 3600);
        assertThat(c.freshMg(Site.PASSAGE)).isCloseTo(fresh, within(1e-9));
        // same temperature, a longer step
        c.idle(7200, 70);
        fresh *= Math.exp(-k90 / (R.ageingQ10() * R.ageingQ10()) * 7200);
        assertThat(c.freshMg(Site.PASSAGE)).isCloseTo(fresh, within(1e-9));
        assertThat(c.residueMg(Site.PASSAGE)).isCloseTo(100, within(1e-9));
        c.idle(0, 90);
        c.idle(-5, 90);
        assertThat(c.freshMg(Site.PASSAGE)).isCloseTo(fresh, within(1e-9));
    }

    @Test
    void freshResidueAgesAtEverySiteEvenWhenTheOthersAreClean() {
        for (Site site : Site.values()) {
            Cleaning c = fresh();
            c.setResidue(site, 100, 0);
            c.idle(3600, 90);
            assertThat(c.agedMg(site)).as("aged at %s", site)
                    .isCloseTo(100 * -Math.expm1(-R.ageingPerHourAt90C()), within(1e-9));
        }
    }

    // ---- detergent ----

    @Test
    void powderDissolvesOnlyIntoWaterWithItsTimeConstant() {
        Cleaning dry = fresh();
        dry.addDetergent(3);
        dry.step(30, 0, 0, 1.0, 90); // 1 ml is not water enough to dissolve into
        assertThat(dry.undissolvedDetergentMg()).isEqualTo(3000);
        Cleaning wet = fresh();
        wet.addDetergent(3);
        wet.step(D.dissolveSeconds(), 0, 0, 40, 90);
        assertThat(wet.undissolvedDetergentMg()).isCloseTo(3000 * Math.exp(-1), within(1e-9));
        assertThat(wet.dissolvedDetergentMg() + wet.adsorbedDetergentMg()).isCloseTo(3000 * -Math.expm1(-1), within(1e-9));
        Cleaning none = fresh();
        none.addDetergent(-2);
        assertThat(none.detergentDosedMg()).isZero();
        assertThat(none.undissolvedDetergentMg()).isZero();
    }

    @Test
    void dissolvedDetergentLeavesByDilutionSplitBetweenCupAndDripTray() {
        Cleaning c = fresh();
        c.addDetergent(1);
        dissolve(c);
        double before = c.dissolvedDetergentMg();
        double adsorbedBefore = c.adsorbedDetergentMg();
        double dt = 0.5; // 3 ml to the cup and 6 ml to the drip tray from 40 ml
        c.step(dt, 12, 6, 40, 20);
        double leaving = before * 9 / (40 + 9);
        assertThat(c.detergentToCupMg()).isCloseTo(leaving / 3, within(leaving * 1e-3));
        assertThat(c.detergentToDripMg()).isCloseTo(2 * leaving / 3, within(leaving * 1e-3));
        assertThat(c.dissolvedDetergentMg() + c.adsorbedDetergentMg())
                .isCloseTo(before + adsorbedBefore - leaving, within(leaving * 1e-3));
    }

    @Test
    void surfacesAdsorbTowardTheirCapacityAndReleaseItWhenTheLiquidIsClear() {
        Cleaning c = fresh();
        c.addDetergent(3);
        dissolve(c);
        double dissolved = c.dissolvedDetergentMg();
        double adsorbed = c.adsorbedDetergentMg();
        assertThat(adsorbed).isPositive().isLessThan(D.adsorbedCapacityMg());
        // one short step by the adsorption law
        double dt = 0.01;
        double rate = D.adsorptionMlPerS() * dissolved / 40 * (1 - adsorbed / D.adsorbedCapacityMg()) - D.desorptionPerS() * adsorbed;
        c.step(dt, 0, 0, 40, 20);
        assertThat(c.adsorbedDetergentMg()).isCloseTo(adsorbed + rate * dt, within(1e-9));
        // the basket is dumped and clean water comes in: the surfaces give back, never below zero
        c.dumpChamber();
        assertThat(c.dissolvedDetergentMg()).isZero();
        double held = c.adsorbedDetergentMg();
        c.step(1.0, 0, 0, 40, 20);
        assertThat(c.adsorbedDetergentMg()).isCloseTo(held - D.desorptionPerS() * held, within(1e-9));
        assertThat(c.dissolvedDetergentMg()).isCloseTo(D.desorptionPerS() * held, within(1e-9));
        for (int i = 0; i < 1000; i++) {
            c.step(10, 0, 0, 40, 20);
        }
        assertThat(c.adsorbedDetergentMg()).isGreaterThanOrEqualTo(0).isLessThan(held);
        assertThat(c.detergentLeftMg()).isCloseTo(
                c.undissolvedDetergentMg() + c.dissolvedDetergentMg() + c.adsorbedDetergentMg(), within(1e-12));
        assertThat(c.detergentToCupMg()).as("standing water sends nothing to the cup").isZero();
        assertThat(c.detergentToDripMg()).as("or to the drip tray").isZero();
    }

    @Test
    void surfacesExchangeDetergentOnlyWithAChamberHoldingWater() {
        Cleaning c = fresh();
        c.addDetergent(1);
        dissolve(c);
        double dissolved = c.dissolvedDetergentMg();
        double adsorbed = c.adsorbedDetergentMg();
        c.step(1.0, 0, 0, 1.0, 20);
        assertThat(c.adsorbedDetergentMg()).isEqualTo(adsorbed);
        assertThat(c.dissolvedDetergentMg()).isEqualTo(dissolved);
    }

    @Test
    void oneLongStepNeitherAdsorbsMoreThanIsDissolvedNorReleasesMoreThanIsHeld() {
        Cleaning c = fresh();
        c.addDetergent(1);
        c.step(3600, 0, 0, 40, 20); // dissolves it all, and the explicit adsorption step wants more than that
        assertThat(c.dissolvedDetergentMg()).isZero();
        assertThat(c.adsorbedDetergentMg()).isCloseTo(1000, within(1e-9));
        c.dumpChamber();
        c.step(3600, 0, 0, 40, 20); // and now wants to release more than the surfaces hold
        assertThat(c.adsorbedDetergentMg()).isZero();
        assertThat(c.dissolvedDetergentMg()).isCloseTo(1000, within(1e-9));
    }

    // ---- effects ----

    @Test
    void valveResidueNeverClosesTheExhaustBelowFivePercent() {
        Cleaning c = fresh();
        c.setResidue(Site.VALVE, R.exhaustBlockingMg() * 0.5, 0);
        assertThat(c.exhaustAreaFactor()).isCloseTo(0.5, within(1e-12));
        c.setResidue(Site.VALVE, 0, R.exhaustBlockingMg() * 2);
        assertThat(c.exhaustAreaFactor()).isEqualTo(0.05);
    }

    @Test
    void theCupTastesAgedScreenResidueFullyFreshHalfPassageAtThirtyPercentAndNotTheValve() {
        double taste = R.tasteResidueMg();
        Cleaning screenFresh = fresh();
        screenFresh.setResidue(Site.SCREEN, taste, 0);
        assertThat(screenFresh.cupPenalty(0)).isCloseTo(0.5, within(1e-12));
        Cleaning passage = fresh();
        passage.setResidue(Site.PASSAGE, taste / 2, taste / 2);
        assertThat(passage.cupPenalty(0)).isCloseTo(0.3, within(1e-12));
        Cleaning valve = fresh();
        valve.setResidue(Site.VALVE, taste, taste);
        assertThat(valve.cupPenalty(0)).isZero();
        Cleaning tolerant = new Cleaning(new CleaningParameters(R, replace(D, "shotTaintMg", 4.0)));
        assertThat(tolerant.cupPenalty(1.0)).as("1 mg in a shot against a 4 mg taint").isCloseTo(0.25, within(1e-12));
    }

    @Test
    void negativeResidueIsClampedToZero() {
        Cleaning c = fresh();
        c.setResidue(Site.SCREEN, -5, -1);
        assertThat(c.freshMg(Site.SCREEN)).isZero();
        assertThat(c.agedMg(Site.SCREEN)).isZero();
    }

    // ---- copies and parameters ----

    @Test
    void aCopyContinuesBitForBitAndCarriesEveryPoolAndAccumulator() {
        Cleaning a = fresh();
        a.setResidue(Site.SCREEN, 40, 10);
        a.setResidue(Site.VALVE, 70, 5);
        a.addDetergent(2);
        a.brewing(18, Roast.DARK);
        a.step(2, 3, 1.5, 40, 88);
        a.cleaningMode();
        for (int i = 0; i < 50; i++) {
            a.step(0.05, 30, 0.5, 35, 88.5);
        }
        a.dumpChamber();
        a.addDetergent(1);
        Cleaning b = fresh();
        b.copyFrom(a);
        assertSame(a, b);
        for (int i = 0; i < 50; i++) {
            a.step(0.05, 25, 0.2, 38, 88.51);
            b.step(0.05, 25, 0.2, 38, 88.51);
        }
        assertSame(a, b);
        assertThat(b.isBrewing()).isFalse();
        assertThat(b.parameters()).isEqualTo(CleaningParameters.defaults());
        assertThat(b.residueParameters()).isEqualTo(R);
        assertThat(b.detergentParameters()).isEqualTo(D);
    }

    @Test
    void aCopyOfABrewingMachineBrewsAndACopyOfAnInertOneStaysInert() {
        Cleaning brewing = fresh();
        brewing.brewing(18, Roast.LIGHT);
        Cleaning copy = fresh();
        copy.copyFrom(brewing);
        assertThat(copy.isBrewing()).isTrue();
        copy.step(10, 0, 2, 40, 90);
        assertThat(copy.depositedMg(Site.SCREEN)).isPositive();

        Cleaning inert = fresh();
        Cleaning inertCopy = fresh();
        inertCopy.setResidue(Site.SCREEN, 5, 0);
        inertCopy.copyFrom(inert);
        long version = inertCopy.residueVersion();
        inertCopy.step(1, 30, 0, 40, 90);
        assertThat(inertCopy.residueVersion()).isEqualTo(version);
        assertThat(inertCopy.totalResidueMg()).isZero();
    }

    private static void assertSame(Cleaning a, Cleaning b) {
        for (Site site : Site.values()) {
            assertThat(b.freshMg(site)).as("fresh %s", site).isEqualTo(a.freshMg(site));
            assertThat(b.agedMg(site)).as("aged %s", site).isEqualTo(a.agedMg(site));
            assertThat(b.removedMg(site)).as("removed %s", site).isEqualTo(a.removedMg(site));
            assertThat(b.depositedMg(site)).as("deposited %s", site).isEqualTo(a.depositedMg(site));
        }
        assertThat(b.undissolvedDetergentMg()).isEqualTo(a.undissolvedDetergentMg());
        assertThat(b.dissolvedDetergentMg()).isEqualTo(a.dissolvedDetergentMg());
        assertThat(b.adsorbedDetergentMg()).isEqualTo(a.adsorbedDetergentMg());
        assertThat(b.detergentToDripMg()).isEqualTo(a.detergentToDripMg());
        assertThat(b.detergentToCupMg()).isEqualTo(a.detergentToCupMg());
        assertThat(b.detergentDumpedMg()).isEqualTo(a.detergentDumpedMg());
        assertThat(b.detergentDosedMg()).isEqualTo(a.detergentDosedMg());
        assertThat(b.isBrewing()).isEqualTo(a.isBrewing());
    }

    @Test
    void everyResidueAndDetergentParameterRefusesAnImpossibleValueByName() {
        for (RecordComponent component : ResidueParameters.class.getRecordComponents()) {
            assertThatThrownBy(() -> replace(R, component.getName(), -1.0))
                    .as(component.getName()).isInstanceOf(InvalidParameterException.class)
                    .hasMessageStartingWith(component.getName() + ":");
        }
        for (RecordComponent component : DetergentParameters.class.getRecordComponents()) {
            assertThatThrownBy(() -> replace(D, component.getName(), -1.0))
                    .as(component.getName()).isInstanceOf(InvalidParameterException.class)
                    .hasMessageStartingWith(component.getName() + ":");
        }
        assertThatThrownBy(() -> new CleaningParameters(null, D)).hasMessageStartingWith("residue:");
        assertThatThrownBy(() -> new CleaningParameters(R, null)).hasMessageStartingWith("detergent:");
    }

    @Test
    void eachSiteHasItsOwnCapacity() {
        assertThat(R.capacityMg(Site.SCREEN)).isEqualTo(R.screenCapacityMg());
        assertThat(R.capacityMg(Site.PASSAGE)).isEqualTo(R.passageCapacityMg());
        assertThat(R.capacityMg(Site.VALVE)).isEqualTo(R.valveCapacityMg());
        assertThat(new double[] {R.screenCapacityMg(), R.passageCapacityMg(), R.valveCapacityMg()}).doesNotHaveDuplicates();
    }

    @Test
    void roastsAndSitesReadAndWriteTheirLowerCaseNames() {
        for (Roast roast : Roast.values()) {
            assertThat(Roast.parse(roast.label())).isEqualTo(roast);
        }
        assertThat(Roast.DARK.label()).isEqualTo("dark");
        assertThatThrownBy(() -> Roast.parse("espresso")).hasMessageContaining("unknown roast 'espresso'");
        assertThat(Site.PASSAGE.label()).isEqualTo("passage");
    }
}
