package dev.corebank.server.projection;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The read model's shape: the projector writes, as a reactor of the reactor runtime, and knows nothing of HTTP; the history endpoints read; the only type
 * the rest of the server may use is {@link ProjectionPosition}.
 */
class ReadModelArchitectureTest {
    private static final JavaClasses SERVER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.corebank.server");

    @Test
    void onlyTheProjectionPositionIsPublic() {
        classes().that().resideInAPackage("dev.corebank.server.projection..")
                .and().doNotHaveSimpleName("ProjectionPosition")
                .should().notBePublic()
                .check(SERVER);
    }

    @Test
    void theProjectorKnowsNothingOfHttpOrOtherFeatures() {
        classes().that().resideInAPackage("dev.corebank.server.projection..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "javax.sql..", "org.slf4j..",
                        "org.springframework..", "io.micrometer..", "dev.corebank.ledger..",
                        "dev.corebank.server.projection..", "dev.corebank.server.reactor..",
                        // the command layer's gate, which the read model's backpressure is
                        "dev.corebank.server.commands..")
                .check(SERVER);
    }

    @Test
    void historyReadsTheProjectionThroughItsPositionOnly() {
        noClasses().that().resideInAPackage("dev.corebank.server.history..")
                .should().dependOnClassesThat(resideInAPackage("dev.corebank.server.projection..")
                        .and(not(equivalentTo(ProjectionPosition.class))))
                .check(SERVER);
    }
}
