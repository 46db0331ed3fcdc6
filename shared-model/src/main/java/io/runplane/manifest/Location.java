package io.runplane.manifest;

/**
 * A position in a manifest's text.
 *
 * @param line 1-based line, 0 when unknown
 * @param column 1-based column, 0 when unknown
 */
public record Location(int line, int column) {

    /** A position that is not known. */
    public static final Location UNKNOWN = new Location(0, 0);
}
