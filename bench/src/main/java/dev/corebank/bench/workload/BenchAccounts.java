package dev.corebank.bench.workload;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The accounts every system under test is loaded with: {@code count} customer deposit accounts, each opened with the
 * same balance, and one bank cash account that funds them. Ids are derived from the seed, so every system gets the
 * same ids. Transfers of a run only move money between customer accounts, so the sum of the customer balances is
 * what the verification holds constant.
 */
public final class BenchAccounts {
    public static final int COUNT_DEFAULT = 10_000;
    public static final int COUNT_MAX = 1_000_000;
    /** Ten billion dollars in cents: no workload of a bounded run can drain an account, even the hot one. */
    public static final long OPENING_BALANCE_MINOR_DEFAULT = 1_000_000_000_000L;
    public static final int HOT_ACCOUNT_INDEX = 0;
    public static final String LEDGER = "USD";
    /** General-ledger code of the customer deposit accounts and of the bank's cash account. */
    public static final int CUSTOMER_ACCOUNT_CODE = 2000;
    public static final int CASH_ACCOUNT_CODE = 1000;
    /** Transaction code of the opening deposits and of the benchmark's customer transfers. */
    public static final int FUNDING_TRANSFER_CODE = 1;
    public static final int CUSTOMER_TRANSFER_CODE = 10;

    private static final long ACCOUNT_KEY = 0x6163636F756E7473L;
    private static final long FUNDING_KEY = 0x66756E64696E6773L;

    private final long seed;
    private final UUID[] ids;
    private final UUID cashAccountId;
    private final long openingBalanceMinor;

    public BenchAccounts(long seed, int count, long openingBalanceMinor) {
        if (count < 2 || count > COUNT_MAX) {
            throw new IllegalArgumentException("account count must be in 2.." + COUNT_MAX + " count=" + count);
        }
        if (openingBalanceMinor <= 0) {
            throw new IllegalArgumentException("opening balance must be positive openingBalanceMinor="
                    + openingBalanceMinor);
        }
        this.seed = seed;
        this.openingBalanceMinor = openingBalanceMinor;
        this.ids = new UUID[count];
        for (int index = 0; index < count; index++) {
            ids[index] = uuid(seed ^ ACCOUNT_KEY, index);
        }
        this.cashAccountId = uuid(seed ^ ACCOUNT_KEY, -1);
    }

    public long seed() {
        return seed;
    }

    public int count() {
        return ids.length;
    }

    public UUID id(int index) {
        return ids[index];
    }

    public UUID cashAccountId() {
        return cashAccountId;
    }

    public long openingBalanceMinor() {
        return openingBalanceMinor;
    }

    /** The id of the opening deposit into customer account {@code index}. */
    public UUID fundingTransferId(int index) {
        return uuid(seed ^ FUNDING_KEY, index);
    }

    /** Customer account index by id, for systems that report balances by id. */
    public Map<UUID, Integer> indexById() {
        Map<UUID, Integer> byId = new HashMap<>(ids.length * 2);
        for (int index = 0; index < ids.length; index++) {
            byId.put(ids[index], index);
        }
        return byId;
    }

    /** A version-4-shaped UUID from the stream {@code key}; never the all-zero id, which means "none". */
    static UUID uuid(long key, long index) {
        long high = StreamRandom.bits(key, 2 * index);
        long low = StreamRandom.bits(key, 2 * index + 1);
        high = (high & ~0xF000L) | 0x4000L;
        low = (low & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low);
    }
}
