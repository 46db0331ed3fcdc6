package io.runplane.policy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One instance of an itemized field, e.g. one environment variable.
 *
 * @param key the value of the type's key attribute (the variable's name)
 * @param attributes the other attributes, in canonical order
 * @param exclude in a policy's defaults: drops an instance inherited from a higher scope
 */
public record Instance(String key, Map<String, String> attributes, boolean exclude) {

    /** Copies the attributes, keeping their order. */
    public Instance {
        Objects.requireNonNull(key, "key");
        attributes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    /** An instance that is not an exclusion. */
    public static Instance of(String key, Map<String, String> attributes) {
        return new Instance(key, attributes, false);
    }

    /** The instance's content without the exclusion flag, for comparisons. */
    public boolean sameContent(Instance other) {
        return key.equals(other.key) && attributes.equals(other.attributes);
    }

    /** A compact rendering, e.g. {@code WANDB_BASE_URL=https://wandb.example.com}. */
    public String display() {
        if (exclude) {
            return key + " (excluded)";
        }
        if (attributes.isEmpty()) {
            return key;
        }
        if (attributes.size() == 1) {
            return key + "=" + attributes.values().iterator().next();
        }
        return key + attributes;
    }
}
