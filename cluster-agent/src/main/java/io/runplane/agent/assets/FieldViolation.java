package io.runplane.agent.assets;

/** One problem with a request, on the field it concerns. */
record FieldViolation(String field, String description) {
}
