package dev.corebank.server.payments.iso;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * What the payment tests share when they play a participant of the network on the real RabbitMQ: fresh participant
 * codes (so a queue left by an earlier run never feeds this one), an inbox of what arrives, and the queues' cleanup.
 */
public final class TestParticipants {
    private TestParticipants() {
    }

    /** A fresh 8-character code: the prefix, then random upper-case letters. */
    public static String code(String prefix) {
        return code(prefix, ThreadLocalRandom.current());
    }

    public static String code(String prefix, Random random) {
        StringBuilder code = new StringBuilder(prefix);
        while (code.length() < 8) {
            code.append((char) ('A' + random.nextInt(26)));
        }
        return code.toString();
    }

    /**
     * A pacs.008 from {@code sender} to {@code receiver} (its group header), paying {@code creditorAccount} at
     * {@code creditorAgent} from a random account at {@code debtorAgent}; the ids derive from the UETR.
     */
    public static PacsMessage creditTransfer(String uetr, String sender, String receiver, String debtorAgent,
                                             String creditorAgent, String creditorAccount, String amount,
                                             String currency, java.time.Instant acceptedAt) {
        String compact = uetr.replace("-", "");
        return PacsMessage.creditTransfer(GroupHeader.of(Iso.messageId(uetr, "test-pacs.008"),
                java.time.Instant.now(), sender, receiver), new CreditTransfer(
                new CreditTransfer.PaymentIdentification(compact, "E2E-" + compact.substring(0, 8), compact, uetr),
                new CreditTransfer.Amount(currency, new java.math.BigDecimal(amount)), acceptedAt,
                new CreditTransfer.Party("Mg Mg"), new CreditTransfer.AccountRef(java.util.UUID.randomUUID()
                .toString()), new Agent(debtorAgent), new Agent(creditorAgent), new CreditTransfer.Party("Su Su"),
                new CreditTransfer.AccountRef(creditorAccount), new CreditTransfer.Remittance("rent")));
    }

    /** Deletes the participants' queues. */
    public static void deleteQueues(String rabbitmqUri, List<String> codes) throws Exception {
        com.rabbitmq.client.ConnectionFactory factory = new com.rabbitmq.client.ConnectionFactory();
        factory.setUri(rabbitmqUri);
        try (var connection = factory.newConnection("corebank-payments-test-cleanup");
             var channel = connection.createChannel()) {
            for (String code : codes) {
                channel.queueDelete(NetworkLink.queue(code));
            }
        }
    }

    /** The messages a test participant received, read by type and payment. */
    public static final class Inbox implements NetworkLink.Handler {
        private final LinkedBlockingQueue<PacsMessage> received = new LinkedBlockingQueue<>();

        @Override
        public void handle(PacsMessage message, String traceparent) {
            received.add(message);
        }

        /** Whether a message about that payment has arrived and not been taken. */
        public boolean holdsAny(String uetr) {
            return received.stream().anyMatch(message -> message.uetr().equals(uetr));
        }

        /** The next message of that type about that payment, within 20 s; others are put back at the end. */
        public PacsMessage next(String type, String uetr) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            List<PacsMessage> others = new ArrayList<>();
            try {
                while (System.nanoTime() < deadline) {
                    PacsMessage message = received.poll(200, TimeUnit.MILLISECONDS);
                    if (message != null && message.type().equals(type) && message.uetr().equals(uetr)) {
                        return message;
                    }
                    if (message != null) {
                        others.add(message);
                    }
                }
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            } finally {
                received.addAll(others);
            }
            throw new AssertionError("no " + type + " arrived for uetr=" + uetr);
        }
    }
}
