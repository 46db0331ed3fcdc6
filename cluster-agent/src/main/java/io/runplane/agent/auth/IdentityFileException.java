package io.runplane.agent.auth;

/** An identity file that cannot be read; the message names the file, the line and the field. */
public final class IdentityFileException extends Exception {

    public IdentityFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
