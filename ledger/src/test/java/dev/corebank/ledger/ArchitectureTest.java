package dev.corebank.ledger;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The ledger is the framework-free core: its production code depends on java.* and on itself, nothing else. */
class ArchitectureTest {
    private static final String LEDGER = "dev.corebank.ledger";

    private static final ArchRule ONLY_JAVA = classes().that().resideInAPackage(LEDGER + "..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", LEDGER + "..")
            .because("the ledger is the framework-free core that the server adapts");

    private static final ArchRule NO_SERVER_OR_SPRING = noClasses().that().resideInAPackage(LEDGER + "..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "dev.corebank.server..",
                    "dev.corebank.bench..", "jakarta..", "javax..");

    /** The compiled production classes only, read from where LedgerEngine was loaded. */
    private static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(new ImportOption.DoNotIncludeTests()).importPath(classesOf(LedgerEngine.class));

    private static JavaClasses production() {
        return PRODUCTION;
    }

    private static Path classesOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException impossible) {
            throw new IllegalStateException("class location is not a path type=" + type, impossible);
        }
    }

    @Test
    void theLedgerDependsOnlyOnJavaAndItself() {
        JavaClasses ledger = production();
        assertThat(ledger.contain(LedgerEngine.class)).isTrue();
        assertThat(ledger.contain(ArchitectureTest.class)).as("tests are not part of the rule").isFalse();
        ONLY_JAVA.check(ledger);
    }

    @Test
    void theLedgerKnowsNothingOfSpringOrTheServer() {
        NO_SERVER_OR_SPRING.check(production());
    }

    @Test
    void theRuleCatchesADependencyOutsideJava() {
        // The test classes use JUnit and AssertJ, so the same rule must report them: it is not vacuous.
        JavaClasses tests = new ClassFileImporter().importPath(classesOf(ArchitectureTest.class));
        assertThat(ONLY_JAVA.evaluate(tests).hasViolation()).isTrue();
    }
}
