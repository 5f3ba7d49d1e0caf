package dev.corebank.server.projection;

import dev.corebank.ledger.Ledgers;

/** Letter codes of ledgers for the read model. */
final class CurrencyCodes {
    private CurrencyCodes() {
    }

    /**
     * The ISO 4217 letter code, or null for a number ISO 4217 does not define: the engine accepts any non-zero ledger,
     * and a read model must not stall on one it cannot name.
     */
    static String letterCode(int ledger) {
        return Ledgers.findAlphabeticCode(ledger).orElse(null);
    }
}
