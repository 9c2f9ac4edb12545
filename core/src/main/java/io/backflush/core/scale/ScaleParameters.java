package io.backflush.core.scale;

import io.backflush.core.param.Require;

/**
 * Where scale forms, what it does and how acid removes it. No measurement gives these numbers for
 * an espresso machine: every one is an <b>estimate</b>, calibrated to the published behaviour
 * named with it ({@code docs/model.md} §14 lists the targets and the figures). The amount that
 * can form per litre is Schulman's equation ({@link Schulman}, sourced); these say where it goes.
 *
 * @param elementExcessK           how much hotter the element's surface is than the boiler water, K.
 *                                 Estimate: a sheathed element at a few W/cm² runs tens of kelvin above
 *                                 the water it heats (the plant's lumped element runs 100 K above it at
 *                                 full power, {@code BoilerParameters}); 25 K
 * @param elementShare             fraction of the scale a litre can form at the element's surface
 *                                 temperature that forms on the element, 0–1. Estimate: 0.3
 * @param boilerShare              fraction of the scale a litre can form at the water's temperature that
 *                                 forms on the walls and as sludge, 0–1. Estimate: 0.5 (with the element's
 *                                 share, most of it stays in the boiler)
 * @param gicleurCapture           fraction of a litre's scale (at the water's temperature) caught as
 *                                 particles in the gicleur, per litre through it. Estimate: 3.5·10⁻⁶, chosen
 *                                 so that a year of café use in hard water narrows a 0.8 mm gicleur by
 *                                 about a third of its area (the guides: gicleurs "can sometimes get
 *                                 scaled up", no rate given)
 * @param seatCapture              fraction caught on the valve seat, per litre released through the
 *                                 exhaust. Estimate: 1.5·10⁻⁵ (a year of hard-water café use drips)
 * @param exhaustCapture           fraction caught in the exhaust port, per litre through it. Estimate:
 *                                 2·10⁻⁵ (a year of hard-water café use: a weaker whoosh, "reduced
 *                                 pressure from mineral build-up in the three-way valve" [S: seeds])
 * @param screenCapture            fraction caught on the shower screen, per litre through it to the cup.
 *                                 Estimate: 2·10⁻⁵ (tracked; no hydraulic effect modelled)
 * @param scaleDensityGPerMl       density of the deposit, g/ml. Estimate: calcite is 2.71 g/ml (physics),
 *                                 porous scale less: 2.0
 * @param scaleConductivityWPerMK  thermal conductivity of scale, W/(m·K). Estimate in the reference data:
 *                                 1–2.5; 1.5
 * @param scaleHeatCapacityJPerGK  specific heat of scale, J/(g·K), lumped with the element it coats.
 *                                 Calcite's, 0.82 (standard property tables)
 * @param elementAreaCm2           the element's wetted surface, cm². Estimate: a 1 kW element at about
 *                                 10 W/cm²: 100
 * @param boreLengthMm             length of the gicleur's and the valve ports' bores, which scale lines
 *                                 uniformly, mm. Estimate: 3
 * @param minOpenAreaFraction      the smallest fraction of a bore's area scale leaves open, 0–1. Estimate:
 *                                 0.1 (a bore scaled shut is beyond this model)
 * @param minBoilerFraction        the smallest fraction of the boiler's volume scale leaves, 0–1.
 *                                 Estimate: 0.3
 * @param seatLeakOnsetMg          scale on the seat before it stops sealing, mg. Estimate: 0.5
 * @param seatLeakPerMlPerSSqrtBarPerMg leak past a scaled seat per mg above the onset, ml/s per √bar per mg.
 *                                 Estimate: 0.05 (2 mg: about 0.2 ml/s at 9 bar, the "constant drip")
 * @param dissolvePerSAt90C        first-order dissolution rate of scale in saturating acid at 90 °C, 1/s.
 *                                 Estimate: 1.4·10⁻³, so that 25 g/L of citric acid removes 78 % in 20
 *                                 minutes' contact, 90 % in 30 and 99 % in 60 (published procedures: a
 *                                 descale of pulses and soaks takes 20–60 min and removes most scale)
 * @param acidHalfEffectGPerL      acid concentration at which dissolution runs at half its saturated
 *                                 rate, g/L. Estimate: 5
 * @param dissolveDoublingC        temperature rise that doubles the dissolution rate, °C. Estimate: 20
 * @param acidPerScaleG            acid consumed per gram of scale dissolved, g/g. Derived for citric acid:
 *                                 2 C₆H₈O₇ + 3 CaCO₃ → Ca₃(C₆H₅O₇)₂ + 3 CO₂ + 3 H₂O, 2·192.1/(3·100.1) = 1.28
 * @param solutionLitres           the descaling solution put in the tank, L. Estimate: 2 (a tank of
 *                                 solution, as manufacturers' procedures put it; enough to fill the boiler,
 *                                 which the model assumes the solution does)
 * @param acidTaintMg              acid in one shot that a taster notices (sour), mg. Estimate: 40 mg in
 *                                 a 36 ml shot (about 1 g/L, above coffee's own acidity)
 */
