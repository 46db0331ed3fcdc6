package io.runplane.console;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The console's layering: view models go through the client-side service interface. */
class ArchitectureTest {

    private static final JavaClasses CONSOLE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("io.runplane.console");

    @Test
    void viewModelsDoNotTouchGrpcOrGeneratedStubs() {
        noClasses().that().haveSimpleNameEndingWith("ViewModel")
                .should().dependOnClassesThat().resideInAPackage("io.grpc..")
                .orShould().dependOnClassesThat().haveSimpleNameEndingWith("Grpc")
                .because("view models talk to the cluster through RunplaneClient")
                .check(CONSOLE);
    }

    @Test
    void viewModelsBuildNoControls() {
        noClasses().that().haveSimpleNameEndingWith("ViewModel")
                .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "org.controlsfx..", "org.kordamp..")
                .because("a view model is plain Java with JavaFX properties, testable without a stage")
                .check(CONSOLE);
    }

    @Test
    void onlyTheClientAndConnectionPackagesSpeakGrpc() {
        noClasses().that().resideOutsideOfPackages("io.runplane.console.client..", "io.runplane.console.connection..",
                        "io.runplane.console.bench..")
                .should().dependOnClassesThat().resideInAPackage("io.grpc..")
                .orShould().dependOnClassesThat().haveSimpleNameEndingWith("Grpc")
                .because("the benchmark's synthetic agent is the only server in the console")
                .check(CONSOLE);
    }
}
