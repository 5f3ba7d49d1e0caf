package dev.corebank.server.accounts;

/**
 * Transfer codes (transaction types) the server itself assigns. A client chooses the code of its own transfers; these
 * are reserved for movements the server makes on a caller's behalf, so statements can tell them apart.
 */
public final class TransactionCodes {
    /** Cash paid in at the counter: debit the ledger's cash account, credit the customer. */
    public static final int CASH_DEPOSIT = 1001;
    /** Cash paid out at the counter: debit the customer, credit the ledger's cash account. */
    public static final int CASH_WITHDRAWAL = 1002;
    /** A transfer between two customers' accounts. */
    public static final int CUSTOMER_TRANSFER = 1101;
    /** A card or merchant hold, later posted or voided. */
    public static final int CARD_HOLD = 1201;
    /** A payment to another bank: the hold on the customer, and its post (debit the customer, credit outgoing). */
    public static final int PAYMENT_OUT = 1301;
    /** A payment from another bank: the held credit to the beneficiary, and its post (debit incoming). */
    public static final int PAYMENT_IN = 1302;
    /** A settled payment moved between its clearing account and the bank's account at the network. */
    public static final int PAYMENT_SETTLEMENT = 1303;
    /** The owners' capital paid into the bank. */
    public static final int CAPITAL = 3001;
    /** A fee charged to a customer: debit the customer, credit fee income. */
    public static final int ACCOUNT_FEE = 4001;
    /** Interest paid to a customer: debit interest expense, credit the customer. */
    public static final int INTEREST_PAYMENT = 5001;

    /** A maintenance fee charged by end of day: debit the customer, credit fee income. */
    public static final int MAINTENANCE_FEE = 4002;
    /** Overdraft interest charged by end of day: debit the customer, credit overdraft interest income. */
    public static final int OVERDRAFT_INTEREST = 4101;
    /** A daily interest accrual: debit interest expense, credit interest payable. */
    public static final int INTEREST_ACCRUAL = 5002;
    /** The rounding left when accrued interest is posted: debit interest expense, credit interest payable. */
    public static final int INTEREST_ACCRUAL_ROUNDING = 5003;
    /** Accrued interest posted to the customer at period end: debit interest payable, credit the customer. */
    public static final int INTEREST_CAPITALISED = 5011;

    private TransactionCodes() {
    }
}
