package dev.corebank.server.network;

import dev.corebank.ledger.Account;
import dev.corebank.ledger.AccountType;
import dev.corebank.ledger.BatchResult;
import dev.corebank.ledger.LedgerCommand;
import dev.corebank.ledger.Ledgers;
import dev.corebank.ledger.ResultCode;
import dev.corebank.ledger.TraceId;
import dev.corebank.ledger.Transfer;
import dev.corebank.ledger.TransferFlags;
import dev.corebank.ledger.TransferState;
import dev.corebank.server.accounts.TransactionCodes;
import dev.corebank.server.commands.Commands;
import dev.corebank.server.payments.iso.Iso;
import dev.corebank.server.payments.iso.ReasonCode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The central bank's books: one settlement account per participant and currency, in the network node's own ledger.
 * An accepted payment is reserved (a PENDING transfer from the debtor bank's account to the creditor bank's), then
 * posted when the creditor bank accepts, or voided. Ids derive from the UETR, so every step is idempotent. The
 * accounts have no balance limit: a participant's balance is its net position, and the sum over all of them is zero.
 */
final class Settlement {
    static final int CODE_SETTLEMENT_ACCOUNT = 9100;
    private final Commands commands;
    private final NetworkProperties properties;

    Settlement(Commands commands, NetworkProperties properties) {
        this.commands = commands;
        this.properties = properties;
    }

    /** The settlement account of a participant in a currency. */
    static UUID account(String code, String currency) {
        return UUID.nameUUIDFromBytes(("network-settlement:" + code + ":" + currency)
                .getBytes(StandardCharsets.UTF_8));
    }

    /** Opens every participant's account in every currency; those that exist stay as they are. */
    void open(List<String> currencies, TraceId trace) {
        List<Account> accounts = new ArrayList<>();
        for (String code : properties.participants()) {
            for (String currency : currencies) {
                accounts.add(Account.open(account(code, currency), Ledgers.numericCode(currency),
                        AccountType.LIABILITY, CODE_SETTLEMENT_ACCOUNT, 0));
            }
        }
        if (accounts.isEmpty()) {
            return;
        }
        BatchResult opened = commands.submit(LedgerCommand.CreateAccounts.of(accounts),
                Commands.system("network: settlement accounts", trace));
        for (int index = 0; index < accounts.size(); index++) {
            ResultCode code = opened.code(index);
            if (code != ResultCode.OK && code != ResultCode.EXISTS) {
                throw new IllegalStateException("network: cannot open a settlement account id="
                        + accounts.get(index).id() + " result=" + code.wireName());
            }
        }
    }

    /** Reserves the payment's amount; the ledger's result (OK or EXISTS when it is a repeat). */
    ResultCode reserve(NetworkPayment payment, TraceId trace) {
        Transfer reservation = new Transfer(Iso.stepId(payment.uetr, "network-reserve"),
                account(payment.debtorAgent, payment.currency), account(payment.creditorAgent, payment.currency),
                payment.amountMinor, Ledgers.numericCode(payment.currency), TransactionCodes.PAYMENT_SETTLEMENT,
                TransferFlags.PENDING, null, properties.reservationTimeoutSeconds(), "uetr " + payment.uetr, 0);
        return submit(reservation, "reserve", trace);
    }

    ResultCode settle(NetworkPayment payment, TraceId trace) {
        return submit(resolution(payment, "network-settle", TransferFlags.POST_PENDING, "uetr " + payment.uetr),
                "settle", trace);
    }

    /** Voids the reservation; the reason is kept in the void's reference, so the books remember why. */
    ResultCode release(NetworkPayment payment, String reason, TraceId trace) {
        return submit(resolution(payment, "network-release", TransferFlags.VOID_PENDING, "uetr " + payment.uetr
                + " reason " + reason), "release", trace);
    }

    /** A payment as the network's books hold it: its reservation and how it ended. */
    record Recalled(String debtorAgent, String creditorAgent, long amountMinor, String currency, long reservedAtMillis,
                    NetworkPayment.Status status, String reason) {
    }

    /**
     * What the books say of a payment the network does not remember (after a restart): null when they hold no
     * reservation for it. A reservation still pending is in flight; one voided carries its reason; one expired was
     * never answered (AB05).
     */
    Recalled recall(String uetr) {
        UUID reservationId = Iso.stepId(uetr, "network-reserve");
        UUID releaseId = Iso.stepId(uetr, "network-release");
        TransferState reservation = null;
        TransferState release = null;
        for (TransferState found : commands.transfers(List.of(reservationId, releaseId))) {
            if (found.transfer().id().equals(reservationId)) {
                reservation = found;
            } else if (found.transfer().id().equals(releaseId)) {
                release = found;
            }
        }
        if (reservation == null) {
            return null;
        }
        Transfer reserved = reservation.transfer();
        String currency = Ledgers.alphabeticCode(reserved.ledger());
        NetworkPayment.Status status;
        String reason = null;
        switch (reservation.pendingStatus()) {
            case POSTED -> status = NetworkPayment.Status.SETTLED;
            case VOIDED -> {
                status = NetworkPayment.Status.REJECTED;
                String reference = release == null ? "" : release.transfer().reference();
                int at = reference.indexOf(" reason ");
                reason = at < 0 ? ReasonCode.TRANSACTION_FORBIDDEN : reference.substring(at + " reason ".length());
            }
            case EXPIRED -> {
                status = NetworkPayment.Status.REJECTED;
                reason = ReasonCode.CREDITOR_AGENT_TIMEOUT;
            }
            default -> status = NetworkPayment.Status.IN_FLIGHT;
        }
        return new Recalled(participantOf(reserved.debitAccountId(), currency),
                participantOf(reserved.creditAccountId(), currency), reserved.amount(), currency,
                reserved.timestamp() / 1_000_000, status, reason);
    }

    private String participantOf(UUID accountId, String currency) {
        for (String code : properties.participants()) {
            if (account(code, currency).equals(accountId)) {
                return code;
            }
        }
        return "UNKNOWN0";
    }

    /** Each participant's balance (credits minus debits, posted) in a currency. */
    List<Account> accounts(List<String> codes, String currency) {
        return commands.ledgerAccounts(codes.stream().map(code -> account(code, currency)).toList());
    }

    private Transfer resolution(NetworkPayment payment, String step, int flag, String reference) {
        return new Transfer(Iso.stepId(payment.uetr, step), account(payment.debtorAgent, payment.currency),
                account(payment.creditorAgent, payment.currency), payment.amountMinor,
                Ledgers.numericCode(payment.currency), TransactionCodes.PAYMENT_SETTLEMENT, flag,
                Iso.stepId(payment.uetr, "network-reserve"), 0, reference, 0);
    }

    private ResultCode submit(Transfer transfer, String step, TraceId trace) {
        return commands.submit(LedgerCommand.CreateTransfers.of(List.of(transfer)),
                Commands.system("network: " + step, trace)).code(0);
    }
}
