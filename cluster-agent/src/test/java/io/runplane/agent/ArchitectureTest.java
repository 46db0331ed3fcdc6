package io.runplane.agent;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The agent's layering: the API sits on top; the domain does not know gRPC; the backend port knows no adapter. */
class ArchitectureTest {

    private static final JavaClasses AGENT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.runplane.agent");

    @Test
    void nothingBelowTheServerDependsOnIt() {
        noClasses().that().resideOutsideOfPackages("io.runplane.agent.server..", "io.runplane.agent")
                .should().dependOnClassesThat().resideInAPackage("io.runplane.agent.server..")
                .check(AGENT);
    }

    @Test
    void theWorkloadControllerAndTheBackendsDoNotUseGrpc() {
        noClasses().that().resideInAnyPackage("io.runplane.agent.workload..", "io.runplane.agent.backend..", "io.runplane.agent.store..",
                        "io.runplane.agent.scheduling..", "io.runplane.agent.cluster..")
                .should().dependOnClassesThat().resideInAPackage("io.grpc..")
                .check(AGENT);
    }

    @Test
    void theBackendPortDoesNotKnowItsAdapters() {
        noClasses().that().resideInAPackage("io.runplane.agent.backend")
                .should().dependOnClassesThat().resideInAPackage("io.runplane.agent.backend.simulated..")
                .check(AGENT);
    }

    @Test
    void theWorkloadControllerWorksThroughThePortOnly() {
        noClasses().that().resideInAnyPackage("io.runplane.agent.workload..", "io.runplane.agent.server..", "io.runplane.agent.logs..",
                        "io.runplane.agent.metrics..")
                .should().dependOnClassesThat().resideInAPackage("io.runplane.agent.backend.simulated..")
                .check(AGENT);
    }

    @Test
    void theAgentUsesNoUserInterfaceToolkit() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("javafx..", "java.awt..", "javax.swing..")
                .check(AGENT);
    }
}
