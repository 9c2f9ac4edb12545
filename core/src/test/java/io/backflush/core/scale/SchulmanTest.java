package io.backflush.core.scale;

import io.backflush.core.machine.WaterChemistry;
import io.backflush.core.support.Seeds;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.quicktheories.generators.SourceDSL.doubles;

class SchulmanTest {
    @Test
    void reproducesTheFaqsWorkedTable() {
        // stason.org water-for-coffee FAQ §1.6: H = 175, A = 125 mg/L heated to 95 °C: about 77 mg/L; 125 °C: about 92
        assertThat(Schulman.scaleMgPerLitre(175, 125, 95)).isCloseTo(77.0, within(1.0));
        assertThat(Schulman.scaleMgPerLitre(175, 125, 125)).isCloseTo(92.0, within(1.5));
    }

    @Test
    void theRootSatisfiesTheEquation() {
        double x = Schulman.scaleMgPerLitre(175, 125, 95);
        double left = 0.9 * Math.log10(175 - x) + 2.465 * Math.log10(125 - x);
        assertThat(left).isCloseTo(39.61 - 13.12 * Math.log10(95 + 273), within(1.0e-7));
    }

    @Test
    void softWaterFormsNoScaleAtBrewTemperature() {
        assertThat(Schulman.scaleMgPerLitre(50, 50, 95)).isLessThan(0.5);
        assertThat(Schulman.scaleMgPerLitre(50, 50, 93)).isLessThan(0.5);
        assertThat(Schulman.scaleMgPerLitre(20, 20, 95)).isZero();
        assertThat(Schulman.scaleMgPerLitre(0, 125, 95)).isZero();
    }

    @Test
    void theFilterLowersBothByItsFraction() {
        WaterChemistry hard = new WaterChemistry(175, 125, 0.0);
        WaterChemistry filtered = new WaterChemistry(175, 125, 0.6);
        assertThat(filtered.effectiveHardnessMgPerL()).isCloseTo(70.0, within(1.0e-9));
        assertThat(Schulman.scaleMgPerLitre(filtered, 95)).isLessThan(Schulman.scaleMgPerLitre(hard, 95) / 5);
    }

    @Test
    void moreHardnessAlkalinityOrHeatNeverFormsLessAndNeverNegative() {
        Seeds.theory("schulman-monotonic", 2000)
                .forAll(doubles().between(0, 600), doubles().between(0, 600), doubles().between(20, 140),
                        doubles().between(0, 100))
                .checkAssert((h, a, t, d) -> {
                    double x = Schulman.scaleMgPerLitre(h, a, t);
                    assertThat(x).isBetween(0.0, Math.min(h, a));
                    assertThat(Schulman.scaleMgPerLitre(h + d, a, t)).isGreaterThanOrEqualTo(x - 1.0e-7);
                    assertThat(Schulman.scaleMgPerLitre(h, a + d, t)).isGreaterThanOrEqualTo(x - 1.0e-7);
                    assertThat(Schulman.scaleMgPerLitre(h, a, t + d / 4)).isGreaterThanOrEqualTo(x - 1.0e-7);
                });
    }
}
