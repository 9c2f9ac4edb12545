package io.backflush.core.cleaning;

import io.backflush.core.param.Require;

/**
 * Coffee residue: how shots deposit it, how it ages, how backflushing removes it and what it does
 * to the machine. No coffee-specific fouling data exist (espresso-model-data.md); every default
 * here is an <b>estimate</b>, calibrated to the published behaviours listed there: per-cycle
 * removal of ~5–15 % (water) and ~30–60 % (detergent), 5–8 detergent cycles to take a week of home
 * use to a clear discharge, saturating (Kern–Seaton) fouling, darker roasts fouling faster.
 *
 * @param screenDepositMgPerMl      oil and fines left on the screen per ml of coffee through the
 *                                  puck, at a clean screen, 18 g medium roast, mg/ml
 * @param passageDepositMgPerMl     left in the passage per ml of coffee liquid driven back through
 *                                  it by the release at the end of a shot, mg/ml
 * @param valveDepositMgPerMl       likewise in the valve's exhaust path, mg/ml
 * @param screenCapacityMg          what the screen holds when deposition has stopped (the R∞ of
 *                                  Kern–Seaton fouling), mg
 * @param passageCapacityMg         likewise for the passage, mg
 * @param valveCapacityMg           likewise for the valve, mg
 * @param ageingPerHourAt90C        fraction of fresh residue baked on per hour at 90 °C, 1/h
 * @param ageingQ10                 factor by which ageing speeds up per 10 °C
 * @param waterFreshRemovalPerS     removal rate of fresh residue by plain water at the reference
 *                                  flow, 1/s
 * @param waterAgedRemovalPerS      removal rate of aged residue by plain water, 1/s (near zero:
 *                                  water moves loose deposits, chemistry is needed for baked ones)
 * @param detergentRemovalPerS      extra removal rate of both pools at saturating detergent, 1/s
 * @param detergentHalfEffectMgPerMl detergent concentration giving half the detergent effect, mg/ml
 * @param referenceFlowMlPerS       exhaust flow at which the removal rates apply, ml/s
 * @param flowExponent              removal rate ∝ (flow/reference)^exponent: above 1 because
 *                                  faster flow also shears harder
 * @param hotWaterDoublingC         temperature rise that doubles the removal rates, °C
 * @param screenResistancePerMg     added screen resistance per mg of screen residue, bar·s²/ml²/mg
 * @param exhaustBlockingMg         valve residue that would close the exhaust completely, mg
 * @param seatLeakOnsetMg           valve residue at which the seat starts to leak, mg
 * @param seatLeakPerMg             seat leak coefficient per mg above the onset, ml/s/sqrt(bar)/mg
 * @param tasteResidueMg            brew-path residue that a taster notices (cup penalty 1), mg
 */
public record ResidueParameters(
        double screenDepositMgPerMl,
        double passageDepositMgPerMl,
        double valveDepositMgPerMl,
        double screenCapacityMg,
        double passageCapacityMg,
        double valveCapacityMg,
        double ageingPerHourAt90C,
        double ageingQ10,
        double waterFreshRemovalPerS,
        double waterAgedRemovalPerS,
        double detergentRemovalPerS,
        double detergentHalfEffectMgPerMl,
        double referenceFlowMlPerS,
        double flowExponent,
        double hotWaterDoublingC,
        double screenResistancePerMg,
        double exhaustBlockingMg,
        double seatLeakOnsetMg,
        double seatLeakPerMg,
        double tasteResidueMg) {

    public ResidueParameters {
        Require.nonNegative(screenDepositMgPerMl, "screenDepositMgPerMl");
        Require.nonNegative(passageDepositMgPerMl, "passageDepositMgPerMl");
        Require.nonNegative(valveDepositMgPerMl, "valveDepositMgPerMl");
        Require.positive(screenCapacityMg, "screenCapacityMg");
        Require.positive(passageCapacityMg, "passageCapacityMg");
        Require.positive(valveCapacityMg, "valveCapacityMg");
        Require.nonNegative(ageingPerHourAt90C, "ageingPerHourAt90C");
        Require.inRange(ageingQ10, 1.0, 10.0, "ageingQ10");
        Require.nonNegative(waterFreshRemovalPerS, "waterFreshRemovalPerS");
        Require.nonNegative(waterAgedRemovalPerS, "waterAgedRemovalPerS");
        Require.nonNegative(detergentRemovalPerS, "detergentRemovalPerS");
        Require.positive(detergentHalfEffectMgPerMl, "detergentHalfEffectMgPerMl");
        Require.positive(referenceFlowMlPerS, "referenceFlowMlPerS");
        Require.inRange(flowExponent, 0.5, 3.0, "flowExponent");
        Require.positive(hotWaterDoublingC, "hotWaterDoublingC");
        Require.nonNegative(screenResistancePerMg, "screenResistancePerMg");
        Require.positive(exhaustBlockingMg, "exhaustBlockingMg");
        Require.nonNegative(seatLeakOnsetMg, "seatLeakOnsetMg");
        Require.nonNegative(seatLeakPerMg, "seatLeakPerMg");
        Require.positive(tasteResidueMg, "tasteResidueMg");
    }

    /** The calibrated defaults (all estimates; see the class documentation). */
    public static ResidueParameters defaults() {
        return new ResidueParameters(
                0.055, 0.05, 0.03,
                400.0, 150.0, 100.0,
                0.015, 2.0,
                0.30, 0.004, 0.75, 5.0,
                30.0, 1.5, 20.0,
                0.0005, 400.0, 40.0, 0.004,
                100.0);
    }

    public double capacityMg(Site site) {
        return switch (site) {
            case SCREEN -> screenCapacityMg;
            case PASSAGE -> passageCapacityMg;
            case VALVE -> valveCapacityMg;
        };
    }
}
