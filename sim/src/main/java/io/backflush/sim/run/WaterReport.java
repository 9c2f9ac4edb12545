package io.backflush.sim.run;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.backflush.core.plant.WaterBalance;

/** The water ledger of a run, as reported (ml). */
@JsonPropertyOrder({"fromTankMl", "returnedToTankMl", "toDripTrayMl", "toCupMl", "heldInMachineDeltaMl",
        "balanceErrorMl"})
public record WaterReport(double fromTankMl, double returnedToTankMl, double toDripTrayMl, double toCupMl,
                          double heldInMachineDeltaMl, double balanceErrorMl) {

    public static WaterReport of(WaterBalance balance) {
        return new WaterReport(balance.fromTankMl(), balance.returnedToTankMl(), balance.toDripTrayMl(),
                balance.toCupMl(), balance.heldInMachineDeltaMl(), balance.balanceErrorMl());
    }
}
