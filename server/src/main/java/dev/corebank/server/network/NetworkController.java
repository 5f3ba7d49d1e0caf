package dev.corebank.server.network;

import dev.corebank.ledger.Account;
import dev.corebank.server.accounts.ChartProperties;
import dev.corebank.server.payments.iso.Iso;
import dev.corebank.server.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/v1/network")
@Tag(name = "Payment network", description = "The network simulator's settlement and its witness (role network).")
class NetworkController {
    private final ObjectProvider<NetworkNode> node;
    private final ChartProperties chart;

    NetworkController(ObjectProvider<NetworkNode> node, ChartProperties chart) {
        this.node = node;
        this.chart = chart;
    }

    record Position(String participant, String currency, String accountId, long balanceMinor) {
    }

    record Participants(List<Position> positions, List<Total> totals) {
    }

    /** The sum of every participant's position in a currency: zero, since every settlement moves between two. */
    record Total(String currency, long sumMinor) {
    }

    record PaymentView(String uetr, String status, String reason, String debtorAgent, String creditorAgent,
                       Long amountMinor, String currency, Instant acceptedAt, String traceId,
                       List<NetworkPayment.Line> log) {
    }

    @GetMapping("/participants")
    @Operation(summary = "Each participant's settlement position", description = "Credits minus debits posted on"
            + " each participant's settlement account, per currency, and the sum, which is zero.")
    Participants participants() {
        NetworkNode network = required();
        List<Position> positions = new ArrayList<>();
        List<Total> totals = new ArrayList<>();
        for (String currency : chart.currencies()) {
            long sum = 0;
            for (Account account : network.settlement().accounts(network.participants(), currency)) {
                long balance = account.creditsPosted() - account.debitsPosted();
                sum += balance;
                positions.add(new Position(participantOf(network, account, currency), currency,
                        account.id().toString(), balance));
            }
            totals.add(new Total(currency, sum));
        }
        return new Participants(positions, totals);
    }

    @GetMapping("/payments/{uetr}")
    @Operation(summary = "A payment as the network saw it", description = "Its decision and every message in and"
            + " out, with the faults injected: the network's side of the witness.")
    PaymentView payment(@PathVariable("uetr") String uetr) {
        try {
            Iso.requireUetr(uetr);
        } catch (IllegalArgumentException invalid) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_uetr", "a UETR is a lower-case version 4 UUID");
        }
        NetworkPayment payment = required().clearingHouse().find(uetr);
        if (payment == null) {
            throw new ApiException(HttpStatus.NOT_FOUND, "payment_not_found", "the network has no payment with this"
                    + " UETR uetr=" + uetr);
        }
        synchronized (payment) {
            return new PaymentView(payment.uetr, payment.status.name().toLowerCase(java.util.Locale.ROOT),
                    payment.reason, payment.debtorAgent, payment.creditorAgent,
                    payment.currency == null ? null : payment.amountMinor, payment.currency, payment.acceptedAt,
                    payment.traceId, payment.lines());
        }
    }

    private NetworkNode required() {
        NetworkNode network = node.getIfAvailable();
        if (network == null) {
            throw new ApiException(HttpStatus.NOT_FOUND, "network_off", "this process does not run the role network");
        }
        return network;
    }

    private static String participantOf(NetworkNode network, Account account, String currency) {
        for (String code : network.participants()) {
            if (Settlement.account(code, currency).equals(account.id())) {
                return code;
            }
        }
        return "unknown";
    }
}
