package dev.corebank.server.payments.iso;

import java.time.Duration;

/**
 * A payment scheme's clocks, every one counted from the payment's acceptance time ({@code AccptncDtTm}). The defaults
 * are SEPA Instant's 2025 rulebook (in force from 5 October 2025): a 5 s execution target; a 7 s hard time-out, after
 * which the network rejects a payment the creditor's bank has not confirmed; 9 s, by which the debtor's bank must
 * have the final answer; and the 10 s legal maximum of the EU Instant Payments Regulation 2024/886. docs/payments.md
 * gives the sources and other schemes' profiles.
 *
 * @param target       the execution target
 * @param autoReject   the hard time-out: the network rejects with AB05 what is not confirmed by then, and refuses
 *                     with TM01 a pacs.008 that reaches it later
 * @param finalAnswer  the debtor's bank asks (pacs.028) and resends when it has no final answer by then
 * @param legalMaximum nothing about a payment may still be open after it, on the scheme's side
 */
public record SchemeTimings(Duration target, Duration autoReject, Duration finalAnswer, Duration legalMaximum) {
    public static final SchemeTimings SEPA_INSTANT_2025 = new SchemeTimings(Duration.ofSeconds(5),
            Duration.ofSeconds(7), Duration.ofSeconds(9), Duration.ofSeconds(10));

    public SchemeTimings {
        if (target.isNegative() || target.isZero()) {
            throw new IllegalArgumentException("the scheme's target must be positive target=" + target);
        }
        if (autoReject.compareTo(target) < 0 || finalAnswer.compareTo(autoReject) < 0
                || legalMaximum.compareTo(finalAnswer) < 0) {
            throw new IllegalArgumentException("the scheme's clocks must be in order target <= autoReject <="
                    + " finalAnswer <= legalMaximum target=" + target + " autoReject=" + autoReject
                    + " finalAnswer=" + finalAnswer + " legalMaximum=" + legalMaximum);
        }
    }
}
