package io.runplane.console.client;

import java.util.List;

/** A failed call: the status code name, the server's message and any field-level violations. */
public final class ServiceException extends RuntimeException {

    /** One violation of a request field, {@code field} a path such as {@code spec.name}. */
    public record FieldViolation(String field, String description) {
    }

    private final String code;
    private final List<FieldViolation> violations;

    public ServiceException(String code, String message, List<FieldViolation> violations, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.violations = List.copyOf(violations);
    }

    public ServiceException(String code, String message) {
        this(code, message, List.of(), null);
    }

    public String code() {
        return code;
    }

    public List<FieldViolation> violations() {
        return violations;
    }

    public boolean isCancelled() {
        return "CANCELLED".equals(code);
    }

    public boolean isUnavailable() {
        return "UNAVAILABLE".equals(code);
    }
}
