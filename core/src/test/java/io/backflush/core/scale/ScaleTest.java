package io.backflush.core.scale;

import io.backflush.core.machine.WaterChemistry;
import io.backflush.core.machine.MachineParameters;
import io.backflush.core.machine.Presets;
import io.backflush.core.support.Seeds;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;

class ScaleTest {
    private static final WaterChemistry HARD = new WaterChemistry(175, 125);

    private static Scale heated(WaterChemistry water, double litres, double waterC) {
        Scale s = new Scale(water, ScaleParameters.defaults());
        s.heat(litres, litres * 0.6, litres * 0.3, waterC);
        return s;
    }

    @Test
    void theElementScalesMoreThanTheWallsPerShareBecauseItIsHotter() {
        Scale s = heated(HARD, 100, 93);
        ScaleParameters p = s.parameters();
        double perShareElement = s.mg(ScaleSite.ELEMENT) / p.elementShare();
        double perShareWalls = s.mg(ScaleSite.BOILER) / p.boilerShare();
        assertThat(perShareElement).isGreaterThan(perShareWalls);
        assertThat(perShareWalls).isCloseTo(100 * Schulman.scaleMgPerLitre(175, 125, 93), within(1.0e-6));
        assertThat(s.litresHeated()).isEqualTo(100.0);
    }

    @Test
    void softWaterBarelyScalesAndHardWaterDoes() {
        assertThat(heated(new WaterChemistry(50, 50), 1000, 93).totalMg()).isLessThan(
                heated(HARD, 1000, 93).totalMg() / 50);
    }

    @Test
    void moreHardnessMoreLitresOrAHotterElementGiveMoreScale() {
        assertThat(heated(new WaterChemistry(250, 125), 100, 93).totalMg()).isGreaterThan(heated(HARD, 100, 93).totalMg());
        assertThat(heated(HARD, 200, 93).totalMg()).isGreaterThan(heated(HARD, 100, 93).totalMg());
        ScaleParameters d = ScaleParameters.defaults();
        ScaleParameters hot = new ScaleParameters(d.elementExcessK() + 15, d.elementShare(), d.boilerShare(),
                d.gicleurCapture(), d.seatCapture(), d.exhaustCapture(), d.screenCapture(), d.scaleDensityGPerMl(),
                d.scaleConductivityWPerMK(), d.scaleHeatCapacityJPerGK(), d.elementAreaCm2(), d.boreLengthMm(),
                d.minOpenAreaFraction(), d.minBoilerFraction(), d.seatLeakOnsetMg(), d.seatLeakPerMlPerSSqrtBarPerMg(),
                d.dissolvePerSAt90C(), d.acidHalfEffectGPerL(), d.dissolveDoublingC(), d.acidPerScaleG(),
                d.solutionLitres(), d.acidTaintMg());
        Scale hotter = new Scale(HARD, hot);
        hotter.heat(100, 60, 30, 93);
        assertThat(hotter.mg(ScaleSite.ELEMENT)).isGreaterThan(heated(HARD, 100, 93).mg(ScaleSite.ELEMENT));
    }

    @Test
    void aDescaleOfTwentyToSixtyMinutesRemovesMostOfTheScale() {
        for (double minutes : new double[] {20, 30, 60}) {
            Scale s = heated(HARD, 100, 93);
            double before = s.totalMg();
            s.fillTank(50.0);
            s.descale(minutes * 60, 90, 300);
            assertThat(s.totalMg()).as("%s min", minutes).isLessThan(0.3 * before);
        }
        Scale brief = heated(HARD, 100, 93);
        double before = brief.totalMg();
        brief.fillTank(50.0);
        brief.descale(120, 90, 300);
        assertThat(brief.totalMg()).as("2 minutes removes little").isGreaterThan(0.8 * before);
    }

    @Test
    void theAcidRunsOutOnABadlyScaledMachineAndWithoutAcidNothingDissolves() {
        Scale s = new Scale(HARD, ScaleParameters.defaults());
        s.setMg(ScaleSite.BOILER, 50_000); // 50 g: more than 25 g of citric acid can dissolve (19.5 g)
        s.fillTank(25.0);
        double dissolved = s.descale(3600, 90, 300);
        assertThat(dissolved).isCloseTo(25_000 / 1.28, within(1.0));
        assertThat(s.solutionAcidG()).isLessThan(1.0e-3);
        Scale water = heated(HARD, 100, 93);
        double before = water.totalMg();
        water.descale(3600, 90, 300); // no solution in the tank: plain water
        assertThat(water.totalMg()).isEqualTo(before);
    }

