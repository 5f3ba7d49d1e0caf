package dev.corebank.server.payments;

import dev.corebank.ledger.LedgerCommand;
import dev.corebank.ledger.TraceId;
import dev.corebank.server.commands.Commands;
import dev.corebank.server.payments.iso.NetworkLink;
import dev.corebank.server.payments.iso.PacsMessage;
import dev.corebank.server.web.TraceIds;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the network sends this bank, journaled before it is acknowledged: a pacs.008 (whole, since the incoming
 * payment is made from it) or a pacs.002 becomes a payment step fact, and the reactor decides what it means. The
 * message's trace context becomes the entry's trace, so the trace of bank A's request goes on through bank B.
 */
final class PaymentInbox implements NetworkLink.Handler {
    private static final Logger LOG = LoggerFactory.getLogger(PaymentInbox.class);
    private final Commands commands;
    private final PaymentFacts facts;
    private final JsonMapper json;
    private final PaymentMeters meters;

    PaymentInbox(Commands commands, PaymentFacts facts, JsonMapper json, PaymentMeters meters) {
        this.commands = commands;
        this.facts = facts;
        this.json = json;
        this.meters = meters;
    }

    @Override
    public void handle(PacsMessage message, String traceparent) {
        meters.received(message.type());
        PaymentFacts.Step step = switch (message.type()) {
            case PacsMessage.PACS_008 -> new PaymentFacts.Step(PaymentFacts.FORMAT, message.uetr(),
                    PaymentProjection.STEP_PACS008_RECEIVED, message.type(), message.groupHeader().messageId(), null,
                    null, message.transfer().debtorAgent().bic(), json.writeValueAsString(message));
            case PacsMessage.PACS_002 -> new PaymentFacts.Step(PaymentFacts.FORMAT, message.uetr(),
                    PaymentProjection.STEP_PACS002_RECEIVED, message.type(), message.groupHeader().messageId(),
                    message.status().status(), message.status().reason(),
                    message.groupHeader().instructingAgent().bic(), null);
            default -> null;
        };
        if (step == null) {
            LOG.warn("payments: a message this bank does not handle is dropped type={} uetr={} from={}",
                    message.type(), message.uetr(), message.groupHeader().instructingAgent().bic());
            return;
        }
        TraceId trace = TraceIds.fromTraceparent(traceparent);
        commands.submit(new LedgerCommand.RecordFacts(List.of(facts.step(step))),
                Commands.system("payment " + step.step(), trace == null ? TraceIds.generate() : trace));
        LOG.info("payments: received type={} uetr={} from={} status={} reason={}", message.type(), message.uetr(),
                message.groupHeader().instructingAgent().bic(), step.status(), step.reason());
    }
}
