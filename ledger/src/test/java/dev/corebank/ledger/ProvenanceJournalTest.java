package dev.corebank.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Entry format versions 2 and 3: provenance, profiles and facts in the journal, and the journal of version 1 still read. */
class ProvenanceJournalTest {
    private static final String KEY_ID = "ck_6f1c2d9e0a11c0de";
    private static final Provenance ASKED = new Provenance(KEY_ID, "teller", "203.0.113.7", "req-42",
            TraceId.ofHex("4bf92f3577b34da6a3ce929d0e0e4736"), "idem-7", "POST /v1/transfers");

    @TempDir
    Path data;

    @Test
    void journalsTheProvenanceOfEveryCommandAndReadsItBack() {
        try (TestLedger ledger = TestLedger.open(data)) {
            UUID bank = ledger.unrestricted();
            UUID customer = ledger.unrestricted();
            BatchResult moved = TestLedger.await(ledger.engine().submit(LedgerCommand.CreateTransfers.of(
                    List.of(TransferBuilder.single(bank, customer, 5).build())), ASKED));
            JournalEntry entry = ledger.journal().getLast();
            assertThat(entry.sequence()).isEqualTo(moved.position());
            assertThat(entry.version()).isEqualTo(3);
            assertThat(entry.provenance()).isEqualTo(ASKED);
            assertThat(entry.traceId()).isEqualTo(ASKED.traceId());
            assertThat(ledger.journal().getFirst().provenance()).isEqualTo(Provenance.NONE);
        }
    }

    @Test
    void namesEachEntrysHashAndTheHashBeforeItSoTheChainCanBeFollowed() {
        try (TestLedger ledger = TestLedger.open(data)) {
            ledger.unrestricted();
            ledger.unrestricted();
            ledger.unrestricted();
            List<JournalEntry> entries = ledger.journal();
            assertThat(entries.getFirst().previousHashHex()).isEqualTo("0".repeat(64));
            for (int index = 1; index < entries.size(); index++) {
                assertThat(entries.get(index).previousHashHex()).isEqualTo(entries.get(index - 1).hashHex());
                assertThat(entries.get(index).hashHex()).isNotEqualTo(entries.get(index - 1).hashHex());
            }
        }
    }

    @Test
    void keepsAnAccountsProfileThroughJournalReplayAndSnapshots() {
        UUID id = TestLedger.id();
        Profile alice = Profile.of("name=Alice".getBytes());
        Profile alicia = Profile.of("name=Alicia".getBytes());
        try (TestLedger ledger = TestLedger.open(data)) {
            BatchResult opened = TestLedger.await(ledger.engine().submit(new LedgerCommand.CreateAccounts(
                    List.of(Account.open(id, TestLedger.USD, AccountType.LIABILITY, 2001, 0)), List.of(alice),
                    true), ASKED));
            assertThat(opened.code(0)).isEqualTo(ResultCode.OK);
            assertThat(opened.accounts()).singleElement().satisfies(stored -> assertThat(stored.profile())
                    .isEqualTo(alice));
            BatchResult changed = TestLedger.await(ledger.engine().submit(new LedgerCommand.ChangeProfiles(
                    List.of(new ProfileChange(id, alicia)), true), ASKED));
            assertThat(changed.code(0)).isEqualTo(ResultCode.OK);
            assertThat(changed.accounts().getFirst().profile()).isEqualTo(alicia);
            assertThat(ledger.journal().getLast().events()).singleElement()
                    .isInstanceOfSatisfying(LedgerEvent.ProfileChanged.class, event -> assertThat(event.profile())
                            .isEqualTo(alicia));
            ledger.restartWithoutSnapshot();
            assertThat(profileOf(ledger, id)).as("after replay").isEqualTo(alicia);
            ledger.restart();
            assertThat(profileOf(ledger, id)).as("after a snapshot").isEqualTo(alicia);
        }
    }

    @Test
    void judgesARepeatedOpenByItsProfileToo() {
        UUID id = TestLedger.id();
        Account account = Account.open(id, TestLedger.USD, AccountType.LIABILITY, 2001, 0);
        try (TestLedger ledger = TestLedger.open(data)) {
            assertThat(open(ledger, account, Profile.of(new byte[] {1}))).isEqualTo(ResultCode.OK);
            assertThat(open(ledger, account, Profile.of(new byte[] {1}))).isEqualTo(ResultCode.EXISTS);
            assertThat(open(ledger, account, Profile.of(new byte[] {2})))
                    .isEqualTo(ResultCode.EXISTS_WITH_DIFFERENT_FIELDS);
        }
    }

