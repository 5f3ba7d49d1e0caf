package dev.corebank.ledger;

import java.util.Objects;
import java.util.UUID;

/**
 * An account and its four balances, in minor units of its ledger's currency.
 *
 * <p>To open an account, pass one with zero balances and timestamp; the engine assigns the timestamp. Lookups return
 * a copy of the state as of the latest durable journal entry.
 *
 * @param ledger ISO 4217 numeric code of the account's currency (see {@link Ledgers})
 * @param code   product or general-ledger code chosen by the bank
 * @param flags  {@link AccountFlags} bits
 */
public record Account(
        UUID id,
        int ledger,
        AccountType type,
        int code,
        int flags,
        long debitsPending,
        long debitsPosted,
        long creditsPending,
        long creditsPosted,
        long timestamp) {

    public Account {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Ledgers.checkLedger(ledger);
        if ((flags & ~AccountFlags.ALL) != 0) {
            throw new IllegalArgumentException("unknown account flag bits flags=" + flags);
        }
    }

    /** An account to open, with zero balances. */
    public static Account open(UUID id, int ledger, AccountType type, int code, int flags) {
        return new Account(id, ledger, type, code, flags, 0, 0, 0, 0, 0);
    }

    /** The posted balance on the account's normal side: credits minus debits for a liability, the reverse for an asset. */
    public long balance() {
        return type.debitNormal() ? debitsPosted - creditsPosted : creditsPosted - debitsPosted;
    }

    /** The balance less holds that would reduce it. */
    public long availableBalance() {
        return type.debitNormal() ? balance() - creditsPending : balance() - debitsPending;
    }

    public boolean hasFlag(int flag) {
        return AccountFlags.has(flags, flag);
    }
}
