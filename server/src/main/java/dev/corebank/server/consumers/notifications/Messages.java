package dev.corebank.server.consumers.notifications;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.UUID;

/**
 * The notification texts, one per language and direction. Amounts are shown in major units with the currency's
 * decimals (ISO 4217), the account by its last four characters, and the reference when the transfer has one.
 */
final class Messages {
    /** Longest message rendered; an SMS segment of UCS-2 text is 70 characters, a few segments are fine. */
    static final int MESSAGE_CHARS_MAX = 480;

    private Messages() {
    }

    /** Which way money moved on the account. */
    enum Direction { DEBITED, CREDITED }

    static String render(Language language, Direction direction, String name, long amountMinor, String currency,
                         UUID accountId, String reference) {
        String amount = amount(amountMinor, currency);
        String account = "..." + accountId.toString().substring(32);
        boolean hasReference = reference != null && !reference.isBlank();
        String message = switch (language) {
            case ENGLISH -> (name == null ? "Dear customer" : name) + ", " + amount + " was "
                    + (direction == Direction.DEBITED ? "debited from" : "credited to") + " your account " + account
                    + "." + (hasReference ? " Reference: " + reference + "." : "");
            case BURMESE -> (name == null ? "လူကြီးမင်း" : name) + " ၊ သင့်အကောင့် " + account
                    + (direction == Direction.DEBITED ? " မှ " + amount + " နုတ်ယူပြီးပါပြီ။"
                    : " သို့ " + amount + " လွှဲဝင်ပြီးပါပြီ။")
                    + (hasReference ? " ရည်ညွှန်းချက် - " + reference : "");
        };
        return message.length() <= MESSAGE_CHARS_MAX ? message : message.substring(0, MESSAGE_CHARS_MAX);
    }

    /** {@code 12.34 USD}; a ledger without an ISO 4217 code shows minor units and its number. */
    static String amount(long amountMinor, String currency) {
        if (currency == null) {
            return amountMinor + " units";
        }
        int digits;
        try {
            digits = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        } catch (IllegalArgumentException notIso) {
            digits = 0;
        }
        return BigDecimal.valueOf(amountMinor, digits).toPlainString() + " " + currency;
    }
}
