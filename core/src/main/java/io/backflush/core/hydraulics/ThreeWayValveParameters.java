package io.backflush.core.hydraulics;

import io.backflush.core.param.Require;

/**
 * The normally-closed three-way brew solenoid. Energised: boiler → group open, exhaust shut.
 * De-energised: group → exhaust (drip tray) open through {@code exhaust}. Source for the
 * connection scheme: stevenheaton.co.uk.
 *
 * @param exhaust         the exhaust port, discharging to atmosphere. Estimate: 1.2–1.5 mm bore,
 *                        Cd 0.6–0.7 (no manufacturer figure found)
 * @param responseSeconds dead time between a coil command and the valve's switch, s. Estimate:
 *                        10–30 ms (firmware toggles it at 200 ms, so it is faster than that:
 *                        Gaggiuino descale)
 */
public record ThreeWayValveParameters(OrificeParameters exhaust, double responseSeconds) {
    public ThreeWayValveParameters {
        Require.present(exhaust, "exhaust");
        Require.inRange(responseSeconds, 0.0, 1.0, "responseSeconds");
    }
}