    @Test
    void journalsNothingForAProfileChangeThatChangesNothingAndRefusesUnknownAccounts() {
        UUID id = TestLedger.id();
        Profile same = Profile.of(new byte[] {9});
        try (TestLedger ledger = TestLedger.open(data)) {
            open(ledger, Account.open(id, TestLedger.USD, AccountType.LIABILITY, 2001, 0), same);
            long before = ledger.committedPosition();
            BatchResult repeat = TestLedger.await(ledger.engine().submit(new LedgerCommand.ChangeProfiles(
                    List.of(new ProfileChange(id, same)), false), ASKED));
            assertThat(repeat.code(0)).isEqualTo(ResultCode.OK);
            assertThat(ledger.committedPosition()).isEqualTo(before);
            BatchResult unknown = TestLedger.await(ledger.engine().submit(new LedgerCommand.ChangeProfiles(
                    List.of(new ProfileChange(TestLedger.id(), same)), false), ASKED));
            assertThat(unknown.code(0)).isEqualTo(ResultCode.ACCOUNT_NOT_FOUND);
            assertThat(ledger.journal().getLast().events()).singleElement()
                    .isInstanceOf(LedgerEvent.ProfileChangeRejected.class);
        }
    }

    @Test
    void journalsFactsInOrderWithoutInterpretingThem() {
        try (TestLedger ledger = TestLedger.open(data)) {
            Fact created = new Fact(1, "key created".getBytes());
            Fact revoked = new Fact(3, "key revoked".getBytes());
            BatchResult recorded = TestLedger.await(ledger.engine().submit(new LedgerCommand.RecordFacts(
                    List.of(created, revoked)), ASKED));
            assertThat(recorded.allOk()).isTrue();
            String hashBefore = ledger.stateHash();
            ledger.restartWithoutSnapshot();
            assertThat(ledger.stateHash()).as("facts are not ledger state").isEqualTo(hashBefore);
            assertThat(ledger.journal().getLast().events()).extracting(event -> ((LedgerEvent.FactRecorded) event)
                    .fact()).containsExactly(created, revoked);
        }
    }

    @Test
    void answersWithTheStoredTransferInTheSameTripThroughTheQueue() {
        try (TestLedger ledger = TestLedger.open(data)) {
            UUID bank = ledger.unrestricted();
            UUID customer = ledger.unrestricted();
            Transfer transfer = TransferBuilder.single(bank, customer, 7).build();
            BatchResult first = TestLedger.await(ledger.engine().submit(new LedgerCommand.CreateTransfers(
                    List.of(transfer), true), ASKED));
            BatchResult repeat = TestLedger.await(ledger.engine().submit(new LedgerCommand.CreateTransfers(
                    List.of(transfer), true), ASKED));
            assertThat(first.transfers()).singleElement().satisfies(stored -> {
                assertThat(stored.transfer().id()).isEqualTo(transfer.id());
                assertThat(stored.transfer().timestamp()).isEqualTo(first.timestamp(0));
            });
            assertThat(repeat.code(0)).isEqualTo(ResultCode.EXISTS);
            assertThat(repeat.transfers()).isEqualTo(first.transfers());
            assertThat(first.journaled()).isTrue();
            assertThat(repeat.journaled()).as("a repeat journals nothing").isFalse();
            assertThat(repeat.position()).isEqualTo(first.position());
        }
    }

    @Test
    void refusesACommandWhoseEventsCannotFitOneEntry() {
        LedgerConfig small = JournalRecoveryTest.smallSegments(data, new ManualClock());
        try (LedgerEngine engine = LedgerEngine.open(small)) {
            List<Fact> facts = List.of(new Fact(1, new byte[Fact.BODY_BYTES_MAX]));
            assertThatThrownBy(() -> engine.submit(new LedgerCommand.RecordFacts(facts), Provenance.NONE))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("command too large for one journal entry");
        }
    }

