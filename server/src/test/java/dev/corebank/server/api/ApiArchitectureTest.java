package dev.corebank.server.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.bind.annotation.RestController;

/** The shape of the API code: package by feature, with dependencies pointing one way. */
class ApiArchitectureTest {
    private static final JavaClasses SERVER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.corebank.server");

    @Test
    void controllersArePackagePrivate() {
        classes().that().areAnnotatedWith(RestController.class).should().notBePublic().check(SERVER);
    }

    @Test
    void dependenciesAreInjectedThroughConstructors() {
        fields().should().notBeAnnotatedWith(Autowired.class).check(SERVER);
    }

    @Test
    void theWebLayerKnowsNoFeature() {
        noClasses().that().resideInAPackage("dev.corebank.server.web..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.corebank.server.accounts..",
                        "dev.corebank.server.transfers..", "dev.corebank.server.bootstrap..",
                        "dev.corebank.server.admin..", "dev.corebank.server.security..")
                .check(SERVER);
    }

    @Test
    void accountsAndSecurityDependOnNoOtherFeature() {
        noClasses().that().resideInAnyPackage("dev.corebank.server.accounts..", "dev.corebank.server.security..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.corebank.server.transfers..",
                        "dev.corebank.server.bootstrap..", "dev.corebank.server.admin..")
                .check(SERVER);
    }

    @Test
    void theChartOfAccountsDependsOnTheLedgerModelOnly() {
        classes().that().haveSimpleName("ChartOfAccounts").or().haveSimpleName("TransactionCodes")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "dev.corebank.ledger..",
                        "dev.corebank.server.accounts..")
                .check(SERVER);
    }

    @Test
    void theCommandLayerKnowsNoFeature() {
        classes().that().resideInAPackage("dev.corebank.server.commands..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "jakarta.servlet..",
                        "org.springframework..", "dev.corebank.ledger..", "dev.corebank.server.commands..",
                        "dev.corebank.server.web..")
                .check(SERVER);
    }
}
