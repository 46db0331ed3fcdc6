package io.runplane.agent.workload;

import java.util.List;

/** A request the controller refused, with the reason a client can act on. */
public final class WorkloadException extends Exception {

    public enum Kind { INVALID, NOT_FOUND, ALREADY_EXISTS, FAILED_PRECONDITION }

    private final Kind kind;
    private final List<FieldProblem> problems;

    public WorkloadException(Kind kind, String message, List<FieldProblem> problems) {
        super(message);
        this.kind = kind;
        this.problems = List.copyOf(problems);
    }

    public WorkloadException(Kind kind, String message) {
        this(kind, message, List.of());
    }

    /** An invalid request with one field at fault. */
    public static WorkloadException invalidField(String message, String field, String description) {
        return new WorkloadException(Kind.INVALID, message, List.of(new FieldProblem(field, description)));
    }

    public Kind kind() {
        return kind;
    }

    public List<FieldProblem> problems() {
        return problems;
    }
}
