package dev.corebank.server.webhooks;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.UUID;

/** The JSON body that creates or replaces a subscription. */
@Schema(description = "A webhook subscription: where to deliver which events.")
record WebhookRequest(
        @Schema(description = "http or https URL the events are POSTed to; private, loopback and link-local targets"
                + " are refused unless allowed by corebank.webhooks.allowed-hosts.",
                example = "https://hooks.example.com/corebank", requiredMode = Schema.RequiredMode.REQUIRED)
        String url,
        @Schema(description = "Event type patterns: short names with * as a wildcard.",
                example = "[\"transfer.*\", \"operation.completed\"]", requiredMode = Schema.RequiredMode.REQUIRED)
        List<String> eventTypes,
        @Schema(description = "Only events that concern this account.", nullable = true) UUID accountId,
        @Schema(description = "Free text, at most 256 characters.", nullable = true) String description,
        @Schema(description = "First in, first out per account: a later event of an account waits until the earlier"
                + " ones are delivered or dead.", defaultValue = "false") Boolean fifo,
        @Schema(description = "On update: false disables the subscription, true enables it again.",
                nullable = true) Boolean enabled) {
}
