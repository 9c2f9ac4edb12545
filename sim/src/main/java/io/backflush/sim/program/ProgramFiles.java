package io.backflush.sim.program;

/** Placeholder: reading programs from YAML files (see the class that replaces this). */
final class ProgramFiles {
    private ProgramFiles() {
    }
}
