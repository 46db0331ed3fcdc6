package io.runplane.access;

/** The answer to "may this caller do this here?"; a denial says what was missing, in words. */
public sealed interface Decision {

    Allowed ALLOWED = new Allowed();

    default boolean allowed() {
        return this instanceof Allowed;
    }

    record Allowed() implements Decision {
    }

    record Denied(Identity caller, Permission missing, Scope scope) implements Decision {
        public String message() {
            return caller + " may not " + missing + " in " + scope + ": no access rule grants it";
        }
    }
}
