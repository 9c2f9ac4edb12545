package io.backflush.sim.run;

/** A program that must not run on this machine (it would be unsafe); nothing was simulated. */
public final class ProgramRefusedException extends RuntimeException {
    public ProgramRefusedException(String message) {
        super(message);
    }
}
