package io.runplane.manifest;

import java.util.Optional;

/**
 * How Runplane names Kubernetes namespaces: each project lives in {@code runplane-<project>};
 * cluster- and department-scoped objects live in the system namespace {@code runplane-system}.
 */
public final class Namespaces {

    /** The namespace of cluster-wide and department-scoped objects. */
    public static final String SYSTEM = "runplane-system";

    /** The prefix of every project namespace. */
    public static final String PROJECT_PREFIX = "runplane-";

    /** The label that puts a policy in the system namespace at a department's scope. */
    public static final String DEPARTMENT_LABEL = "runplane.io/department";

    private Namespaces() {
    }

    /** The namespace of {@code project}. */
    public static String ofProject(String project) {
        return PROJECT_PREFIX + project;
    }

    /** The project a namespace belongs to; empty for the system namespace or a foreign one. */
    public static Optional<String> projectOf(String namespace) {
        if (namespace.equals(SYSTEM) || !namespace.startsWith(PROJECT_PREFIX)
                || namespace.length() == PROJECT_PREFIX.length()) {
            return Optional.empty();
        }
        return Optional.of(namespace.substring(PROJECT_PREFIX.length()));
    }
}
