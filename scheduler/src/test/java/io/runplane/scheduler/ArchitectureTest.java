package io.runplane.scheduler;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The scheduler is a pure library: no Kubernetes, gRPC or JavaFX; the engine's layers point one way. */
class ArchitectureTest {

    private static JavaClasses scheduler;

    @BeforeAll
    static void importClasses() {
        scheduler = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.runplane.scheduler");
    }

    @Test
    void schedulerImportsNoKubernetesGrpcOrJavaFx() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage(
                        "io.fabric8..", "io.kubernetes..", "io.grpc..", "com.google.protobuf..", "javafx..",
                        "org.controlsfx..", "io.runplane.shared..", "io.runplane.agent..", "io.runplane.console..")
                .check(scheduler);
    }

    @Test
    void engineDoesNotDependOnTheSimulator() {
        noClasses().that().resideOutsideOfPackage("io.runplane.scheduler.simulator..")
                .should().dependOnClassesThat().resideInAPackage("io.runplane.scheduler.simulator..")
                .check(scheduler);
    }

    @Test
    void onlyTheSimulatorReadsFiles() {
        noClasses().that().resideOutsideOfPackage("io.runplane.scheduler.simulator..")
                .should().dependOnClassesThat().resideInAnyPackage("com.fasterxml.jackson..", "java.nio.file..")
                .check(scheduler);
    }

    @Test
    void frameworkAndModelDoNotKnowActionsOrPlugins() {
        noClasses().that().resideInAnyPackage("io.runplane.scheduler.framework..", "io.runplane.scheduler.api..")
                .should().dependOnClassesThat().resideInAnyPackage("io.runplane.scheduler.actions..",
                        "io.runplane.scheduler.plugins..")
                .check(scheduler);
    }

    @Test
    void actionsDoNotDependOnEachOtherThroughPluginsInternals() {
        noClasses().that().resideInAPackage("io.runplane.scheduler.plugins..")
                .should().dependOnClassesThat().resideInAPackage("io.runplane.scheduler.actions..")
                .check(scheduler);
    }
}
