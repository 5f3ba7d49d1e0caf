package dev.corebank.server.accounts;

import dev.corebank.ledger.AccountChange;
import dev.corebank.ledger.AccountOperation;
import dev.corebank.ledger.AccountWithProfile;
import dev.corebank.ledger.BatchResult;
import dev.corebank.ledger.LedgerCommand;
import dev.corebank.ledger.Profile;
import dev.corebank.ledger.ProfileChange;
import dev.corebank.ledger.Provenance;
import dev.corebank.ledger.ResultCode;
import dev.corebank.server.commands.Commands;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Opens accounts with their profiles, changes their state and profiles, and reads them back, all through the engine.
 * The profile (name and customer, encrypted by {@link ProfileCipher}) is part of the open command, so the journal
 * holds it and the engine judges a repeated open on it too: there is no second store to keep in step.
 */
@Service
public final class AccountService {
    private final Commands commands;
    private final ProfileCipher profiles;

    AccountService(Commands commands, ProfileCipher profiles) {
        this.commands = commands;
        this.profiles = profiles;
    }

    /** The results of opening a batch, one per item in order, and the journal position that holds them. */
    public record Opened(ResultCode[] codes, long position, List<AccountDetails> accounts) {
        public ResultCode code(int index) {
            return codes[index];
        }
    }

    /** One account's outcome: its result, the journal position, and the account as stored (null if rejected). */
    public record Outcome(ResultCode code, long position, AccountDetails account) {
    }

    /**
     * Opens the accounts. An id that exists with the same ledger fields but a different name or customer is reported
     * as {@link ResultCode#EXISTS_WITH_DIFFERENT_FIELDS}, just as a different ledger field is. Ids must be distinct.
     */
    public Opened open(List<OpenAccount> accounts, Provenance provenance) {
        return open(accounts, provenance, false);
    }

    public Outcome openOne(OpenAccount account, Provenance provenance) {
        Opened opened = open(List.of(account), provenance, true);
        ResultCode code = opened.code(0);
        boolean stored = code == ResultCode.OK || code == ResultCode.EXISTS;
        return new Outcome(code, opened.position(), stored && !opened.accounts().isEmpty()
                ? opened.accounts().getFirst() : null);
    }

    private Opened open(List<OpenAccount> accounts, Provenance provenance, boolean readBack) {
        List<UUID> ids = accounts.stream().map(OpenAccount::id).toList();
        if (new HashSet<>(ids).size() != ids.size()) {
            throw new IllegalArgumentException("account ids in one batch must be distinct");
        }
        List<Profile> sealed = new ArrayList<>(accounts.size());
        for (OpenAccount account : accounts) {
            sealed.add(profiles.seal(account.id(), account.name(), account.customerId()));
        }
        BatchResult result = commands.submit(new LedgerCommand.CreateAccounts(
                accounts.stream().map(OpenAccount::toAccount).toList(), sealed, readBack), provenance);
        List<dev.corebank.ledger.OverdraftLimit> limits = new ArrayList<>();
        for (int index = 0; index < accounts.size(); index++) {
            ResultCode code = result.code(index);
            if (accounts.get(index).overdraftLimitMinor() > 0 && (code == ResultCode.OK || code == ResultCode.EXISTS)) {
                limits.add(new dev.corebank.ledger.OverdraftLimit(accounts.get(index).id(),
                        accounts.get(index).overdraftLimitMinor()));
            }
        }
        if (limits.isEmpty()) {
            return new Opened(result.codes(), result.position(), details(result.accounts()));
        }
        // The arranged overdraft is a second entry: until it is journaled the account simply has none, the stricter
        // state, and a repeat of the open sets it again (the same limit journals nothing).
        BatchResult limited = commands.submit(new LedgerCommand.SetOverdraftLimits(limits), provenance);
        List<AccountWithProfile> stored = readBack ? commands.accounts(ids) : List.of();
        return new Opened(result.codes(), Math.max(result.position(), limited.position()), details(stored));
    }

    /** Freezes, unfreezes or closes one account, and reads it back in the same trip through the engine. */
    public Outcome change(UUID id, AccountOperation operation, Provenance provenance) {
        BatchResult result = commands.submit(new LedgerCommand.ChangeAccounts(
                List.of(new AccountChange(id, operation)), true), provenance);
        return outcome(result);
    }

    /** Sets one account's arranged overdraft limit, and reads it back. */
    public Outcome setOverdraftLimit(UUID id, long limitMinor, Provenance provenance) {
        BatchResult result = commands.submit(new LedgerCommand.SetOverdraftLimits(List.of(
                new dev.corebank.ledger.OverdraftLimit(id, limitMinor))), provenance);
        ResultCode code = result.code(0);
        if (code != ResultCode.OK) {
            return new Outcome(code, result.position(), null);
        }
        return new Outcome(code, result.position(), find(id).orElse(null));
    }

    /** Replaces one account's name and customer; the same values again change nothing. */
    public Outcome changeProfile(UUID id, String name, String customerId, Provenance provenance) {
        BatchResult result = commands.submit(new LedgerCommand.ChangeProfiles(
                List.of(new ProfileChange(id, profiles.seal(id, name, customerId))), true), provenance);
        return outcome(result);
    }

    /** The outcome of an erasure: whether a key was destroyed now (false when it was gone already). */
    public record Erased(String customerId, boolean keyDestroyed, long position) {
    }

    /**
     * Erases a customer's personal data for good: journals the erasure (the key id, not the customer id), then
     * destroys the customer's key, so every profile sealed under it reads as erased, in the engine, the read models
     * and any rebuild, while the journal and its hash chain stay as they were. Repeating it changes nothing more.
     */
    public Erased eraseCustomer(String customerId, Provenance provenance) {
        UUID keyId = CustomerKeys.keyIdOfCustomer(customerId);
        BatchResult recorded = commands.submit(new LedgerCommand.RecordFacts(List.of(
                ProfileTable.ErasureFact.of(keyId))), provenance);
        return new Erased(customerId, profiles.eraseCustomer(customerId), recorded.position());
    }

    public Optional<AccountDetails> find(UUID id) {
        List<AccountDetails> found = details(commands.accounts(List.of(id)));
        return found.isEmpty() ? Optional.empty() : Optional.of(found.getFirst());
    }

    private Outcome outcome(BatchResult result) {
        ResultCode code = result.code(0);
        if (code != ResultCode.OK || result.accounts().isEmpty()) {
            return new Outcome(code, result.position(), null);
        }
        return new Outcome(code, result.position(), details(result.accounts()).getFirst());
    }

    private List<AccountDetails> details(List<AccountWithProfile> stored) {
        List<AccountDetails> details = new ArrayList<>(stored.size());
        for (AccountWithProfile account : stored) {
            ProfileCipher.Fields fields = profiles.open(account.account().id(), account.profile());
            details.add(new AccountDetails(account.account(), fields.name(), fields.customerId(), fields.erased(),
                    account.overdraftLimitMinor()));
        }
        return details;
    }
}
