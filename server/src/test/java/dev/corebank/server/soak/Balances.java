package dev.corebank.server.soak;

/** An account's four totals in minor units, as the engine keeps them. */
record Balances(long debitsPending, long debitsPosted, long creditsPending, long creditsPosted) {
    static final Balances ZERO = new Balances(0, 0, 0, 0);

    /** Posted credits minus posted debits: the balance of a deposit account (a liability). */
    long creditBalance() {
        return creditsPosted - debitsPosted;
    }

    Balances plus(long debitsPendingDelta, long debitsPostedDelta, long creditsPendingDelta,
                  long creditsPostedDelta) {
        return new Balances(debitsPending + debitsPendingDelta, debitsPosted + debitsPostedDelta,
                creditsPending + creditsPendingDelta, creditsPosted + creditsPostedDelta);
    }

    Balances minus(Balances other) {
        return plus(-other.debitsPending, -other.debitsPosted, -other.creditsPending, -other.creditsPosted);
    }
}
