package io.backflush.core.oracle;

import io.backflush.core.hydraulics.BasketParameters;
import io.backflush.core.hydraulics.OrificeParameters;
import io.backflush.core.machine.Machine;
import io.backflush.core.machine.Presets;
import io.backflush.core.plant.Plant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Independent oracle: where the gicleur limits the flow, the time to fill the group scales with
 * 1/(Cd·A) of the gicleur. With a small gicleur the OPV holds the pump outlet near its setting
 * whatever the group does, so the flow into the group is k·sqrt(x − p) with x almost fixed and k
 * proportional to Cd·A: the same volume takes a time inversely proportional to Cd·A. The ratio
 * is computed here from the diameters and Cd only, with the series correction
 * 1/k² = 1/k_gicleur² + 1/k_inlet² (docs/model.md §2.3) done by hand.
 */
class GicleurFillOracleTest {
    /** Start of the timed window, bar: the line is charged and the OPV holds the pump outlet. */
    private static final double FILL_FROM_BAR = 0.5;
    /** Fill target: the group pressure the chamber is filled to, bar (well below the 10 bar OPV). */
    private static final double FILL_TO_BAR = 5.0;
    /**
     * The outlet node moves a little with the flow the gicleur passes (about 0.02 bar between these
     * gicleurs): measured 0.09–0.11 % from the oracle over the 0.5–5 bar window; 0.5 % allowed.
     */
    private static final double TOLERANCE_RELATIVE = 0.005;

    /** Cd·A of an orifice, mm² (the common factor sqrt(2/ρ) cancels in ratios). */
    static double effectiveArea(double diameterMm, double cd) {
        return cd * Math.PI / 4.0 * diameterMm * diameterMm;
    }

    /**
     * Seconds the group takes from {@link #FILL_FROM_BAR} to {@link #FILL_TO_BAR}, from a dry
     * chamber at 1 ms, each crossing interpolated inside its step. The window leaves out the start:
     * the pump first charges the line (its compliance times the OPV's setting, about 1 ml, part of
     * it already through the gicleur), and only then does the OPV open and hold the pump outlet, the
     * oracle's regime, which must last through the window.
     */
    static double fillSeconds(OrificeParameters gicleur) {
        Plant plant = new Plant(Machine.of(Variants.withGicleur(Presets.e61Hx(), gicleur)), BasketParameters.blind());
        plant.actuators().pumpDuty(1).solenoidEnergised(true).heaterDuty(0);
        int steps = 0;
        double from = Double.NaN;
        double lastBar = 0.0;
        while (plant.groupPressureBar() < FILL_TO_BAR) {
            lastBar = plant.groupPressureBar();
            plant.step(0.001);
            steps++;
            assertThat(steps).as("filling through %s", gicleur).isLessThan(200_000);
            double p = plant.groupPressureBar();
            if (Double.isNaN(from) && p >= FILL_FROM_BAR) {
                from = steps - 1 + (FILL_FROM_BAR - lastBar) / (p - lastBar);
            }
            if (!Double.isNaN(from)) {
                // the regime of the oracle: the OPV relieves throughout, so it holds the pump outlet
                assertThat(plant.reliefFlowMlPerS())
                        .as("gicleur-limited regime: the OPV must relieve (holding the pump outlet) at %.3f bar", p)
                        .isPositive();
            }
        }
        double p = plant.groupPressureBar();
        return (steps - 1 + (FILL_TO_BAR - lastBar) / (p - lastBar) - from) * 0.001;
    }

    @ParameterizedTest(name = "gicleur {0} mm Cd {1} vs {2} mm Cd {3}")
    @CsvSource({"0.25, 0.7, 0.30, 0.7", "0.30, 0.7, 0.35, 0.7", "0.30, 0.5, 0.30, 0.7"})
    void theFillTimeScalesWithOneOverTheGicleursArea(double d1, double cd1, double d2, double cd2) {
        double t1 = fillSeconds(new OrificeParameters(d1, cd1));
        double t2 = fillSeconds(new OrificeParameters(d2, cd2));
        OrificeParameters inlet = Presets.e61Hx().groupInlet();
        double inletArea = effectiveArea(inlet.diameterMm(), inlet.dischargeCoefficient());
        double k1 = series(effectiveArea(d1, cd1), inletArea);
        double k2 = series(effectiveArea(d2, cd2), inletArea);
        double expected = k2 / k1;
        assertThat(t1 / t2).as("fill time ratio %.2f s / %.2f s vs (Cd·A)₂/(Cd·A)₁ = %.4f", t1, t2, expected)
                .isCloseTo(expected, within(TOLERANCE_RELATIVE * expected));
    }

    private static double series(double a, double b) {
        return 1.0 / Math.sqrt(1.0 / (a * a) + 1.0 / (b * b));
    }
}
