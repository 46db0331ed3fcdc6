package io.runplane.console.organization;

/** The two levels of the organization tree. */
public enum UnitKind {
    DEPARTMENT("department"),
    PROJECT("project");

    private final String label;

    UnitKind(String label) {
        this.label = label;
    }

    /** The word used in messages and as the server's field prefix. */
    public String label() {
        return label;
    }
}
