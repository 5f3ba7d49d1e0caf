package dev.corebank.ledger;

import java.util.List;
import java.util.Objects;

/**
 * A write command for the engine: every change to the ledger, to an account's profile, or to the facts the bank
 * keeps is one of these, submitted with {@link LedgerEngine#submit(LedgerCommand, Provenance)} and journaled as one
 * entry. Each item of a command gets a result code.
 *
 * <p>{@code readBack} asks the engine to answer with the stored items as well (in {@link BatchResult#accounts()} or
 * {@link BatchResult#transfers()}), decided in the same trip through the queue, so a caller that shows what was
 * stored needs no second lookup.
 */
public sealed interface LedgerCommand {
    /** The items of the command. */
    List<?> items();

    /** The largest number of bytes the command's events can take in a journal entry. */
    int encodedBytesMax();

    default int size() {
        return items().size();
    }

    /** Opens accounts; {@code profiles} has one profile per account, in the same order. */
    record CreateAccounts(List<Account> accounts, List<Profile> profiles, boolean readBack) implements LedgerCommand {
        public CreateAccounts {
            accounts = List.copyOf(accounts);
            profiles = List.copyOf(profiles);
            if (accounts.size() != profiles.size()) {
                throw new IllegalArgumentException("one profile per account accounts=" + accounts.size()
                        + " profiles=" + profiles.size());
            }
            for (Account account : accounts) {
                if (account.timestamp() != 0 || account.debitsPending() != 0 || account.debitsPosted() != 0
                        || account.creditsPending() != 0 || account.creditsPosted() != 0) {
                    throw new IllegalArgumentException("an account to open must have zero balances and timestamp id="
                            + account.id());
                }
            }
        }

        /** Accounts without profiles. */
        public static CreateAccounts of(List<Account> accounts) {
            return new CreateAccounts(accounts, java.util.Collections.nCopies(accounts.size(), Profile.EMPTY), false);
        }

        @Override
        public List<Account> items() {
            return accounts;
        }

        @Override
        public int encodedBytesMax() {
            int bytes = 0;
            for (Profile profile : profiles) {
                bytes += EventCodec.ACCOUNT_EVENT_BYTES_FIXED + profile.length();
            }
            return bytes;
        }
    }

    /**
     * Applies transfers, in order, with linked chains all or nothing. {@code valueDate} is the business date the
     * postings are booked on: null for the current business date; otherwise it must be the current date or the date
     * end of day is closing (see {@link BusinessDate}), else every item is refused with value_date_not_open.
     */
    record CreateTransfers(List<Transfer> transfers, boolean readBack, java.time.LocalDate valueDate)
            implements LedgerCommand {
        public CreateTransfers(List<Transfer> transfers, boolean readBack) {
            this(transfers, readBack, null);
        }

        public CreateTransfers {
            transfers = List.copyOf(transfers);
            BusinessDate.epochDay(valueDate);
            for (Transfer transfer : transfers) {
                if (transfer.timestamp() != 0) {
                    throw new IllegalArgumentException("the engine assigns timestamps; pass 0 id=" + transfer.id());
                }
            }
        }

        public static CreateTransfers of(List<Transfer> transfers) {
            return new CreateTransfers(transfers, false);
        }

        @Override
        public List<Transfer> items() {
            return transfers;
        }

        @Override
        public int encodedBytesMax() {
            return transfers.size() * EventCodec.EVENT_BYTES_MAX;
        }
    }

    /** Freezes, unfreezes or closes accounts. */
    record ChangeAccounts(List<AccountChange> changes, boolean readBack) implements LedgerCommand {
        public ChangeAccounts {
            changes = List.copyOf(changes);
        }

        public static ChangeAccounts of(List<AccountChange> changes) {
            return new ChangeAccounts(changes, false);
        }

        @Override
        public List<AccountChange> items() {
            return changes;
        }

        @Override
        public int encodedBytesMax() {
            return changes.size() * EventCodec.ACCOUNT_CHANGE_EVENT_BYTES_MAX;
        }
    }

    /** Replaces accounts' profiles; a profile equal to the current one is an idempotent repeat and journals nothing. */
    record ChangeProfiles(List<ProfileChange> changes, boolean readBack) implements LedgerCommand {
        public ChangeProfiles {
            changes = List.copyOf(changes);
        }

        @Override
        public List<ProfileChange> items() {
            return changes;
        }

        @Override
        public int encodedBytesMax() {
            int bytes = 0;
            for (ProfileChange change : changes) {
                bytes += EventCodec.PROFILE_EVENT_BYTES_FIXED + change.profile().length();
            }
            return bytes;
        }
    }

    /**
     * Moves the bank's business date (see {@link BusinessDate}). The engine allows three moves and refuses any other
     * with business_date_not_next: setting the first date; the cut-off, from (D, none) to (a later date, D); and the
     * roll, from (E, D) to (E, none). Asking for the date as it already is changes nothing and journals nothing.
     */
    record ChangeBusinessDate(BusinessDate next) implements LedgerCommand {
        public ChangeBusinessDate {
            Objects.requireNonNull(next, "next");
            if (next.current() == null) {
                throw new IllegalArgumentException("the business date cannot be unset");
            }
        }

        @Override
        public List<BusinessDate> items() {
            return List.of(next);
        }

        @Override
        public int encodedBytesMax() {
            return EventCodec.BUSINESS_DATE_EVENT_BYTES_MAX;
        }
    }

    /** Sets accounts' arranged overdraft limits, which the engine then enforces on every debit. */
    record SetOverdraftLimits(List<OverdraftLimit> limits) implements LedgerCommand {
        public SetOverdraftLimits {
            limits = List.copyOf(limits);
        }

        @Override
        public List<OverdraftLimit> items() {
            return limits;
        }

        @Override
        public int encodedBytesMax() {
            return limits.size() * EventCodec.OVERDRAFT_EVENT_BYTES_MAX;
        }
    }

    /** Journals facts the engine does not interpret (see {@link Fact}); each is accepted. */
    record RecordFacts(List<Fact> facts) implements LedgerCommand {
        public RecordFacts {
            facts = List.copyOf(facts);
            for (Fact fact : facts) {
                Objects.requireNonNull(fact, "fact");
            }
        }

        @Override
        public List<Fact> items() {
            return facts;
        }

        @Override
        public int encodedBytesMax() {
            int bytes = 0;
            for (Fact fact : facts) {
                bytes += EventCodec.FACT_EVENT_BYTES_FIXED + fact.body().length;
            }
            return bytes;
        }
    }
}
