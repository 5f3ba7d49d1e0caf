package dev.corebank.server.bus;

import dev.corebank.server.reactor.ReactorRuntime;
import dev.corebank.server.reactor.ReactorStatus;
import dev.corebank.server.security.Permission;
import dev.corebank.server.security.Permitted;
import dev.corebank.server.web.ApiException;
import dev.corebank.server.web.Fields;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/v1/admin/events")
@Permitted(Permission.OPERATE_REACTORS)
@Tag(name = "Event bus", description = "The journal published to Kafka and RabbitMQ. Operators and admins only.")
class EventsController {
    private final ReactorRuntime runtime;

    EventsController(ReactorRuntime runtime) {
        this.runtime = runtime;
    }

    @PostMapping("/replay")
    @Operation(summary = "Publish the journal again from a position", description = "Rewinds the publishers (or the"
            + " one named) to just before the sequence: they publish every event from there again, with the same ids"
            + " and the same bytes, then go on with new entries. Consumers that deduplicate by id see nothing new;"
            + " a new consumer gets the whole stream.")
    List<ReactorStatus> replay(@RequestBody ReplayRequest body) {
        long from = Fields.required(body.from(), "from");
        List<String> publishers = new ArrayList<>();
        for (String name : BusHealth.PUBLISHERS) {
            if (runtime.status(name).isPresent() && (body.publisher() == null || body.publisher().equals(name))) {
                publishers.add(name);
            }
        }
        if (publishers.isEmpty()) {
            throw new ApiException(HttpStatus.NOT_FOUND, "publisher_not_found", body.publisher() == null
                    ? "no event bus publisher is configured" : "no such publisher is configured publisher="
                    + (body.publisher().length() <= 64 ? body.publisher() : body.publisher().substring(0, 64)));
        }
        List<ReactorStatus> replayed = new ArrayList<>();
        for (String name : publishers) {
            long position = runtime.status(name).orElseThrow().position();
            if (from < 1 || from > position + 1) {
                throw Fields.invalid("from", "must be from 1 to the publisher's position plus one " + (position + 1)
                        + " publisher=" + name);
            }
            try {
                replayed.add(runtime.rewind(name, from - 1));
            } catch (IllegalStateException refused) {
                // The runtime's "not running" (or a rewind that failed): the publisher is where it was.
                throw new ApiException(HttpStatus.CONFLICT, "reactor_not_running", refused.getMessage());
            }
        }
        return replayed;
    }
}
