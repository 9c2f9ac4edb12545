package io.backflush.sim.cli;

/** Bad input the user can fix (a flag, a file, a name): reported as one line, exit code 2. */
public final class UserInputException extends RuntimeException {
    public UserInputException(String message) {
        super(message);
    }
}