    @Test
    void refusesProvenanceTextOverItsLimitAndShortensWithoutSplittingACharacter() {
        assertThatThrownBy(() -> new Provenance(KEY_ID, "x".repeat(Provenance.ROLE_BYTES_MAX + 1), "", "",
                TraceId.NONE, "", "")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("field=role");
        String burmese = "မင်္ဂလာပါ".repeat(10);
        String shortened = Provenance.shorten(burmese, 20);
        assertThat(shortened.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isLessThanOrEqualTo(20);
        assertThat(burmese).startsWith(shortened);
    }

    @Test
    void detectsADamagedLengthFieldInAMiddleEntryByItsHeaderChecksum() throws IOException {
        try (TestLedger ledger = TestLedger.open(data)) {
            for (int index = 0; index < 5; index++) {
                ledger.unrestricted();
            }
            ledger.stopWithoutSnapshot();
        }
        LedgerConfig config = LedgerConfig.defaults(data).withDurability(Durability.NONE);
        JournalFiles.Location middle = JournalFiles.entries(config).get(2);
        JournalFiles.putInt(middle.segment(), middle.offset() + JournalFormat.ENTRY_OFFSET_LENGTH,
                middle.length() - 8);
        assertThatThrownBy(() -> LedgerEngine.open(config)).isInstanceOfSatisfying(JournalException.class,
                refused -> {
                    assertThat(refused.getMessage()).contains("header CRC mismatch");
                    assertThat(refused.offset()).isEqualTo(middle.offset());
                    assertThat(refused.sequence()).isEqualTo(middle.sequence());
                });
    }

    // ---- the journal written before this format ----

    @Test
    void startsVerifiesAndReadsAJournalWrittenBeforeTheFormatChangeThenExtendsIt() throws IOException {
        copyFixture("journal-v1", data);
        LedgerConfig config = LedgerConfig.defaults(data).withDurability(Durability.NONE);
        JournalVerifier.Report verified = new JournalVerifier(config).verify(JournalVerifier.Progress.NONE);
        assertThat(verified.ok()).as(verified.problem()).isTrue();
        assertThat(verified.lastSequence()).isEqualTo(11);
        UUID bank = new UUID(0x1001, 0x2001);
        UUID alice = new UUID(0x1002, 0x2002);
        UUID bob = new UUID(0x1003, 0x2003);
        try (LedgerEngine engine = LedgerEngine.open(config)) {
            assertThat(engine.recovery().lastSequence()).isEqualTo(11);
            List<Account> accounts = TestLedger.await(engine.lookupAccounts(List.of(bank, alice, bob)));
            // Deposit 10,000; Alice paid Bob 2,500; a hold of 1,000 was posted at 600; a hold of 300 was voided.
            assertThat(accounts).extracting(Account::balance).containsExactly(10_000L, 6_900L, 3_100L);
            try (JournalReader reader = engine.openReader()) {
                List<JournalEntry> entries = reader.read(1, 100);
                assertThat(entries).hasSize(11).allSatisfy(entry -> assertThat(entry.version()).isEqualTo(1));
                assertThat(entries.getFirst().traceId().toHex()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
                assertThat(entries.getFirst().provenance().hasApiKey()).isFalse();
                assertThat(entries.getFirst().events()).hasSize(3).first()
                        .isInstanceOfSatisfying(LedgerEvent.AccountOpened.class, opened -> assertThat(
                                opened.profile()).isEqualTo(Profile.EMPTY));
            }
            BatchResult appended = TestLedger.await(engine.submit(LedgerCommand.CreateTransfers.of(List.of(
                    TransferBuilder.single(alice, bob, 100).build())), ASKED));
            assertThat(appended.allOk()).isTrue();
            engine.closeWithoutSnapshot();
        }
        JournalVerifier.Report extended = new JournalVerifier(config).verify(JournalVerifier.Progress.NONE);
        assertThat(extended.ok()).as(extended.problem()).isTrue();
        assertThat(extended.lastSequence()).isEqualTo(12);
        try (LedgerEngine engine = LedgerEngine.open(config); JournalReader reader = engine.openReader()) {
            List<JournalEntry> entries = reader.read(11, 2);
            assertThat(entries).extracting(JournalEntry::version).containsExactly(1, 3);
            assertThat(entries.getLast().provenance()).isEqualTo(ASKED);
            assertThat(entries.getLast().previousHashHex()).isEqualTo(entries.getFirst().hashHex());
        }
    }

    private static void copyFixture(String name, Path target) throws IOException {
        Path source;
        try {
            source = Path.of(ProvenanceJournalTest.class.getResource("/" + name).toURI());
        } catch (java.net.URISyntaxException impossible) {
            throw new IllegalStateException(impossible);
        }
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.toList()) {
                Path copy = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy);
                }
            }
        }
    }

    private static ResultCode open(TestLedger ledger, Account account, Profile profile) {
        return TestLedger.await(ledger.engine().submit(new LedgerCommand.CreateAccounts(List.of(account),
                List.of(profile), false), ASKED)).code(0);
    }

    private static Profile profileOf(TestLedger ledger, UUID id) {
        return TestLedger.await(ledger.engine().lookupAccountsWithProfiles(List.of(id))).getFirst().profile();
    }
}
