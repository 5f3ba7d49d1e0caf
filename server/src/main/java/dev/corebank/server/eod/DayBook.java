package dev.corebank.server.eod;

import dev.corebank.ledger.Account;
import dev.corebank.ledger.AccountFlags;
import dev.corebank.ledger.BusinessDate;
import dev.corebank.ledger.JournalEntry;
import dev.corebank.ledger.LedgerEvent;
import dev.corebank.ledger.Transfer;
import dev.corebank.server.accounts.ChartOfAccounts.GlAccount;
import dev.corebank.server.accounts.TransactionCodes;
import dev.corebank.server.commands.Commands;
import dev.corebank.server.commands.FactKinds;
import dev.corebank.server.products.ProductDefinition;
import dev.corebank.server.products.ProductFacts;
import dev.corebank.server.products.ProductCatalog;
import dev.corebank.server.reactor.CheckpointMode;
import dev.corebank.server.reactor.Reactor;
import dev.corebank.server.reactor.ReactorCheckpoint;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The {@code day-book} reactor: balances per business date, product versions, interest bookkeeping and the
 * end-of-day plan of each closing date, all derived from the journal through the reactor runtime. It keeps them in
 * memory and rebuilds them from the start of the journal at every start (its checkpoint is its memory), so it is
 * exactly once by construction and needs no table.
 *
 * <p>End-of-day balances come from a consistent cut-off: a posting is booked on its entry's value date, and when the
 * cut-off of date D is journaled, every posting a customer could book on D precedes it in the journal. So at that
 * entry the balances through D are final except for end of day's own postings, and the {@link Planner} decides D's
 * interest, fees and dormancy from them there. Postings never stop for this.
 *
 * <p>Readers on other threads take the same lock the reactor thread applies a run under, so they see whole entries.
 */
@Component
@Order(50)
public final class DayBook implements Reactor, ProductCatalog {
    public static final String NAME = "day-book";
    private static final Logger LOG = LoggerFactory.getLogger(DayBook.class);

    private final Object lock = new Object();
    private final AccountBook accounts = new AccountBook();
    private final GlBook gl = new GlBook();
    private final Map<String, List<ProductDefinition>> products = new LinkedHashMap<>();
    private final Map<Integer, String> productCodes = new HashMap<>();
    private final Map<LocalDate, Map<String, EodSteps.Record>> steps = new HashMap<>();
    private final Map<LocalDate, String> failures = new HashMap<>();
    private final List<LocalDate> closedDates = new ArrayList<>();
    private int currentDay;
    private int closingDay;
    private DayPlan plan;
    private volatile long position;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CheckpointMode checkpointMode() {
        return CheckpointMode.ATOMIC;
    }

    /** Kept in memory only: every start applies the journal from its first entry. */
    @Override
    public ReactorCheckpoint storedCheckpoint() {
        return ReactorCheckpoint.START;
    }

    @Override
    public ReactorCheckpoint apply(ReactorCheckpoint from, List<JournalEntry> run) {
        synchronized (lock) {
            for (JournalEntry entry : run) {
                applyEntry(entry);
                position = entry.sequence();
            }
            lock.notifyAll();
        }
        return ReactorCheckpoint.of(run.getLast());
    }

    /** The last journal entry applied. */
    public long position() {
        return position;
    }

