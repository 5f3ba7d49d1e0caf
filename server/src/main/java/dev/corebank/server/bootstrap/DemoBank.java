package dev.corebank.server.bootstrap;

import dev.corebank.ledger.AccountFlags;
import dev.corebank.ledger.AccountType;
import dev.corebank.ledger.BatchResult;
import dev.corebank.ledger.LedgerCommand;
import dev.corebank.ledger.Provenance;
import dev.corebank.server.commands.Commands;
import dev.corebank.ledger.Ledgers;
import dev.corebank.ledger.ResultCode;
import dev.corebank.ledger.TraceId;
import dev.corebank.ledger.Transfer;
import dev.corebank.ledger.TransferFlags;
import dev.corebank.server.accounts.AccountService;
import dev.corebank.server.accounts.OpenAccount;
import dev.corebank.server.accounts.ChartOfAccounts;
import dev.corebank.server.accounts.ChartOfAccounts.GlAccount;
import dev.corebank.server.accounts.TransactionCodes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * A small demo bank for a first start: three customers with deposit accounts in USD and MMK, the owners' capital,
 * and some history through the same engine every request uses: cash deposits, transfers between customers, a
 * withdrawal, a fee, interest, a hold that was partly posted, one that was voided and one still pending. Every id is
 * derived from a name, so the demo is the same everywhere.
 */
@Component
class DemoBank {
    /** Product codes of the demo's customer accounts. */
    static final int SAVINGS = 2001;
    static final int CURRENT = 2002;
    private static final int HOLD_TIMEOUT_SECONDS = 7 * 24 * 60 * 60;

    private final AccountService accounts;
    private final Commands commands;

    DemoBank(AccountService accounts, Commands commands) {
        this.accounts = accounts;
        this.commands = commands;
    }

    /** The id of a demo customer's account, for example {@code account("C-1001", "USD")}. */
    static UUID account(String customerId, String currency) {
        return name("demo:account:" + customerId + ":" + currency);
    }

    void create(TraceId traceId) {
        Provenance provenance = Commands.system("first start: demo bank", traceId);
        openAccounts(provenance);
        List<Transfer> history = history();
        BatchResult result = commands.submit(LedgerCommand.CreateTransfers.of(history), provenance);
        for (int index = 0; index < history.size(); index++) {
            if (result.code(index) != ResultCode.OK && result.code(index) != ResultCode.EXISTS) {
                throw new IllegalStateException("demo transfer rejected index=" + index + " result="
                        + result.code(index).wireName());
            }
        }
    }

    private void openAccounts(Provenance provenance) {
        List<OpenAccount> open = List.of(
                customer("C-1001", "Aung Aung", "USD", SAVINGS),
                customer("C-1001", "Aung Aung", "MMK", CURRENT),
                customer("C-1002", "Su Su Hlaing", "USD", SAVINGS),
                customer("C-1002", "Su Su Hlaing", "MMK", SAVINGS),
                customer("C-1003", "Kyaw Zin", "MMK", CURRENT));
        AccountService.Opened opened = accounts.open(open, provenance);
        for (int index = 0; index < open.size(); index++) {
            if (opened.code(index) != ResultCode.OK && opened.code(index) != ResultCode.EXISTS) {
                throw new IllegalStateException("demo account rejected id=" + open.get(index).id() + " result="
                        + opened.code(index).wireName());
            }
        }
    }

    private static OpenAccount customer(String customerId, String name, String currency, int product) {
        String kind = product == SAVINGS ? "savings" : "current";
        return new OpenAccount(account(customerId, currency), Ledgers.numericCode(currency), AccountType.LIABILITY,
                product, AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS, name + " " + currency + " " + kind, customerId);
    }