    @Test
    void theAcidLeftInTheBoilerIsFlushedOutByFreshWater() {
        Scale s = heated(HARD, 100, 93);
        s.fillTank(50.0);
        s.descale(1800, 90, 300);
        double acid = s.acidInBoilerMg();
        assertThat(acid).isGreaterThan(1000.0);
        double toCup = s.draw(60, 0.6, 300);
        assertThat(toCup).isCloseTo(acid * (1 - Math.exp(-0.2)) * 0.6, within(1.0e-6));
        s.draw(1500, 0.0, 300);
        assertThat(s.acidInBoilerMg()).isLessThan(acid * 0.01);
    }

    @Test
    void scaleNarrowsTheBoresInsulatesTheElementShrinksTheBoilerAndLeaksTheSeat() {
        MachineParameters clean = Presets.e61Hx();
        Scale s = new Scale(HARD, ScaleParameters.defaults());
        assertThat(s.effective(clean)).isEqualTo(clean);
        s.setMg(ScaleSite.ELEMENT, 40_000);
        s.setMg(ScaleSite.BOILER, 60_000);
        s.setMg(ScaleSite.GICLEUR, 1.0);
        s.setMg(ScaleSite.EXHAUST, 3.0);
        s.setMg(ScaleSite.SEAT, 2.0);
        MachineParameters scaled = s.effective(clean);
        // 1 mg in a 0.8 mm x 3 mm bore (1.51 mm³) at 2 g/ml: a third of the area
        assertThat(scaled.gicleur().diameterMm()).isCloseTo(0.8 * Math.sqrt(1 - 0.5 / 1.508), within(1.0e-3));
        assertThat(scaled.threeWayValve().exhaust().diameterMm()).isLessThan(clean.threeWayValve().exhaust().diameterMm());
        assertThat(scaled.boiler().volumeMl()).isCloseTo(clean.boiler().volumeMl() - 50.0, within(1.0e-9));
        // 40 g on 100 cm²: 2 mm at 1.5 W/(m·K) adds 0.133 K/W to the element's 0.1 K/W
        assertThat(scaled.boiler().elementConductanceWPerK()).isCloseTo(1.0 / (0.1 + 0.02 / 0.15), within(1.0e-9));
        assertThat(s.seatLeakCoefficient()).isCloseTo(0.05 * 1.5, within(1.0e-12));
        assertThat(scaled.boiler().elementHeatCapacityJPerK()).isCloseTo(40.0 + 0.82 * 40, within(1.0e-9));
        MachineParameters single = Presets.singleBoiler();
        assertThat(single.gicleur()).isNull();
        assertThat(s.effective(single).groupInlet().diameterMm()).isLessThan(single.groupInlet().diameterMm());
    }

    @Test
    void scaleIsNeverNegativeAndDescalingNeverAddsScale() {
        Seeds.theory("scale-descale", 500)
                .forAll(doubles().between(0, 500), doubles().between(0, 500), integers().between(0, 5000),
                        doubles().between(0, 7200))
                .checkAssert((h, a, litres, seconds) -> {
                    double acid = seconds / 120.0; // 0–60 g
                    Scale s = heated(new WaterChemistry(h, a), litres, 93);
                    double[] before = new double[ScaleSite.values().length];
                    for (ScaleSite site : ScaleSite.values()) {
                        before[site.ordinal()] = s.mg(site);
                        assertThat(s.mg(site)).isGreaterThanOrEqualTo(0.0);
                    }
                    s.fillTank(acid);
                    s.descale(seconds, 90, 300);
                    for (ScaleSite site : ScaleSite.values()) {
                        assertThat(s.mg(site)).isBetween(0.0, before[site.ordinal()]);
                    }
                    assertThat(s.solutionAcidG()).isBetween(0.0, acid);
                    assertThat(s.dissolvedMg() + s.totalMg()).isCloseTo(s.depositedMg(), within(1.0e-6 * (1 + s.depositedMg())));
                });
    }
}
