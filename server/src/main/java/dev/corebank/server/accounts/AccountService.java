package dev.corebank.server.accounts;

import dev.corebank.ledger.Account;
import dev.corebank.ledger.AccountChange;
import dev.corebank.ledger.AccountOperation;
import dev.corebank.ledger.BatchResult;
import dev.corebank.ledger.LedgerEngine;
import dev.corebank.ledger.LedgerOverloadedException;
import dev.corebank.ledger.ResultCode;
import dev.corebank.ledger.TraceId;
import dev.corebank.server.web.ApiProperties;
import dev.corebank.server.web.LedgerCalls;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.stereotype.Service;

/**
 * Opens accounts with their profiles, changes their state, and reads them back from the engine.
 *
 * <p>Opening is serialised by one lock, because an account is two writes (the profile row, then the engine) and a
 * repeat must be judged on both: under the lock, the profile of an account that does not exist yet is written, the
 * account is submitted, and a repeat of an existing account is compared with the stored profile without touching it.
 * Opening accounts is rare next to transfers, so one lock costs nothing that matters.
 */
@Service
public final class AccountService {
    private final LedgerEngine engine;
    private final AccountProfiles profiles;
    private final Duration timeout;
    private final ReentrantLock opening = new ReentrantLock();

    AccountService(LedgerEngine engine, AccountProfiles profiles, ApiProperties properties) {
        this.engine = engine;
        this.profiles = profiles;
        this.timeout = properties.ledgerTimeout();
    }

    /** The results of opening a batch, one per item in order, and the journal position that holds them. */
    public record Opened(ResultCode[] codes, long position, List<Account> accounts) {
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
    public Opened open(List<OpenAccount> accounts, TraceId traceId) {
        return open(accounts, traceId, false);
    }

    public Outcome openOne(OpenAccount account, TraceId traceId) {
        Opened opened = open(List.of(account), traceId, true);
        ResultCode code = opened.code(0);
        boolean stored = code == ResultCode.OK || code == ResultCode.EXISTS;
        AccountDetails details = stored && !opened.accounts().isEmpty()
                ? withProfile(opened.accounts().getFirst()) : null;
        return new Outcome(code, opened.position(), details);
    }

    private Opened open(List<OpenAccount> accounts, TraceId traceId, boolean readBack) {
        List<UUID> ids = accounts.stream().map(OpenAccount::id).toList();
        if (new HashSet<>(ids).size() != ids.size()) {
            throw new IllegalArgumentException("account ids in one batch must be distinct");
        }
        opening.lock();
        try {
            Set<UUID> existing = new HashSet<>();
            LedgerCalls.await(engine.lookupAccounts(ids), timeout).forEach(account -> existing.add(account.id()));
            List<AccountProfile> fresh = accounts.stream().filter(account -> !existing.contains(account.id()))
                    .map(OpenAccount::profile).toList();
            // The profile is durable before the engine can acknowledge the account: no account without its profile.
            profiles.replace(fresh);
            CompletableFuture<BatchResult> created = engine.createAccounts(
                    accounts.stream().map(OpenAccount::toAccount).toList(), traceId);
            // Queued right behind the create, so it is answered in the same durable batch: no second round trip.
            CompletableFuture<List<Account>> readAfter = readBack ? engine.lookupAccounts(ids) : null;
            BatchResult result = LedgerCalls.await(created, timeout);
            ResultCode[] codes = judgeRepeats(accounts, result.codes());
            forgetRefusedProfiles(accounts, existing, codes);
            List<Account> stored = readBack ? readAfter(readAfter, ids) : List.of();
            return new Opened(codes, result.position(), stored);
        } finally {
            opening.unlock();
        }
    }

    private ResultCode[] judgeRepeats(List<OpenAccount> accounts, ResultCode[] engineCodes) {
        ResultCode[] codes = engineCodes.clone();
        List<UUID> repeated = new ArrayList<>();
        for (int index = 0; index < codes.length; index++) {
            if (codes[index] == ResultCode.EXISTS) {
                repeated.add(accounts.get(index).id());
            }
        }
        if (repeated.isEmpty()) {
            return codes;
        }
        Map<UUID, AccountProfile> stored = profiles.find(repeated);
        for (int index = 0; index < codes.length; index++) {
            OpenAccount account = accounts.get(index);
            if (codes[index] == ResultCode.EXISTS && !account.sameProfile(stored.get(account.id()))) {
                codes[index] = ResultCode.EXISTS_WITH_DIFFERENT_FIELDS;
            }
        }
        return codes;
    }

    private void forgetRefusedProfiles(List<OpenAccount> accounts, Set<UUID> existing, ResultCode[] codes) {
        List<UUID> refused = new ArrayList<>();
        for (int index = 0; index < codes.length; index++) {
            UUID id = accounts.get(index).id();
            boolean storedNow = codes[index] == ResultCode.OK || codes[index] == ResultCode.EXISTS
                    || codes[index] == ResultCode.EXISTS_WITH_DIFFERENT_FIELDS;
            if (!storedNow && !existing.contains(id)) {
                refused.add(id);
            }
        }
        profiles.delete(refused);
    }

    /** Freezes, unfreezes or closes one account, and reads it back in the same durable batch. */
    public Outcome change(UUID id, AccountOperation operation, TraceId traceId) {
        CompletableFuture<BatchResult> changed = engine.changeAccounts(List.of(new AccountChange(id, operation)),
                traceId);
        CompletableFuture<List<Account>> readAfter = engine.lookupAccounts(List.of(id));
        BatchResult result = LedgerCalls.await(changed, timeout);
        ResultCode code = result.code(0);
        if (code != ResultCode.OK) {
            return new Outcome(code, result.position(), null);
        }
        List<Account> stored = readAfter(readAfter, List.of(id));
        return new Outcome(code, result.position(), stored.isEmpty() ? null : withProfile(stored.getFirst()));
    }

    public Optional<AccountDetails> find(UUID id) {
        List<Account> found = LedgerCalls.await(engine.lookupAccounts(List.of(id)), timeout);
        return found.isEmpty() ? Optional.empty() : Optional.of(withProfile(found.getFirst()));
    }

    private AccountDetails withProfile(Account account) {
        AccountProfile profile = profiles.find(List.of(account.id())).get(account.id());
        return new AccountDetails(account, profile == null ? null : profile.name(),
                profile == null ? null : profile.customerId());
    }

    /** The pipelined read; when the queue had no room for it, asks again now that the write is done. */
    private List<Account> readAfter(CompletableFuture<List<Account>> pipelined, List<UUID> ids) {
        try {
            return LedgerCalls.await(pipelined, timeout);
        } catch (LedgerOverloadedException full) {
            return LedgerCalls.await(engine.lookupAccounts(ids), timeout);
        }
    }
}
