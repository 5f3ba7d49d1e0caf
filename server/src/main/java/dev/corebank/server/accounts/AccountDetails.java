package dev.corebank.server.accounts;

import dev.corebank.ledger.Account;

/** An account as the engine holds it now, with its profile (name and customer; null for an account without one). */
public record AccountDetails(Account account, String name, String customerId) {
}
