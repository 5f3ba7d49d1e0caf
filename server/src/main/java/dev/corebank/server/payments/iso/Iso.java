package dev.corebank.server.payments.iso;

import dev.corebank.ledger.Ledgers;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The rules every message field obeys, and the ids derived from a payment's id. Every id of every step is a pure
 * function of the payment, so a repeat of any step (a resend, a replay after a crash) carries the same ids and is
 * recognised as a repeat by whoever receives it.
 */
public final class Iso {
    private static final Pattern BANK_CODE = Pattern.compile("[A-Z0-9]{8}([A-Z0-9]{3})?");
    private static final Pattern UETR = Pattern.compile(
            "[a-f0-9]{8}-[a-f0-9]{4}-4[a-f0-9]{3}-[89ab][a-f0-9]{3}-[a-f0-9]{12}");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9/\\-?:().,'+ ]{1,35}");

    private Iso() {
    }

    /** A BIC-like participant code: 8 or 11 upper-case letters and digits. */
    public static String requireBankCode(String code, String field) {
        if (code == null || !BANK_CODE.matcher(code).matches()) {
            throw new IllegalArgumentException(field + " must be a participant code of 8 or 11 upper-case letters and"
                    + " digits " + field + "=" + code);
        }
        return code;
    }

    /** An ISO 20022 Max35Text id of the restricted character set. */
    public static String requireId(String id, String field) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException(field + " must be 1 to 35 characters of the ISO 20022 set " + field
                    + "=" + id);
        }
        return id;
    }

    /** A UETR: a version 4 UUID in lower case. */
    public static String requireUetr(String uetr) {
        if (uetr == null || !UETR.matcher(uetr).matches()) {
            throw new IllegalArgumentException("UETR must be a lower-case version 4 UUID UETR=" + uetr);
        }
        return uetr;
    }

    /** The UETR of an outgoing payment: a version 4 UUID formed from a hash of its id, the same on every resend. */
    public static String uetrOf(UUID paymentId) {
        byte[] hash = sha256("uetr:" + paymentId);
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x40);
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
        String hex = HexFormat.of().formatHex(hash, 0, 16);
        return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20, 32);
    }

    /** A message id of 32 hex characters, derived from the transaction and what the message is. */
    public static String messageId(String uetr, String what) {
        return HexFormat.of().formatHex(sha256("msg:" + uetr + ":" + what), 0, 16);
    }

    /** A ledger id (a transfer's, an incoming payment's) derived from a UETR and the step it is for. */
    public static UUID stepId(String uetr, String step) {
        return UUID.nameUUIDFromBytes(("payment-step:" + uetr + ":" + step).getBytes(StandardCharsets.UTF_8));
    }

    /** The ISO 20022 decimal amount of {@code amountMinor} minor units of the currency. */
    public static BigDecimal decimal(long amountMinor, String currency) {
        return BigDecimal.valueOf(amountMinor, Ledgers.minorUnitScale(currency));
    }

    /**
     * Minor units of a decimal amount; throws when the amount has more decimals than the currency has, so a
     * message never loses a fraction of a unit on the way in.
     */
    public static long minorUnits(BigDecimal amount, String currency) {
        int scale = Ledgers.minorUnitScale(currency);
        try {
            return amount.setScale(scale, RoundingMode.UNNECESSARY).unscaledValue().longValueExact();
        } catch (ArithmeticException tooFine) {
            throw new IllegalArgumentException("amount has more decimals than the currency allows Amt=" + amount
                    + " Ccy=" + currency + " scale=" + scale);
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", impossible);
        }
    }
}
