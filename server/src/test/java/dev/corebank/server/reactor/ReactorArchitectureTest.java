package dev.corebank.server.reactor;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.corebank.ledger.JournalReader;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The runtime is the one loop over the journal, and its package shows only the types a reactor author needs. */
class ReactorArchitectureTest {
    private static final JavaClasses SERVER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.corebank.server");

    @Test
    void onlyTheRuntimeReadsAndWaitsOnTheJournal() {
        // The audit verifier and the witness query read the journal once, on demand; neither is a loop that reacts to
        // new entries.
        noClasses().that().resideOutsideOfPackage("dev.corebank.server.reactor..")
                .and().doNotHaveSimpleName("JournalAudit").and().doNotHaveSimpleName("WitnessService")
                .should().callMethod(JournalReader.class, "read", long.class, int.class)
                .orShould().callMethod(JournalReader.class, "awaitPosition", long.class, long.class, TimeUnit.class)
                .check(SERVER);
    }

    @Test
    void onlyTheContractTheRuntimeAndTheirValuesArePublic() {
        classes().that().resideInAPackage("dev.corebank.server.reactor..")
                .and().doNotHaveSimpleName("Reactor").and().doNotHaveSimpleName("ReactorRuntime")
                .and().doNotHaveSimpleName("ReactorProperties").and().doNotHaveSimpleName("ReactorCheckpoint")
                .and().doNotHaveSimpleName("ReactorStatus").and().doNotHaveSimpleName("ReactorState")
                .and().doNotHaveSimpleName("CheckpointMode").and().doNotHaveSimpleName("FailurePolicy")
                .and().doNotHaveSimpleName("TableReactor").and().doNotHaveSimpleName("Rows")
                .and().doNotHaveSimpleName("CheckpointWindow").and().doNotHaveSimpleName("StartCheck")
                .should().notBePublic()
                .check(SERVER);
    }
}