    /** Waits until the day book has applied the journal up to {@code sequence}; false when the wait ran out. */
    @Override
    public boolean awaitPosition(long sequence, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (position < sequence) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                lock.wait(Math.max(1, left / 1_000_000));
            }
            return true;
        }
    }

    // ---- applying the journal ----

    private void applyEntry(JournalEntry entry) {
        int valueDay = BusinessDate.epochDay(entry.valueDate());
        boolean customer = !Commands.SYSTEM_ROLE.equals(entry.provenance().role())
                && !entry.provenance().role().isEmpty();
        for (LedgerEvent event : entry.events()) {
            switch (event) {
                case LedgerEvent.AccountOpened opened -> open(opened.account(), valueDay);
                case LedgerEvent.AccountFlagsChanged changed -> {
                    int slot = accounts.slot(changed.accountId());
                    if (slot >= 0) {
                        accounts.flags[slot] = changed.flags();
                    }
                }
                case LedgerEvent.TransferPosted posted -> post(posted.transfer(), valueDay, customer);
                case LedgerEvent.PendingPosted posted -> post(posted.transfer(), valueDay, customer);
                case LedgerEvent.OverdraftLimitChanged changed -> {
                    int slot = accounts.slot(changed.accountId());
                    if (slot >= 0) {
                        accounts.overdraftLimits[slot] = changed.limitMinor();
                    }
                }
                case LedgerEvent.BusinessDateChanged changed -> moveDate(changed.businessDate(), entry.sequence());
                case LedgerEvent.FactRecorded recorded -> fact(recorded.fact());
                default -> {
                }
            }
        }
    }

    private void open(Account account, int valueDay) {
        GlBook.Line line = gl.line(account.ledger(), account.code(), account.type());
        int slot = accounts.add(account.id(), account.ledger(), account.code(), account.flags(), account.type(), line);
        String productId = productCodes.get(account.code());
        if (productId != null) {
            // The account keeps the version current when it opened.
            accounts.products[slot] = products.get(productId).getLast();
        }
        accounts.lastActivity[slot] = valueDay != 0 ? valueDay : currentDay;
    }

    private void post(Transfer transfer, int valueDay, boolean customer) {
        int debit = accounts.slot(transfer.debitAccountId());
        int credit = accounts.slot(transfer.creditAccountId());
        long amount = transfer.amount();
        boolean open = valueDay != 0 && valueDay == currentDay;
        long[] debitSide = open ? accounts.netOpen : accounts.netThrough;
        debitSide[debit] -= amount;
        long[] creditSide = open ? accounts.netOpen : accounts.netThrough;
        creditSide[credit] += amount;
        accounts.lines[debit].add(valueDay, amount, 0);
        accounts.lines[credit].add(valueDay, 0, amount);
        if (customer) {
            accounts.lastActivity[debit] = Math.max(accounts.lastActivity[debit], valueDay);
            accounts.lastActivity[credit] = Math.max(accounts.lastActivity[credit], valueDay);
        }
        if (transfer.code() == TransactionCodes.INTEREST_CAPITALISED
                && accounts.codes[debit] == GlAccount.INTEREST_PAYABLE.code()) {
            accounts.accrued[credit] = accounts.accrued(credit).subtract(java.math.BigDecimal.valueOf(amount));
            accounts.accruedBooked[credit] = 0;
            accounts.interestPaid[credit] += amount;
        } else if (transfer.code() == TransactionCodes.OVERDRAFT_INTEREST
                && accounts.codes[credit] == GlAccount.OVERDRAFT_INTEREST_INCOME.code()
                && accounts.overdraftAccrued[debit] != null) {
            accounts.overdraftAccrued[debit] = accounts.overdraftAccrued[debit]
                    .subtract(java.math.BigDecimal.valueOf(amount));
            accounts.overdraftInterestCharged[debit] += amount;
        }
    }

    private void moveDate(BusinessDate next, long sequence) {
        int nextDay = BusinessDate.epochDay(next.current());
        int nextClosing = BusinessDate.epochDay(next.closing());
        if (nextDay != currentDay) {
            for (int slot = 0; slot < accounts.count; slot++) {
                accounts.netThrough[slot] += accounts.netOpen[slot];
                accounts.netOpen[slot] = 0;
                if (accounts.lastActivity[slot] == 0) {
                    accounts.lastActivity[slot] = nextDay;
                }
            }
        }
        if (nextClosing != 0 && nextClosing != closingDay) {
            long started = System.nanoTime();
            plan = Planner.plan(accounts, next.closing(), sequence);
            LOG.info("day-book: cut-off planned date={} accounts={} accruals={} capitalisations={} fees={}"
                            + " dormant={} millis={}", next.closing(), plan.accountsConsidered, plan.accruals.size(),
                    plan.capitalisations.size(), plan.fees.size(), plan.dormant.size(),
                    (System.nanoTime() - started) / 1_000_000);
        }
        if (nextClosing == 0 && closingDay != 0) {
            closedDates.add(BusinessDate.date(closingDay));
        }
        currentDay = nextDay;
        closingDay = nextClosing;
    }

    private void fact(dev.corebank.ledger.Fact fact) {
        switch (fact.kind()) {
            case FactKinds.PRODUCT_DEFINED -> defineProduct(ProductFacts.read(fact));
            case FactKinds.EOD_STEP_COMPLETED -> {
                EodSteps.Record record = EodSteps.read(fact);
                steps.computeIfAbsent(record.date(), ignored -> new LinkedHashMap<>()).put(record.step(), record);
                failures.remove(record.date());
            }
            case FactKinds.EOD_STEP_FAILED -> {
                EodSteps.Record record = EodSteps.read(fact);
                failures.put(record.date(), record.step() + ": " + record.detail());
            }
            default -> {
            }
        }
    }

    /** A version is taken only as the next of its id, and only with the code the id already has (or a free one). */
    private void defineProduct(ProductDefinition product) {
        List<ProductDefinition> versions = products.computeIfAbsent(product.id(), ignored -> new ArrayList<>());
        String owner = productCodes.get(product.code());
        boolean next = product.version() == versions.size() + 1;
        boolean codeFree = owner == null ? versions.isEmpty() || versions.getLast().code().equals(product.code())
                : owner.equals(product.id());
        if (!next || !codeFree) {
            LOG.warn("day-book: product version not taken product={} version={} code={} latest={}", product.id(),
                    product.version(), product.code(), versions.size());
            if (versions.isEmpty()) {
                products.remove(product.id());
            }
            return;
        }
        versions.add(product);
        productCodes.put(product.code(), product.id());
    }

    // ---- reading ----

    public BusinessDate businessDate() {
        synchronized (lock) {
            return new BusinessDate(BusinessDate.date(currentDay), BusinessDate.date(closingDay));
        }
    }

    /** The latest version of every product, in the order they were first defined. */
    @Override
    public List<ProductDefinition> latestProducts() {
        synchronized (lock) {
            return products.values().stream().map(List::getLast).toList();
        }
    }

    /** Every version of a product, oldest first; empty when it is unknown. */
    @Override
    public List<ProductDefinition> versions(String productId) {
        synchronized (lock) {
            return List.copyOf(products.getOrDefault(productId, List.of()));
        }
    }

    /** The id of the product whose customer balances have this code, or null. */
    @Override
    public String productOfCode(int code) {
        synchronized (lock) {
            return productCodes.get(code);
        }
    }

    /** The product version an account keeps, or null. */
    @Override
    public ProductDefinition productOf(UUID accountId) {
        synchronized (lock) {
            int slot = accounts.slot(accountId);
            return slot < 0 ? null : accounts.products[slot];
        }
    }

    /** The plan of {@code date}, once its cut-off has been applied; null otherwise. */
    DayPlan plan(LocalDate date) {
        synchronized (lock) {
            return plan != null && plan.date.equals(date) ? plan : null;
        }
    }

    /** The account ids, ledgers and codes of slots, for turning a plan into transfers. */
    UUID id(int slot) {
        return accounts.ids[slot];
    }

    int ledger(int slot) {
        return accounts.ledgers[slot];
    }

    /** The end-of-day steps journaled as done for the date, in the order they finished. */
    public Map<String, EodSteps.Record> steps(LocalDate date) {
        synchronized (lock) {
            return Map.copyOf(steps.getOrDefault(date, Map.of()));
        }
    }

    public String failure(LocalDate date) {
        synchronized (lock) {
            return failures.get(date);
        }
    }

    public boolean closed(LocalDate date) {
        synchronized (lock) {
            return closedDates.contains(date);
        }
    }

    /** The trial balance of the date: every general-ledger line's opening, movements and closing on it. */
    public TrialBalance trialBalance(LocalDate date) {
        int day = (int) date.toEpochDay();
        synchronized (lock) {
            List<TrialBalance.Line> lines = new ArrayList<>();
            for (GlBook.Line line : gl.lines()) {
                long opening = line.netBefore(day);
                long[] on = line.on(day);
                lines.add(new TrialBalance.Line(line.ledger, line.code, line.type, opening, on[0], on[1],
                        opening + on[0] - on[1]));
            }
            return TrialBalance.of(date, lines);
        }
    }

    /** Interest of one account: accrued and not yet posted, paid to date, overdraft interest; null when unknown. */
    public InterestPosition interest(UUID accountId) {
        synchronized (lock) {
            int slot = accounts.slot(accountId);
            return slot < 0 ? null : interestAt(slot);
        }
    }

    /** Interest of the accounts that have a product, from the {@code offset}-th, at most {@code limit}. */
    public List<InterestPosition> interest(int offset, int limit) {
        synchronized (lock) {
            List<InterestPosition> found = new ArrayList<>();
            int skipped = 0;
            for (int slot = 0; slot < accounts.count && found.size() < limit; slot++) {
                if (accounts.products[slot] != null && skipped++ >= offset) {
                    found.add(interestAt(slot));
                }
            }
            return found;
        }
    }

    private InterestPosition interestAt(int slot) {
        ProductDefinition product = accounts.products[slot];
        return new InterestPosition(accounts.ids[slot], product == null ? null : product.id(),
                product == null ? null : product.version(), accounts.netThrough[slot] + accounts.netOpen[slot],
                accounts.accrued(slot), accounts.interestPaid[slot],
                accounts.overdraftAccrued[slot] == null ? java.math.BigDecimal.ZERO : accounts.overdraftAccrued[slot],
                accounts.overdraftInterestCharged[slot], accounts.overdraftLimits[slot],
                (accounts.flags[slot] & AccountFlags.DORMANT) != 0);
    }

    /** Visits every account's balance through the closing date (as of now), for the daily snapshot. */
    void forEachBalance(BalanceVisitor visitor) {
        synchronized (lock) {
            for (int slot = 0; slot < accounts.count; slot++) {
                visitor.balance(accounts.ids[slot], accounts.ledgers[slot], accounts.codes[slot],
                        accounts.netThrough[slot], accounts.accrued(slot));
            }
        }
    }

    int accountCount() {
        synchronized (lock) {
            return accounts.count;
        }
    }

    interface BalanceVisitor {
        void balance(UUID accountId, int ledger, int code, long balanceCreditMinusDebit,
                     java.math.BigDecimal accruedInterest);
    }
}