public record ScaleParameters(double elementExcessK, double elementShare, double boilerShare,
                              double gicleurCapture, double seatCapture, double exhaustCapture, double screenCapture,
                              double scaleDensityGPerMl, double scaleConductivityWPerMK,
                              double scaleHeatCapacityJPerGK, double elementAreaCm2,
                              double boreLengthMm, double minOpenAreaFraction, double minBoilerFraction,
                              double seatLeakOnsetMg, double seatLeakPerMlPerSSqrtBarPerMg,
                              double dissolvePerSAt90C, double acidHalfEffectGPerL, double dissolveDoublingC,
                              double acidPerScaleG, double solutionLitres, double acidTaintMg) {
    public ScaleParameters {
        Require.inRange(elementExcessK, 0.0, 200.0, "elementExcessK");
        Require.inRange(elementShare, 0.0, 1.0, "elementShare");
        Require.inRange(boilerShare, 0.0, 1.0, "boilerShare");
        if (elementShare + boilerShare > 1.0) {
            throw new io.backflush.core.param.InvalidParameterException("boilerShare",
                    "elementShare + boilerShare must not exceed 1, got " + (elementShare + boilerShare));
        }
        Require.inRange(gicleurCapture, 0.0, 1.0, "gicleurCapture");
        Require.inRange(seatCapture, 0.0, 1.0, "seatCapture");
        Require.inRange(exhaustCapture, 0.0, 1.0, "exhaustCapture");
        Require.inRange(screenCapture, 0.0, 1.0, "screenCapture");
        Require.inRange(scaleDensityGPerMl, 0.5, 5.0, "scaleDensityGPerMl");
        Require.inRange(scaleConductivityWPerMK, 0.1, 10.0, "scaleConductivityWPerMK");
        Require.inRange(scaleHeatCapacityJPerGK, 0.0, 10.0, "scaleHeatCapacityJPerGK");
        Require.inRange(elementAreaCm2, 1.0, 10_000.0, "elementAreaCm2");
        Require.inRange(boreLengthMm, 0.1, 100.0, "boreLengthMm");
        Require.inRange(minOpenAreaFraction, 0.01, 1.0, "minOpenAreaFraction");
        Require.inRange(minBoilerFraction, 0.05, 1.0, "minBoilerFraction");
        Require.nonNegative(seatLeakOnsetMg, "seatLeakOnsetMg");
        Require.nonNegative(seatLeakPerMlPerSSqrtBarPerMg, "seatLeakPerMlPerSSqrtBarPerMg");
        Require.inRange(dissolvePerSAt90C, 0.0, 1.0, "dissolvePerSAt90C");
        Require.inRange(acidHalfEffectGPerL, 1.0e-3, 1000.0, "acidHalfEffectGPerL");
        Require.inRange(dissolveDoublingC, 1.0, 200.0, "dissolveDoublingC");
        Require.inRange(acidPerScaleG, 0.0, 10.0, "acidPerScaleG");
        Require.inRange(solutionLitres, 0.05, 20.0, "solutionLitres");
        Require.positive(acidTaintMg, "acidTaintMg");
    }

    /** The estimates above. */
    public static ScaleParameters defaults() {
        return new ScaleParameters(25.0, 0.3, 0.5, 3.5e-6, 1.5e-5, 2.0e-5, 2.0e-5,
                2.0, 1.5, 0.82, 100.0, 3.0, 0.1, 0.3, 0.5, 0.05,
                1.4e-3, 5.0, 20.0, 1.28, 2.0, 40.0);
    }
}
