package io.runplane.access;

/** Where an access rule applies: the whole cluster, one department and its projects, or one project. */
public sealed interface Scope {

    Cluster CLUSTER = new Cluster();

    /** Whether this scope covers {@code target}: a rule on a scope applies to everything below it. */
    boolean covers(Scope target, OrgTree tree);

    record Cluster() implements Scope {
        @Override
        public boolean covers(Scope target, OrgTree tree) {
            return true;
        }

        @Override
        public String toString() {
            return "the cluster";
        }
    }

    record Department(String name) implements Scope {
        @Override
        public boolean covers(Scope target, OrgTree tree) {
            return switch (target) {
                case Cluster c -> false;
                case Department d -> d.name.equals(name);
                case Project p -> tree.departmentOf(p.name()).map(name::equals).orElse(false);
            };
        }

        @Override
        public String toString() {
            return "department " + name;
        }
    }

    record Project(String name) implements Scope {
        @Override
        public boolean covers(Scope target, OrgTree tree) {
            return target instanceof Project p && p.name.equals(name);
        }

        @Override
        public String toString() {
            return "project " + name;
        }
    }
}
