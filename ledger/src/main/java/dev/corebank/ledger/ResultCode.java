package dev.corebank.ledger;

/**
 * The outcome of one item of a batch. Business rejections are results, never exceptions.
 *
 * <p>The constants are declared in <b>precedence order</b>: when an item breaks several rules, the engine reports the
 * first rule in this order, so the same input always yields the same code. The {@link #number()} of a code is stable
 * and is what the journal stores; a retired code keeps its number reserved and is never reused. Names are stable too:
 * {@link #wireName()} is the snake_case name used by the HTTP API and in docs/ledger.md.
 *
 * <p>The reservation holds by construction: a retired code's constant is removed and its number appended to
 * {@link #RETIRED_NUMBERS}. The class refuses to initialise when a number is used twice, when a code takes a retired
 * number, or when a number up to the largest is neither in use nor retired (a code deleted without reserving its
 * number), so none of these can reach a journal.
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
    CAPACITY_EXCEEDED(32),

    // Added with business dates and products. New codes come last in precedence, since numbers follow it.
    /** The command named a value date that is neither the current business date nor the one being closed. */
    VALUE_DATE_NOT_OPEN(33),
    /** The asked-for business date is not one of the allowed moves (first date, cut-off, roll). */
    BUSINESS_DATE_NOT_NEXT(34),
    /** The debit account is dormant: it must be reactivated before it can be debited. */
    ACCOUNT_DORMANT(35),
    /** The debit account has an arranged overdraft, and the transfer would take it beyond that limit. */
    EXCEEDS_OVERDRAFT_LIMIT(36);

    /**
     * Numbers of retired codes: never returned by the engine and never given to another code. Append when a code is
     * retired; never remove an entry. None has been retired yet.
     */
    private static final int[] RETIRED_NUMBERS = {};

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

    /** The code stored under {@code number}; refuses a number that is unknown or retired. */
    public static ResultCode ofNumber(int number) {
        if (number < 0 || number >= BY_NUMBER.length) {
            throw new IllegalArgumentException("unknown result code number=" + number);
        }
        if (BY_NUMBER[number] == null) {
            throw new IllegalArgumentException("retired result code number=" + number);
        }
        return BY_NUMBER[number];
    }

    /** A copy of the reserved numbers of retired codes. */
    static int[] retiredNumbers() {
        return RETIRED_NUMBERS.clone();
    }

    private static ResultCode[] byNumber() {
        ResultCode[] codes = values();
        int[] numbers = new int[codes.length];
        for (int index = 0; index < codes.length; index++) {
            numbers[index] = codes[index].number;
        }
        checkNumbers(numbers, RETIRED_NUMBERS);
        ResultCode[] byNumber = new ResultCode[numbers.length + RETIRED_NUMBERS.length];
        for (ResultCode code : codes) {
            byNumber[code.number] = code;
        }
        return byNumber;
    }

    /**
     * Refuses a numbering that could let a retired number be reused: every number from 0 up to the largest must be
     * either exactly one code's or retired, and never both.
     */
    static void checkNumbers(int[] liveNumbers, int[] retiredNumbers) {
        int count = liveNumbers.length + retiredNumbers.length;
        int[] owners = new int[count];
        for (int number : liveNumbers) {
            claim(owners, number, 1, "result code number used twice number=");
        }
        for (int number : retiredNumbers) {
            claim(owners, number, 2, "result code number both in use and retired number=");
        }
        for (int number = 0; number < count; number++) {
            if (owners[number] == 0) {
                throw new IllegalStateException("result code number neither in use nor retired number=" + number
                        + " (a retired code's number must be added to RETIRED_NUMBERS)");
            }
        }
    }

    private static void claim(int[] owners, int number, int owner, String clash) {
        if (number < 0 || number >= owners.length) {
            throw new IllegalStateException("result code number leaves a gap number=" + number
                    + " numbersMax=" + (owners.length - 1));
        }
        if (owners[number] != 0) {
            throw new IllegalStateException(clash + number);
        }
        owners[number] = owner;
    }
}
