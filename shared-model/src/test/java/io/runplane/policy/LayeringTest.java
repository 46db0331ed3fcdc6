package io.runplane.policy;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The policy engine and manifests stay a pure library: no UI, no cluster client, no server. */
class LayeringTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.runplane.policy", "io.runplane.manifest");

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
