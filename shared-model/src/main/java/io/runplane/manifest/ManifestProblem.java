package io.runplane.manifest;

import java.util.Objects;

/**
 * What is wrong with a manifest, and where.
 *
 * @param source the file name or other label of the manifest's text
 * @param line the 1-based line (0 when unknown)
 * @param column the 1-based column (0 when unknown)
 * @param path the dotted path of the offending field, e.g. {@code spec.rules.compute.gpuDevicesRequest.max}
 *     (empty for a syntax error)
 * @param message what is wrong
 */
public record ManifestProblem(String source, int line, int column, String path, String message) {

    /** Checks the components. */
    public ManifestProblem {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }

    /** One line, e.g. {@code policy.yaml:12:7: spec.rules.compute.gpuDevicesRequest.max: expected an integer}. */
    public String oneLine() {
        StringBuilder b = new StringBuilder(source);
        if (line > 0) {
            b.append(':').append(line);
            if (column > 0) {
                b.append(':').append(column);
            }
        }
        b.append(": ");
        if (!path.isEmpty()) {
            b.append(path).append(": ");
        }
        return b.append(message.replace('\n', ' ')).toString();
    }
}
