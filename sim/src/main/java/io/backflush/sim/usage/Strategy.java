package io.backflush.sim.usage;

import io.backflush.core.param.Require;

import java.util.List;

/**
 * A cleaning strategy: a schedule of cleaning tasks.
 *
 * @param name        short name
 * @param description one line: where the procedure comes from
 * @param tasks       the scheduled tasks (empty: never cleaned)
 */
public record Strategy(String name, String description, List<CleaningTask> tasks) {
    public Strategy {
        Require.present(name, "name");
        description = description == null ? "" : description;
        tasks = List.copyOf(Require.present(tasks, "tasks"));
    }
}
