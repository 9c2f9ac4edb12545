package io.backflush.sim.usage;

import io.backflush.core.param.Require;

import java.util.List;

/**
 * A cleaning strategy: a schedule of cleaning tasks.
 *
 * @param name        short name
 * @param description one line: where the procedure comes from
 * @param tasks       the scheduled tasks (empty: never cleaned)
 * @param postShotFlushSeconds the guides' habit after every shot: portafilter out, the pump run this
 *                    long through the open group "so any coffee stuck there does not have a chance to
 *                    bake onto the shower screen", s (0: not done; at most 10)
 * @param scrubScreenEveryDays the shower screen taken off and scrubbed at the end of every this many
 *                    days, which clears its residue by hand (0: never; at most 365)
 */
public record Strategy(String name, String description, List<CleaningTask> tasks, double postShotFlushSeconds,
                       int scrubScreenEveryDays) {
    /** Minutes a screen scrub takes (unscrew, scrub, refit): estimate. */
    public static final double SCRUB_MINUTES = 5.0;

    public Strategy {
        Require.present(name, "name");
        description = description == null ? "" : description;
        tasks = List.copyOf(Require.present(tasks, "tasks"));
        Require.inRange(postShotFlushSeconds, 0.0, 10.0, "postShotFlushSeconds");
        if (scrubScreenEveryDays < 0 || scrubScreenEveryDays > 365) {
            throw new io.backflush.core.param.InvalidParameterException("scrubScreenEveryDays",
                    "must be between 0 (never) and 365, got " + scrubScreenEveryDays);
        }
    }

    /** A strategy of scheduled tasks only. */
    public Strategy(String name, String description, List<CleaningTask> tasks) {
        this(name, description, tasks, 0.0, 0);
    }
}