    /** Amounts are minor units: USD in cents, MMK in pyas. */
    private static List<Transfer> history() {
        List<Transfer> history = new ArrayList<>();
        UUID aungUsd = account("C-1001", "USD");
        UUID aungMmk = account("C-1001", "MMK");
        UUID suUsd = account("C-1002", "USD");
        UUID suMmk = account("C-1002", "MMK");
        UUID kyawMmk = account("C-1003", "MMK");
        history.add(move(1, "USD", GlAccount.CASH, GlAccount.EQUITY, 100_000_000, TransactionCodes.CAPITAL, "owners' capital"));
        history.add(move(2, "MMK", GlAccount.CASH, GlAccount.EQUITY, 50_000_000_000L, TransactionCodes.CAPITAL, "owners' capital"));
        history.add(deposit(3, "USD", aungUsd, 250_000, "opening deposit"));
        history.add(deposit(4, "USD", suUsd, 120_000, "opening deposit"));
        history.add(deposit(5, "MMK", aungMmk, 150_000_000, "salary cash"));
        history.add(deposit(6, "MMK", suMmk, 80_000_000, "opening deposit"));
        history.add(deposit(7, "MMK", kyawMmk, 30_000_000, "opening deposit"));
        history.add(between(8, "USD", aungUsd, suUsd, 45_000, "rent January"));
        history.add(between(9, "MMK", suMmk, kyawMmk, 12_500_000, "school fees"));
        history.add(withdrawal(10, "MMK", aungMmk, 20_000_000, "cash at branch"));
        history.add(hold(11, "USD", suUsd, 30_000, "hotel deposit"));
        history.add(resolve(12, 11, TransferFlags.POST_PENDING, 27_500, "hotel checkout"));
        history.add(hold(13, "MMK", kyawMmk, 5_000_000, "fuel station"));
        history.add(resolve(14, 13, TransferFlags.VOID_PENDING, 0, "fuel station cancelled"));
        history.add(hold(15, "USD", aungUsd, 8_900, "online shop"));
        history.add(new Transfer(demoTransfer(16), aungUsd, ChartOfAccounts.id("USD", GlAccount.FEE_INCOME), 500,
                Ledgers.numericCode("USD"), TransactionCodes.ACCOUNT_FEE, 0, null, 0, "monthly account fee", 0));
        history.add(new Transfer(demoTransfer(17), ChartOfAccounts.id("USD", GlAccount.INTEREST_EXPENSE), suUsd, 73,
                Ledgers.numericCode("USD"), TransactionCodes.INTEREST_PAYMENT, 0, null, 0, "interest January", 0));
        return history;
    }

    private static Transfer move(int number, String currency, GlAccount debit, GlAccount credit, long amount,
                                 int code, String reference) {
        return new Transfer(demoTransfer(number), ChartOfAccounts.id(currency, debit),
                ChartOfAccounts.id(currency, credit), amount, Ledgers.numericCode(currency), code, 0, null, 0,
                reference, 0);
    }

    private static Transfer deposit(int number, String currency, UUID account, long amount, String reference) {
        return new Transfer(demoTransfer(number), ChartOfAccounts.id(currency, GlAccount.CASH), account, amount,
                Ledgers.numericCode(currency), TransactionCodes.CASH_DEPOSIT, 0, null, 0, reference, 0);
    }

    private static Transfer withdrawal(int number, String currency, UUID account, long amount, String reference) {
        return new Transfer(demoTransfer(number), account, ChartOfAccounts.id(currency, GlAccount.CASH), amount,
                Ledgers.numericCode(currency), TransactionCodes.CASH_WITHDRAWAL, 0, null, 0, reference, 0);
    }

    private static Transfer between(int number, String currency, UUID from, UUID to, long amount, String reference) {
        return new Transfer(demoTransfer(number), from, to, amount, Ledgers.numericCode(currency),
                TransactionCodes.CUSTOMER_TRANSFER, 0, null, 0, reference, 0);
    }

    private static Transfer hold(int number, String currency, UUID account, long amount, String reference) {
        return new Transfer(demoTransfer(number), account, ChartOfAccounts.id(currency, GlAccount.CLEARING), amount,
                Ledgers.numericCode(currency), TransactionCodes.CARD_HOLD, TransferFlags.PENDING, null,
                HOLD_TIMEOUT_SECONDS, reference, 0);
    }

    private static Transfer resolve(int number, int holdNumber, int flag, long amount, String reference) {
        return new Transfer(demoTransfer(number), null, null, amount, 0, 0, flag, demoTransfer(holdNumber), 0,
                reference, 0);
    }

    static UUID demoTransfer(int number) {
        return name("demo:transfer:" + number);
    }

    private static UUID name(String text) {
        return UUID.nameUUIDFromBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
