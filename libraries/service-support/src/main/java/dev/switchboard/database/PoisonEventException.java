package dev.switchboard.database;

/** An event that can never be stored as it is: retrying cannot help, so it goes to the dead-letter topic. */
public class PoisonEventException extends IllegalArgumentException {

    public PoisonEventException(String message) {
        super(message);
    }
}
