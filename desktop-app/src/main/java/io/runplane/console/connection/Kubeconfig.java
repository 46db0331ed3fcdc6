package io.runplane.console.connection;

import io.fabric8.kubernetes.api.model.Config;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.internal.KubeConfigUtils;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A kubeconfig file as the Connect dialog needs it: its contexts and the current one. */
public record Kubeconfig(Path file, List<String> contexts, Optional<String> currentContext) {

    /** {@code $KUBECONFIG} (its first file), else {@code ~/.kube/config}. */
    public static Path defaultFile() {
        return defaultFile(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    static Path defaultFile(Map<String, String> env, Path home) {
        String fromEnv = env.getOrDefault("KUBECONFIG", "");
        if (!fromEnv.isBlank()) {
            return Path.of(fromEnv.split(File.pathSeparator)[0]);
        }
        return home.resolve(".kube").resolve("config");
    }

    /** Reads {@code file}; a missing, unreadable or context-less file is an error naming it. */
    public static Kubeconfig read(Path file) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new IllegalArgumentException("Kubeconfig: " + file + " does not exist or cannot be read");
        }
        Config config;
        try {
            config = KubeConfigUtils.parseConfig(file.toFile());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Kubeconfig: " + file + " is not a kubeconfig file: " + e.getMessage(), e);
        }
        List<String> contexts = config.getContexts() == null ? List.of()
                : config.getContexts().stream().map(NamedContext::getName).toList();
        if (contexts.isEmpty()) {
            throw new IllegalArgumentException("Kubeconfig: " + file + " has no contexts");
        }
        return new Kubeconfig(file, contexts, Optional.ofNullable(config.getCurrentContext()).filter(contexts::contains));
    }

    /** Throws, naming the file and the context, unless the context is in the file. */
    public Kubeconfig requireContext(String context) {
        if (!contexts.contains(context)) {
            throw new IllegalArgumentException("Context: " + file + " has no context '" + context + "' (it has "
                    + String.join(", ", contexts) + ")");
        }
        return this;
    }
}
