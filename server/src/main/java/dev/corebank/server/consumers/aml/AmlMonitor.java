package dev.corebank.server.consumers.aml;

import dev.corebank.ledger.AccountChange;
import dev.corebank.ledger.AccountFlags;
import dev.corebank.ledger.AccountOperation;
import dev.corebank.ledger.AccountWithProfile;
import dev.corebank.ledger.Fact;
import dev.corebank.ledger.LedgerCommand;
import dev.corebank.ledger.Provenance;
import dev.corebank.ledger.TraceId;
import dev.corebank.server.accounts.ProfileCipher;
import dev.corebank.server.commands.Commands;
import dev.corebank.server.commands.FactKinds;
import dev.corebank.server.consumers.EventHandler;
import dev.corebank.server.consumers.ReceivedEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * The AML and velocity monitor (role {@code aml}): for each posting on a customer account (one whose profile names a
 * customer, or whose customer's personal data was erased: the duty to monitor outlives the name), it
 * runs the configured rules ({@link AmlProperties}) and, for each rule that fires, journals an alert
 * ({@link FactKinds#AML_ALERT_RAISED}) and, where the rule is one to freeze on, freezes the account. Both go through
 * {@link Commands}: the alert with the event's trace id, the freeze with the alert id as its request id and
 * idempotency key.
 *
 * <p>No duplicate alerts on redelivery: the consumer's deduplication drops a redelivered event before it gets here,
 * and the monitor also remembers the ids of the alerts it raised lately, so a replayed dead letter or a batch handed
 * again after a crash does not raise the same alert twice. Only a crash between journaling an alert and storing the
 * consumer's mark, followed by a restart, can journal the same alert id a second time; readers treat alerts by id.
 */
@Component
public final class AmlMonitor implements EventHandler {
    public static final String NAME = "aml";
    static final int RAISED_REMEMBERED_MAX = 100_000;
    private static final Logger LOG = LoggerFactory.getLogger(AmlMonitor.class);
    private static final Set<String> TYPES = Set.of("transfer.posted", "pending.posted");
    private final Commands commands;
    private final ProfileCipher cipher;
    private final AmlProperties properties;
    private final AmlWindows windows;
    private final Map<UUID, Boolean> raised = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<UUID, Boolean> eldest) {
            return size() > RAISED_REMEMBERED_MAX;
        }
    };

    AmlMonitor(Commands commands, ProfileCipher cipher, AmlProperties properties) {
        this.commands = commands;
        this.cipher = cipher;
        this.properties = properties;
        this.windows = new AmlWindows(properties);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> types() {
        return TYPES;
    }

    @Override
    public synchronized void handle(ReceivedEvent event) {
        JsonNode data = event.data();
        UUID debit = UUID.fromString(data.get("debitAccountId").asString());
        UUID credit = UUID.fromString(data.get("creditAccountId").asString());
        long amount = data.get("amount").asLong();
        if (amount < 0) {
            throw new IllegalArgumentException("a posting's amount is never negative event=" + event.id());
        }
        List<AccountWithProfile> accounts = commands.accounts(List.of(debit, credit));
        for (AccountWithProfile account : accounts) {
            if (!event.concerns(account.account().id()) || !isCustomer(account)) {
                continue;
            }
            for (AmlRule rule : windows.record(account.account().id(), event.time().toEpochMilli(), amount)) {
                raise(event, data, account, rule, amount);
            }
        }
    }

    private void raise(ReceivedEvent event, JsonNode data, AccountWithProfile account, AmlRule rule, long amount) {
        UUID accountId = account.account().id();
        UUID alertId = AmlAlert.alertIdOf(rule, accountId, event.id());
        if (raised.containsKey(alertId)) {
            return;
        }
        boolean freeze = properties.freezingRules().contains(rule);
        JsonNode transferId = data.get("transferId");
        AmlAlert alert = new AmlAlert(alertId, rule.wireName(), accountId, event.id(), event.sequence(),
                transferId == null ? null : UUID.fromString(transferId.asString()), amount,
                data.get("ledgerNumber").asInt(), event.time().toString(), freeze);
        TraceId traceId = traceId(event);
        commands.submit(new LedgerCommand.RecordFacts(List.of(new Fact(FactKinds.AML_ALERT_RAISED, alert.json()))),
                Commands.system("aml monitor alert", traceId));
        LOG.warn("aml alert={} rule={} account={} event={} freeze={}", alertId, rule.wireName(), accountId,
                event.id(), freeze);
        if (freeze && !account.account().hasFlag(AccountFlags.FROZEN)) {
            Provenance provenance = new Provenance("", Commands.SYSTEM_ROLE, "", alertId.toString(), traceId,
                    alertId.toString(), "aml monitor freeze");
            commands.submit(LedgerCommand.ChangeAccounts.of(List.of(new AccountChange(accountId,
                    AccountOperation.FREEZE))), provenance);
        }
        raised.put(alertId, Boolean.TRUE);
    }

    private boolean isCustomer(AccountWithProfile account) {
        if (account.profile().isEmpty()) {
            return false;
        }
        ProfileCipher.Fields fields = cipher.open(account.account().id(), account.profile());
        return fields.erased() || fields.customerId() != null;
    }

    /** The trace of the request that caused the posting, so the alert and the freeze are found with it. */
    private static TraceId traceId(ReceivedEvent event) {
        String traceparent = event.traceparent();
        if (traceparent == null || traceparent.length() < 35) {
            return TraceId.NONE;
        }
        try {
            return TraceId.ofHex(traceparent.substring(3, 35));
        } catch (IllegalArgumentException notHex) {
            return TraceId.NONE;
        }
    }
}
