package dev.corebank.ledger;

/** The sums of all accounts' balances in one ledger; double entry keeps debits equal to credits. */
final class LedgerTotals {
    final int ledger;
    long debitsPending;
    long debitsPosted;
    long creditsPending;
    long creditsPosted;

    LedgerTotals(int ledger) {
        this.ledger = ledger;
    }

    void checkBalanced() {
        Check.that(debitsPosted == creditsPosted,
                "ledger out of balance ledger=%d debitsPosted=%d creditsPosted=%d", ledger, debitsPosted, creditsPosted);
        Check.that(debitsPending == creditsPending,
                "ledger pending out of balance ledger=%d debitsPending=%d creditsPending=%d",
                ledger, debitsPending, creditsPending);
    }
}
