package dev.corebank.ledger.harness;

/**
 * What a passing run did.
 *
 * @param baseSeed the seed of try 0
 * @param tries how many tries ran
 * @param triesDefault how many the property runs by default
 */
public record RunSummary(long baseSeed, int tries, int triesDefault) {
    /**
     * True when the run made at least the default number of tries. Guards that count on many tries (for example that
     * every result code was reached) are checked only then: a replay of one seed need not reach them all.
     */
    public boolean atFullStrength() {
        return tries >= triesDefault;
    }
}
