package io.runplane.manifest;

import java.util.Objects;

/** A manifest that cannot be read: bad syntax, an unknown field, or a value of the wrong type. */
public final class ManifestException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient ManifestProblem problem;

    /** An exception for {@code problem}. */
    public ManifestException(ManifestProblem problem) {
        super(Objects.requireNonNull(problem, "problem").oneLine());
        this.problem = problem;
    }

    /** What is wrong, and where. */
    public ManifestProblem problem() {
        return problem;
    }
}
