package io.backflush.sim.usage;

import io.backflush.core.cleaning.Roast;
import io.backflush.core.param.InvalidParameterException;
import io.backflush.core.param.Require;

/**
 * How a machine is used, day after day.
 *
 * @param days            days simulated
 * @param shotsPerDay     shots a day (the mean when random)
 * @param randomShots     draw each day's count from a Poisson distribution (seeded)
 * @param roast           roast level of every shot
 * @param doseGrams       dose of every shot, g
 * @param onHour          hour the machine is switched on (0–24)
 * @param offHour         hour it is switched off (after the day's cleaning)
 */
public record Usage(int days, double shotsPerDay, boolean randomShots, Roast roast, double doseGrams,
                    double onHour, double offHour) {
    public Usage {
        if (days < 1 || days > 3650) {
            throw new InvalidParameterException("days", "must be between 1 and 3650, got " + days);
        }
        Require.inRange(shotsPerDay, 0, 500, "shotsPerDay");
        Require.present(roast, "roast");
        Require.inRange(doseGrams, 5, 30, "doseGrams");
        Require.inRange(onHour, 0, 24, "onHour");
        Require.inRange(offHour, 0, 24, "offHour");
        if (offHour <= onHour) {
            throw new InvalidParameterException("offHour", "must be after onHour (" + onHour + "), got " + offHour);
        }
    }

    public static Usage home(int days, double shotsPerDay, Roast roast) {
        return new Usage(days, shotsPerDay, false, roast, 18.0, 7.0, 19.0);
    }
}
