package dev.corebank.server.security;

import java.util.EnumSet;
import java.util.Set;

/**
 * What an endpoint does, and which roles may do it: the role matrix of docs/api.md, in code. Auditors read but never
 * move money; only admins manage keys.
 */
public enum Permission {
    /** Every GET under /v1 unless the endpoint declares otherwise. */
    READ(Role.APP, Role.TELLER, Role.OPERATOR, Role.AUDITOR, Role.ADMIN),
    /** Transfers, holds and their post or void, transfer batches, deposits and withdrawals. */
    MOVE_MONEY(Role.APP, Role.TELLER, Role.OPERATOR, Role.ADMIN),
    OPEN_ACCOUNTS(Role.TELLER, Role.OPERATOR, Role.ADMIN),
    /** Freeze, unfreeze and close. */
    CHANGE_ACCOUNTS(Role.OPERATOR, Role.ADMIN),
    /** The audit trail: who did what, refused attempts included. */
    READ_AUDIT(Role.AUDITOR, Role.ADMIN),
    MANAGE_KEYS(Role.ADMIN),
    /** The reactors under /v1/admin/reactors: read their state, pause, resume and rewind them. */
    OPERATE_REACTORS(Role.OPERATOR, Role.ADMIN),
    /** Define new versions of banking products. */
    MANAGE_PRODUCTS(Role.OPERATOR, Role.ADMIN),
    /** Start end of day (close of business). */
    RUN_END_OF_DAY(Role.OPERATOR, Role.ADMIN),
    /** Webhook subscriptions under /v1/webhooks: each key manages its own, and reads its own delivery log. */
    MANAGE_WEBHOOKS(Role.APP, Role.TELLER, Role.OPERATOR, Role.ADMIN),
    /** The consumers' dead letters under /v1/admin/dead-letters: list, inspect and replay them. */
    HANDLE_DEAD_LETTERS(Role.OPERATOR, Role.ADMIN),
    /** Erase a customer's personal data for good (destroy the key of their profiles). */
    ERASE_PERSONAL_DATA(Role.ADMIN);

    private final Set<Role> roles;

    Permission(Role first, Role... others) {
        this.roles = EnumSet.of(first, others);
    }

    public boolean allows(Role role) {
        return roles.contains(role);
    }

    public Set<Role> roles() {
        return Set.copyOf(roles);
    }
}
