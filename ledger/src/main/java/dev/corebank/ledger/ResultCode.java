package dev.corebank.ledger;

/**
 * The outcome of one item of a batch. Business rejections are results, never exceptions.
 *
 * <p>The constants are declared in <b>precedence order</b>: when an item breaks several rules, the engine reports the
 * first rule in this order, so the same input always yields the same code. The {@link #number()} of a code is stable
 * and is what the journal stores; a retired code keeps its number reserved and is never reused. Names are stable too:
 * {@link #wireName()} is the snake_case name used by the HTTP API and in docs/ledger.md.
 */
public enum ResultCode {
    OK(0),

    // Chain rules: decided before the item itself is looked at.
    LINKED_EVENT_FAILED(1),
    LINKED_EVENT_CHAIN_OPEN(2),

    // Stateless checks of the item's own fields.
    ID_MUST_NOT_BE_ZERO(3),
    FLAGS_ARE_MUTUALLY_EXCLUSIVE(4),
    LEDGER_MUST_NOT_BE_ZERO(5),
    PENDING_ID_MUST_BE_ZERO(6),
    PENDING_ID_MUST_NOT_BE_ZERO(7),
    PENDING_ID_MUST_BE_DIFFERENT(8),
    TIMEOUT_RESERVED_FOR_PENDING_TRANSFER(9),
    AMOUNT_MUST_BE_POSITIVE(10),
    ACCOUNTS_MUST_BE_DIFFERENT(11),

    // Idempotency: the id was seen before.
    EXISTS_WITH_DIFFERENT_FIELDS(12),
    EXISTS(13),

    // Lookups.
    ACCOUNT_NOT_FOUND(14),
    DEBIT_ACCOUNT_NOT_FOUND(15),
    CREDIT_ACCOUNT_NOT_FOUND(16),
    LEDGER_MISMATCH(17),

    // Two-phase transfers.
    PENDING_TRANSFER_NOT_FOUND(18),
    PENDING_TRANSFER_NOT_PENDING(19),
    PENDING_TRANSFER_HAS_DIFFERENT_FIELDS(20),
    PENDING_TRANSFER_ALREADY_POSTED(21),
    PENDING_TRANSFER_ALREADY_VOIDED(22),
    PENDING_TRANSFER_EXPIRED(23),
    EXCEEDS_PENDING_TRANSFER_AMOUNT(24),

    // Account state.
    ACCOUNT_CLOSED(25),
    ACCOUNT_FROZEN(26),
    ACCOUNT_BALANCE_NOT_ZERO(27),
    ACCOUNT_HAS_PENDING_TRANSFERS(28),

    // Arithmetic and balance rules, checked last because they depend on everything above.
    OVERFLOW(29),
    EXCEEDS_CREDITS(30),
    EXCEEDS_DEBITS(31),

    // Named limits of this engine instance (see LedgerConfig).
    CAPACITY_EXCEEDED(32);

    private static final ResultCode[] BY_NUMBER = byNumber();

    private final int number;
    private final String wireName;

    ResultCode(int number) {
        this.number = number;
        this.wireName = name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The stable number stored in the journal. */
    public int number() {
        return number;
    }

    /** The stable snake_case name, for example {@code exceeds_credits}. */
    public String wireName() {
        return wireName;
    }

    public boolean isOk() {
        return this == OK;
    }

    public static ResultCode ofNumber(int number) {
        if (number < 0 || number >= BY_NUMBER.length || BY_NUMBER[number] == null) {
            throw new IllegalArgumentException("unknown result code number=" + number);
        }
        return BY_NUMBER[number];
    }

    private static ResultCode[] byNumber() {
        ResultCode[] codes = new ResultCode[values().length];
        for (ResultCode code : values()) {
            if (codes[code.number] != null) {
                throw new IllegalStateException("duplicate result code number=" + code.number);
            }
            codes[code.number] = code;
        }
        return codes;
    }
}
