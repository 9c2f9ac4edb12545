package io.backflush.core.plant;

/**
 * Where the water went: tank → pump → (OPV back to tank) → group → drip tray / cup. The balance
 * error is what is left after every millilitre drawn is accounted for; it is round-off only.
 *
 * @param fromTankMl           drawn by the pump
 * @param returnedToTankMl     returned by the over-pressure valve
 * @param toDripTrayMl         discharged through the three-way valve's exhaust
 * @param toCupMl              through the basket
 * @param heldInMachineDeltaMl change of the water held in the group chamber
 */
public record WaterBalance(double fromTankMl, double returnedToTankMl, double toDripTrayMl, double toCupMl,
                           double heldInMachineDeltaMl) {

    /** fromTank − returned − dripTray − cup − heldDelta, ml. */
    public double balanceErrorMl() {
        return fromTankMl - returnedToTankMl - toDripTrayMl - toCupMl - heldInMachineDeltaMl;
    }

    /** Total water moved (the larger of what came in and what went out), ml. */
    public double movedMl() {
        return Math.max(fromTankMl, returnedToTankMl + toDripTrayMl + toCupMl);
    }
}
