package io.backflush.core.cleaning;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CleaningTest {
    private final Cleaning cleaning = new Cleaning(CleaningParameters.defaults());

    @Test
    void depositionSaturatesAtEachSitesCapacityInsteadOfGrowingWithoutBound() {
        cleaning.brewing(18, Roast.DARK);
        double previous = 0;
        double previousGain = Double.POSITIVE_INFINITY;
        for (int shot = 0; shot < 3000; shot++) {
            cleaning.step(20.0, 1.0, 1.8, 40, 88); // 36 ml to the cup, 20 ml released back, per "shot"
            double total = cleaning.residueMg(Site.SCREEN);
            double gain = total - previous;
            assertThat(gain).isGreaterThanOrEqualTo(0).isLessThanOrEqualTo(previousGain + 1e-9);
            previous = total;
            previousGain = gain;
        }
        ResidueParameters r = cleaning.residueParameters();
        assertThat(cleaning.residueMg(Site.SCREEN)).isLessThan(r.screenCapacityMg()).isGreaterThan(0.95 * r.screenCapacityMg());
        assertThat(cleaning.residueMg(Site.VALVE)).isLessThan(r.valveCapacityMg());
    }

    @Test
    void darkerRoastsAndBiggerDosesDepositMore() {
        double[] deposited = new double[3];
        for (Roast roast : Roast.values()) {
            Cleaning c = new Cleaning(CleaningParameters.defaults());
            c.brewing(18, roast);
            c.step(20, 1, 1.8, 40, 88);
            deposited[roast.ordinal()] = c.totalDepositedMg();
        }
        assertThat(deposited[0]).isLessThan(deposited[1]);
        assertThat(deposited[1]).isLessThan(deposited[2]);
        Cleaning big = new Cleaning(CleaningParameters.defaults());
        big.brewing(22, Roast.MEDIUM);
        big.step(20, 1, 1.8, 40, 88);
        assertThat(big.totalDepositedMg()).isCloseTo(deposited[1] * 22 / 18, within(deposited[1] * 0.01));
    }

    @Test
    void freshResidueBakesOnFasterWhenHot() {
        Cleaning hot = new Cleaning(CleaningParameters.defaults());
        Cleaning cold = new Cleaning(CleaningParameters.defaults());
        hot.setResidue(Site.SCREEN, 100, 0);
        cold.setResidue(Site.SCREEN, 100, 0);
        hot.idle(3600 * 10, 90);
        cold.idle(3600 * 10, 22);
        double k = cleaning.residueParameters().ageingPerHourAt90C();
        assertThat(hot.agedMg(Site.SCREEN)).isCloseTo(100 * (1 - Math.exp(-k * 10)), within(1e-9));
        assertThat(cold.agedMg(Site.SCREEN)).isLessThan(hot.agedMg(Site.SCREEN) / 50);
        assertThat(hot.residueMg(Site.SCREEN)).isCloseTo(100, within(1e-9)); // ageing moves, never removes
    }

    @Test
    void waterMovesFreshResidueButDetergentIsNeededForTheAgedPool() {
        Cleaning water = new Cleaning(CleaningParameters.defaults());
        Cleaning soap = new Cleaning(CleaningParameters.defaults());
        for (Cleaning c : new Cleaning[] {water, soap}) {
            c.setResidue(Site.PASSAGE, 50, 50);
        }
        soap.addDetergent(3);
        soap.step(60, 0, 0, 40, 88); // dissolve
        for (int i = 0; i < 100; i++) {
            water.step(0.01, 40, 0, 40, 88);
            soap.step(0.01, 40, 0, 40, 88);
        }
        double waterFresh = 1 - water.freshMg(Site.PASSAGE) / 50;
        double waterAged = 1 - water.agedMg(Site.PASSAGE) / 50;
        double soapAged = 1 - soap.agedMg(Site.PASSAGE) / 50;
        assertThat(waterFresh).isGreaterThan(10 * waterAged);
        assertThat(soapAged).isGreaterThan(10 * waterAged);
        assertThat(water.removedMg(Site.PASSAGE)).isCloseTo(100 - water.residueMg(Site.PASSAGE), within(1e-9));
    }

    @Test
    void everyMilligramOfDetergentIsAccountedFor() {
        cleaning.addDetergent(3);
        cleaning.step(5, 0, 0, 40, 88);
        for (int i = 0; i < 2000; i++) {
            cleaning.step(0.01, i % 3 == 0 ? 30 : 0, i % 5 == 0 ? 2 : 0, 30 + (i % 7), 88);
        }
        cleaning.dumpChamber();
        double accounted = cleaning.detergentLeftMg() + cleaning.detergentToDripMg() + cleaning.detergentToCupMg()
                + cleaning.detergentDumpedMg();
        assertThat(accounted).isCloseTo(3000, within(1e-9));
        assertThat(cleaning.detergentDosedMg()).isEqualTo(3000);
        assertThat(cleaning.adsorbedDetergentMg()).isPositive();
    }

    @Test
    void valveResidueNarrowsTheExhaustAndPastTheOnsetTheSeatLeaks() {
        ResidueParameters r = cleaning.residueParameters();
        assertThat(cleaning.exhaustAreaFactor()).isEqualTo(1.0);
        assertThat(cleaning.seatLeakCoefficient()).isZero();
        cleaning.setResidue(Site.VALVE, r.seatLeakOnsetMg() - 1, 0);
        assertThat(cleaning.seatLeakCoefficient()).isZero();
        assertThat(cleaning.exhaustAreaFactor()).isCloseTo(1 - (r.seatLeakOnsetMg() - 1) / r.exhaustBlockingMg(), within(1e-12));
        cleaning.setResidue(Site.VALVE, r.seatLeakOnsetMg() + 10, 0);
        assertThat(cleaning.seatLeakCoefficient()).isCloseTo(10 * r.seatLeakPerMg(), within(1e-12));
        cleaning.setResidue(Site.SCREEN, 0, 200);
        assertThat(cleaning.screenResistanceBarS2PerMl2()).isCloseTo(200 * r.screenResistancePerMg(), within(1e-12));
    }

    @Test
    void cupPenaltyRisesWithBrewPathResidueAndDetergentInTheShot() {
        assertThat(cleaning.cupPenalty(0)).isZero();
        double taste = cleaning.residueParameters().tasteResidueMg();
        cleaning.setResidue(Site.SCREEN, 0, taste);
        assertThat(cleaning.cupPenalty(0)).isCloseTo(1.0, within(1e-12));
        assertThat(cleaning.cupPenalty(cleaning.detergentParameters().shotTaintMg())).isCloseTo(2.0, within(1e-12));
    }
}
