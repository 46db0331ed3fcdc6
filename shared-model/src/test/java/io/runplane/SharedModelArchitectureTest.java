package io.runplane;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** shared-model is the contract both halves use: it may not reach into either half or a UI toolkit. */
class SharedModelArchitectureTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.runplane");

    @Test
    void sharedModelDependsOnNoUiNoClusterClientNoScheduler() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage(
                        "javafx..", "org.controlsfx..", "org.kordamp..", "io.fabric8..",
                        "io.runplane.scheduler..", "io.runplane.agent..", "io.runplane.console..")
                .because("shared-model is used by the agent and the console alike")
                .check(classes);
    }
}
