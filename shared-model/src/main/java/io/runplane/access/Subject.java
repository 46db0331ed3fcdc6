package io.runplane.access;

/** Who an access rule names: one user, every member of a group, or one application (a robot account). */
public sealed interface Subject {

    String name();

    boolean matches(Identity identity);

    record User(String name) implements Subject {
        @Override
        public boolean matches(Identity identity) {
            return !identity.application() && identity.name().equals(name);
        }

        @Override
        public String toString() {
            return "user " + name;
        }
    }

    record Group(String name) implements Subject {
        @Override
        public boolean matches(Identity identity) {
            return identity.groups().contains(name);
        }

        @Override
        public String toString() {
            return "group " + name;
        }
    }

    record Application(String name) implements Subject {
        @Override
        public boolean matches(Identity identity) {
            return identity.application() && identity.name().equals(name);
        }

        @Override
        public String toString() {
            return "application " + name;
        }
    }
}
