package io.runplane.policy;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The policy engine and manifests stay a pure library: no UI, no cluster client, no server. */
class LayeringTest {

    private static final JavaClasses CLASSES = importEngine();

    /**
     * Imports only the compiled engine (no class-path scan); dependencies are judged by name,
     * which is all the rules need.
     */
    private static JavaClasses importEngine() {
        ArchConfiguration config = ArchConfiguration.get();
        boolean resolve = config.resolveMissingDependenciesFromClassPath();
        config.setResolveMissingDependenciesFromClassPath(false);
        try {
            return new ClassFileImporter().importPaths(
                    Path.of("target", "classes", "io", "runplane", "policy"),
                    Path.of("target", "classes", "io", "runplane", "manifest"));
        } finally {
            config.setResolveMissingDependenciesFromClassPath(resolve);
        }
    }

    @Test
    void theEngineAndManifestsUseNoUiClusterClientOrServer() {
        noClasses().that().resideInAnyPackage("io.runplane.policy..", "io.runplane.manifest..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "io.fabric8..", "io.grpc..",
                        "io.runplane.agent..", "io.runplane.scheduler..")
                .check(CLASSES);
    }

    @Test
    void theEngineDoesNotDependOnManifests() {
        noClasses().that().resideInAPackage("io.runplane.policy..")
                .should().dependOnClassesThat().resideInAPackage("io.runplane.manifest..")
                .check(CLASSES);
    }
}
