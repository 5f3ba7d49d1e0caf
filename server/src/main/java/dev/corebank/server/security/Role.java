package dev.corebank.server.security;

/** What an API key may do. The matrix of roles and operations is in docs/api.md. */
public enum Role {
    /** Mobile and internet banking, other services: customer operations on their accounts. */
    APP,
    /** Branch staff: deposits, withdrawals and holds at the counter. */
    TELLER,
    /** Back office: opens, freezes and closes accounts, runs end of day. */
    OPERATOR,
    /** Reads everything, including the audit trail; never moves money. */
    AUDITOR,
    /** Everything, including API keys. */
    ADMIN
}
