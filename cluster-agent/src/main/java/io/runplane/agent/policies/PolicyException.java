package io.runplane.agent.policies;

import io.runplane.agent.workload.FieldProblem;

import java.util.List;

/** A policy request the agent refused, with the fields a client can act on. */
public final class PolicyException extends Exception {

    /** How the request was wrong. */
    public enum Kind { INVALID, NOT_FOUND, FAILED_PRECONDITION }

    private final Kind kind;
    private final List<FieldProblem> problems;

    public PolicyException(Kind kind, String message, List<FieldProblem> problems) {
        super(message);
        this.kind = kind;
        this.problems = List.copyOf(problems);
    }

    public Kind kind() {
        return kind;
    }

    public List<FieldProblem> problems() {
        return problems;
    }
}
