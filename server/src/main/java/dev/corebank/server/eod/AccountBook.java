package dev.corebank.server.eod;

import dev.corebank.ledger.AccountType;
import dev.corebank.server.products.ProductDefinition;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The day book's columns, one slot per account in the order accounts were opened: balances by value date, the
 * product version each account keeps, and its interest bookkeeping. Only the day book's reactor thread writes them,
 * under the day book's lock.
 */
final class AccountBook {
    private final Map<UUID, Integer> slots = new HashMap<>();
    int count;
    UUID[] ids = new UUID[1024];
    int[] ledgers = new int[1024];
    int[] codes = new int[1024];
    int[] flags = new int[1024];
    AccountType[] types = new AccountType[1024];
    GlBook.Line[] lines = new GlBook.Line[1024];
    /** Credits minus debits posted with a value date before the current business date (or without one). */
    long[] netThrough = new long[1024];
    /** Credits minus debits posted on the current business date. */
    long[] netOpen = new long[1024];
    /** The product version the account keeps; null when it has none. */
    ProductDefinition[] products = new ProductDefinition[1024];
    /** Interest accrued and not yet posted, at InterestMath.SCALE; null for zero. */
    BigDecimal[] accrued = new BigDecimal[1024];
    /** The part of {@code accrued} already booked to the interest-payable line by daily accruals, in minor units. */
    long[] accruedBooked = new long[1024];
    /** The accrued interest as of the last compounding date, which earns interest until it is posted. */
    BigDecimal[] compounded = new BigDecimal[1024];
    BigDecimal[] overdraftAccrued = new BigDecimal[1024];
    long[] interestPaid = new long[1024];
    long[] overdraftInterestCharged = new long[1024];
    /** The value date (epoch day) of the last posting a customer asked for, or of the opening. */
    int[] lastActivity = new int[1024];
    long[] overdraftLimits = new long[1024];

    int slot(UUID id) {
        Integer slot = slots.get(id);
        return slot == null ? -1 : slot;
    }

    int add(UUID id, int ledger, int code, int accountFlags, AccountType type, GlBook.Line line) {
        if (count == ids.length) {
            grow(count * 2);
        }
        int slot = count++;
        slots.put(id, slot);
        ids[slot] = id;
        ledgers[slot] = ledger;
        codes[slot] = code;
        flags[slot] = accountFlags;
        types[slot] = type;
        lines[slot] = line;
        return slot;
    }

    BigDecimal accrued(int slot) {
        return accrued[slot] == null ? BigDecimal.ZERO : accrued[slot];
    }

    private void grow(int capacity) {
        ids = Arrays.copyOf(ids, capacity);
        ledgers = Arrays.copyOf(ledgers, capacity);
        codes = Arrays.copyOf(codes, capacity);
        flags = Arrays.copyOf(flags, capacity);
        types = Arrays.copyOf(types, capacity);
        lines = Arrays.copyOf(lines, capacity);
        netThrough = Arrays.copyOf(netThrough, capacity);
        netOpen = Arrays.copyOf(netOpen, capacity);
        products = Arrays.copyOf(products, capacity);
        accrued = Arrays.copyOf(accrued, capacity);
        accruedBooked = Arrays.copyOf(accruedBooked, capacity);
        compounded = Arrays.copyOf(compounded, capacity);
        overdraftAccrued = Arrays.copyOf(overdraftAccrued, capacity);
        interestPaid = Arrays.copyOf(interestPaid, capacity);
        overdraftInterestCharged = Arrays.copyOf(overdraftInterestCharged, capacity);
        lastActivity = Arrays.copyOf(lastActivity, capacity);
        overdraftLimits = Arrays.copyOf(overdraftLimits, capacity);
    }
}
