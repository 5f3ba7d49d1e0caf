package dev.corebank.server.projection;

import dev.corebank.ledger.Ledgers;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Letter codes of ledgers, cached: the lookup scans every currency the JVM knows, too slow to do per event. */
final class CurrencyCodes {
    private static final String UNKNOWN = "";
    private static final Map<Integer, String> CODES = new ConcurrentHashMap<>();

    private CurrencyCodes() {
    }

    /**
     * The ISO 4217 letter code, or null for a number ISO 4217 does not define: the engine accepts any non-zero ledger,
     * and a read model must not stall on one it cannot name.
     */
    static String letterCode(int ledger) {
        String code = CODES.computeIfAbsent(ledger, CurrencyCodes::lookUp);
        return code.isEmpty() ? null : code;
    }

    private static String lookUp(int ledger) {
        try {
            return Ledgers.alphabeticCode(ledger);
        } catch (IllegalArgumentException unknown) {
            return UNKNOWN;
        }
    }
}
