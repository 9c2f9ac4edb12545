package io.backflush.core.plant;

/**
 * Where a plant starts.
 *
 * @param groupWaterMl water already in the group chamber, ml (0: a dry basket)
 * @param boilerC      boiler water temperature, °C
 * @param groupMetalC  group metal temperature, °C
 */
public record InitialConditions(double groupWaterMl, double boilerC, double groupMetalC) {

    /**
     * A machine at operating temperature (boiler 93 °C, group 88 °C: estimates within the 88–96 °C
     * brew-water range) with a dry basket, as for a backflush.
     */
    public static InitialConditions hotAndDry() {
        return new InitialConditions(0.0, 93.0, 88.0);
    }
}
