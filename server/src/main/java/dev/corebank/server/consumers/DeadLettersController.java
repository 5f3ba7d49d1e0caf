package dev.corebank.server.consumers;

import dev.corebank.server.security.Permission;
import dev.corebank.server.security.Permitted;
import dev.corebank.server.web.ApiException;
import dev.corebank.server.web.Fields;
import dev.corebank.server.web.Uuids;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/v1/admin/dead-letters")
@Permitted(Permission.HANDLE_DEAD_LETTERS)
@Tag(name = "Dead letters", description = "Messages the bank's own consumers (notifications, AML) gave up on: list,"
        + " inspect and replay them. Operators and admins only.")
class DeadLettersController {
    static final int LIST_LIMIT_DEFAULT = 50;
    private final Consumers consumers;

    DeadLettersController(Consumers consumers) {
        this.consumers = consumers;
    }

    @GetMapping
    @Operation(summary = "List dead letters", description = "Newest first, without the messages; filter by consumer"
            + " and by state (DEAD, REPLAYED).")
    List<DeadLetterView> list(@RequestParam(name = "consumer", required = false) String consumer,
                              @RequestParam(name = "state", required = false) String state,
                              @RequestParam(name = "limit", required = false) String limit) {
        int shown = limit == null ? LIST_LIMIT_DEFAULT : limitOf(limit);
        if (state != null && !List.of(DeadLetter.DEAD, DeadLetter.REPLAYING, DeadLetter.REPLAYED).contains(state)) {
            throw Fields.invalid("state", "must be DEAD, REPLAYING or REPLAYED");
        }
        return consumers.deadLetters().list(consumer, state, shown).stream().map(DeadLetterView::summary).toList();
    }

    @GetMapping("/{letterId}")
    @Operation(summary = "Read one dead letter", description = "With the message: its CloudEvents attributes and its"
            + " body.")
    DeadLetterView get(@PathVariable("letterId") String letterIdText) {
        UUID letterId = Uuids.parsePathId("letterId", letterIdText);
        return consumers.deadLetters().find(letterId).map(DeadLetterView::whole)
                .orElseThrow(() -> notFound(letterId));
    }

    @PostMapping("/{letterId}/replay")
    @Operation(summary = "Replay a dead letter", description = "Hands the message to its consumer's handler again,"
            + " once: a letter already replayed answers 409. A replay that fails again leaves the letter DEAD and"
            + " answers 422 with the cause. The consumer must run in this process (its role on).")
    ConsumerPipeline.ReplayResult replay(@PathVariable("letterId") String letterIdText) {
        UUID letterId = Uuids.parsePathId("letterId", letterIdText);
        DeadLetter letter = consumers.deadLetters().find(letterId).orElseThrow(() -> notFound(letterId));
        ConsumerPipeline.ReplayResult result = consumers.replay(letterId).orElseThrow(() -> new ApiException(
                HttpStatus.CONFLICT, "consumer_not_running", "the letter's consumer does not run in this process"
                + " consumer=" + letter.consumer() + "; start it with its role (--roles=api," + letter.consumer()
                + ")"));
        return switch (result.result()) {
            case "applied" -> result;
            case "already-replayed" -> throw new ApiException(HttpStatus.CONFLICT, "dead_letter_already_replayed",
                    "this dead letter was replayed before letterId=" + letterId);
            case "in-progress" -> throw new ApiException(HttpStatus.CONFLICT, "dead_letter_replay_in_progress",
                    "a replay of this dead letter is running, or was cut off by a stop letterId=" + letterId);
            default -> throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "dead_letter_replay_failed",
                    "the replay failed again and the letter stays DEAD letterId=" + letterId + " cause="
                            + result.cause());
        };
    }

    private static int limitOf(String text) {
        int limit;
        try {
            limit = Integer.parseInt(text);
        } catch (NumberFormatException notANumber) {
            limit = 0;
        }
        if (limit < 1 || limit > DeadLetterStore.LIST_LIMIT_MAX) {
            throw Fields.invalid("limit", "must be a whole number from 1 to " + DeadLetterStore.LIST_LIMIT_MAX);
        }
        return limit;
    }

    private static ApiException notFound(UUID letterId) {
        return new ApiException(HttpStatus.NOT_FOUND, "dead_letter_not_found", "no dead letter with this id letterId="
                + letterId);
    }
}
