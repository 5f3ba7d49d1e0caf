package dev.corebank.server.webhooks;

import dev.corebank.server.security.Caller;
import dev.corebank.server.security.Permission;
import dev.corebank.server.security.Permitted;
import dev.corebank.server.web.ApiException;
import dev.corebank.server.web.Fields;
import dev.corebank.server.web.Uuids;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/v1/webhooks")
@Tag(name = "Webhooks", description = "Subscriptions that have journal events POSTed to a URL, signed to the Standard"
        + " Webhooks specification; their delivery log and redelivery.")
class WebhooksController {
    private final WebhookService webhooks;

    WebhooksController(WebhookService webhooks) {
        this.webhooks = webhooks;
    }

    /** The JSON body of a secret rotation. */
    record RotateRequest(Long overlapSeconds) {
    }

    /** The JSON body of a redelivery: one event, or the events of a range of journal entries. */
    record RedeliverRequest(String eventId, Long fromSequence, Long toSequence) {
    }

    @PostMapping
    @Permitted(Permission.MANAGE_WEBHOOKS)
    @Operation(summary = "Create a subscription", description = "Answers 201 with the subscription and its secret"
            + " (whsec_...), shown this once. Only events journaled after the subscription was made are delivered.")
    ResponseEntity<WebhookResponse> create(@RequestBody WebhookRequest body, HttpServletRequest request) {
        WebhookResponse created = webhooks.create(owner(request), body);
        return ResponseEntity.created(URI.create("/v1/webhooks/" + created.id())).body(created);
    }

    @GetMapping
    @Permitted(Permission.MANAGE_WEBHOOKS)
    @Operation(summary = "List this key's subscriptions")
    List<WebhookResponse> list(HttpServletRequest request) {
        return webhooks.list(owner(request));
    }

    @GetMapping("/{id}")
    @Permitted(Permission.MANAGE_WEBHOOKS)
    @Operation(summary = "Read a subscription")
    WebhookResponse get(@PathVariable("id") String id, HttpServletRequest request) {
        return webhooks.get(owner(request), Uuids.parsePathId("id", id));
    }

    @PutMapping("/{id}")
    @Permitted(Permission.MANAGE_WEBHOOKS)
    @Operation(summary = "Update a subscription", description = "Fields left out keep their value; enabled: true"
            + " enables a disabled subscription again, and its held deliveries go out.")
    WebhookResponse update(@PathVariable("id") String id, @RequestBody WebhookRequest body,
                           HttpServletRequest request) {
        return webhooks.update(owner(request), Uuids.parsePathId("id", id), body);
    }

    @PostMapping("/{id}/rotate-secret")
    @Permitted(Permission.MANAGE_WEBHOOKS)
    @Operation(summary = "Rotate the secret", description = "Answers with the new secret, shown this once. The"
            + " previous one keeps signing for overlapSeconds (default 24 h): deliveries carry two signatures.")
    WebhookResponse rotate(@PathVariable("id") String id, @RequestBody(required = false) RotateRequest given,
                           HttpServletRequest request) {
        RotateRequest body = Fields.optionalBody(given, request);
        return webhooks.rotate(owner(request), Uuids.parsePathId("id", id), body == null ? null
                : body.overlapSeconds());
    }

    @PostMapping("/{id}/disable")
    @Permitted(Permission.MANAGE_WEBHOOKS)
    @Operation(summary = "Disable a subscription", description = "Its deliveries are held until it is enabled.")
    WebhookResponse disable(@PathVariable("id") String id, HttpServletRequest request) {
        return webhooks.disable(owner(request), Uuids.parsePathId("id", id));
    }

    @DeleteMapping("/{id}")
    @Permitted(Permission.MANAGE_WEBHOOKS)
    @Operation(summary = "Delete a subscription", description = "Pending deliveries are cancelled; the log stays.")
    ResponseEntity<Void> delete(@PathVariable("id") String id, HttpServletRequest request) {
        webhooks.delete(owner(request), Uuids.parsePathId("id", id));
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/{id}/deliveries")
    @Permitted(Permission.MANAGE_WEBHOOKS)
    @Operation(summary = "The delivery log of a subscription", description = "Newest first, each delivery with"
            + " every attempt (time, status, latency, the first bytes of the answer); eventId narrows it to one"
            + " event.")
    List<DeliveryResponse> deliveries(@PathVariable("id") String id,
                                      @RequestParam(name = "eventId", required = false) String eventId,
                                      @RequestParam(name = "limit", defaultValue = "100") int limit,
                                      HttpServletRequest request) {
        return webhooks.deliveries(owner(request), Uuids.parsePathId("id", id), eventId, limit);
    }

    @GetMapping("/deliveries")
    @Permitted(Permission.MANAGE_WEBHOOKS)
    @Operation(summary = "The deliveries of one event", description = "To every subscription of this key.")
    List<DeliveryResponse> deliveriesOfEvent(@RequestParam(name = "eventId") String eventId,
                                             HttpServletRequest request) {
        return webhooks.deliveriesOfEvent(owner(request), eventId);
    }

    @PostMapping("/{id}/redeliver")
    @Permitted(Permission.MANAGE_WEBHOOKS)
    @Operation(summary = "Deliver again", description = "One event ({\"eventId\": \"42-0\"}) or the events of"
            + " journal entries fromSequence..toSequence, delivered or dead alike: each starts a new round of"
            + " attempts. Answers 202 with how many deliveries were started.")
    ResponseEntity<Map<String, Integer>> redeliver(@PathVariable("id") String id,
                                                   @RequestBody RedeliverRequest body, HttpServletRequest request) {
        int started = webhooks.redeliver(owner(request), Uuids.parsePathId("id", id), body.eventId(),
                body.fromSequence(), body.toSequence());
        return ResponseEntity.accepted().body(Map.of("deliveries", started));
    }

    private static String owner(HttpServletRequest request) {
        if (request.getAttribute(Caller.REQUEST_ATTRIBUTE) instanceof Caller caller) {
            return caller.keyId();
        }
        throw new ApiException(HttpStatus.UNAUTHORIZED, "unauthenticated", "webhooks belong to an API key");
    }
}
