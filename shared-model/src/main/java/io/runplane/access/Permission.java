package io.runplane.access;

/** One action on one kind of entity, e.g. "create workloads". */
public record Permission(Action action, Entity entity) {

    public static Permission of(Action action, Entity entity) {
        return new Permission(action, entity);
    }

    @Override
    public String toString() {
        return action.verb() + " " + entity.displayName();
    }
}
