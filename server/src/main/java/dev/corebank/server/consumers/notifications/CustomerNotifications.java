package dev.corebank.server.consumers.notifications;

import dev.corebank.ledger.Profile;
import dev.corebank.server.accounts.ProfileCipher;
import dev.corebank.server.consumers.EventHandler;
import dev.corebank.server.consumers.ReceivedEvent;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Customer notifications (role {@code notifications}): for each posting that touches a customer account, a message in
 * the customer's language, put in the delivery outbox ({@code notification_outbox}) for a sender to pick up. No SMS is
 * sent here.
 *
 * <p>Who is a customer, and in which language, comes from the bus itself: {@code account.opened} and
 * {@code profile.changed} carry each account's profile sealed; the service keeps it sealed
 * ({@code notification_recipients}) and opens it with {@link ProfileCipher} only to render a message. An account
 * whose profile names a customer is a customer account; one whose key was destroyed (erased) gets no message.
 *
 * <p>Idempotent by event id: a notification's id is derived from the event and the account, and the outbox keeps one
 * row per id.
 */
@Component
public final class CustomerNotifications implements EventHandler {
    public static final String NAME = "notifications";
    private static final Set<String> TYPES = Set.of("account.opened", "profile.changed", "transfer.posted",
            "pending.posted");
    private final JdbcTemplate jdbc;
    private final ProfileCipher cipher;
    private final NotificationsProperties properties;
    private final Clock clock = Clock.systemUTC();

    CustomerNotifications(JdbcTemplate jdbc, ProfileCipher cipher, NotificationsProperties properties) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.properties = properties;
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
    public void handle(ReceivedEvent event) {
        JsonNode data = event.data();
        switch (event.shortType()) {
            case "account.opened", "profile.changed" -> keepProfile(event, data);
            default -> {
                notify(event, data, UUID.fromString(data.get("debitAccountId").asString()),
                        Messages.Direction.DEBITED);
                notify(event, data, UUID.fromString(data.get("creditAccountId").asString()),
                        Messages.Direction.CREDITED);
            }
        }
    }

    private void keepProfile(ReceivedEvent event, JsonNode data) {
        UUID accountId = UUID.fromString(data.get("accountId").asString());
        JsonNode profile = data.get("profile");
        if (profile == null || profile.isNull()) {
            jdbc.update("DELETE FROM notification_recipients WHERE account_id = ? AND journal_sequence < ?", accountId,
                    event.sequence());
            return;
        }
        byte[] sealed = Base64.getDecoder().decode(profile.get("sealed").asString());
        int updated = jdbc.update("UPDATE notification_recipients SET profile = ?, journal_sequence = ?"
                + " WHERE account_id = ? AND journal_sequence < ?", sealed, event.sequence(), accountId,
                event.sequence());
        if (updated == 0) {
            try {
                jdbc.update("INSERT INTO notification_recipients (account_id, profile, journal_sequence)"
                        + " VALUES (?, ?, ?)", accountId, sealed, event.sequence());
            } catch (DuplicateKeyException newerKept) {
                // A newer profile of the account is kept already: this event is older.
            }
        }
    }

    private void notify(ReceivedEvent event, JsonNode data, UUID accountId, Messages.Direction direction) {
        if (!event.concerns(accountId)) {
            return;
        }
        Optional<ProfileCipher.Fields> fields = recipient(accountId);
        if (fields.isEmpty() || fields.get().erased() || fields.get().customerId() == null) {
            return;
        }
        Language language = Language.of(fields.get().language()).orElse(properties.language());
        JsonNode reference = data.get("reference");
        JsonNode ledger = data.get("ledger");
        String message = Messages.render(language, direction, fields.get().name(), data.get("amount").asLong(),
                ledger == null || ledger.isNull() ? null : ledger.asString(), accountId,
                reference == null || reference.isNull() ? null : reference.asString());
        UUID notificationId = UUID.nameUUIDFromBytes(("notification\n" + event.id() + "\n" + accountId)
                .getBytes(StandardCharsets.UTF_8));
        try {
            jdbc.update("INSERT INTO notification_outbox (notification_id, event_id, account_id, language, message,"
                            + " created_at) VALUES (?, ?, ?, ?, ?, ?)", notificationId, event.id(), accountId,
                    language.tag(), message, Timestamp.from(clock.instant()));
        } catch (DuplicateKeyException sentBefore) {
            // The same event for the same account was rendered before: a redelivery or a replay.
        }
    }

    private Optional<ProfileCipher.Fields> recipient(UUID accountId) {
        List<byte[]> sealed = jdbc.query("SELECT profile FROM notification_recipients WHERE account_id = ?",
                (row, number) -> row.getBytes(1), accountId);
        if (sealed.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(cipher.open(accountId, Profile.of(sealed.get(0))));
    }
}
