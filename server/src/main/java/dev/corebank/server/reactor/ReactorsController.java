package dev.corebank.server.reactor;

import dev.corebank.server.security.Permission;
import dev.corebank.server.security.Permitted;
import dev.corebank.server.web.ApiException;
import dev.corebank.server.web.Fields;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/v1/admin/reactors")
@Permitted(Permission.OPERATE_REACTORS)
@Tag(name = "Reactors", description = "The journal's readers: their position, lag and state; pause, resume and"
        + " rewind. Operators and admins only.")
class ReactorsController {
    private final ReactorRuntime runtime;

    ReactorsController(ReactorRuntime runtime) {
        this.runtime = runtime;
    }

    @GetMapping
    @Operation(summary = "List the reactors", description = "Every reactor with its position, lag, state and last"
            + " failure, in start order.")
    List<ReactorStatus> list() {
        return runtime.statuses();
    }

    @GetMapping("/{name}")
    @Operation(summary = "Read one reactor")
    ReactorStatus get(@PathVariable("name") String name) {
        return runtime.status(name).orElseThrow(() -> notFound(name));
    }

    @PostMapping("/{name}/pause")
    @Operation(summary = "Pause a reactor", description = "It stops after its current run; its lag grows until it is"
            + " resumed. Pausing a paused reactor changes nothing.")
    ReactorStatus pause(@PathVariable("name") String name) {
        get(name);
        return control(() -> runtime.pause(name));
    }

    @PostMapping("/{name}/resume")
    @Operation(summary = "Resume a paused reactor")
    ReactorStatus resume(@PathVariable("name") String name) {
        get(name);
        return control(() -> runtime.resume(name));
    }

    @PostMapping("/{name}/rewind")
    @Operation(summary = "Rewind a reactor", description = "Pauses it, sets its checkpoint back to the position (0 is"
            + " the journal's start), lets it reset its effect from there, and resumes it: it applies the journal"
            + " again from the entry after the position. Only for reactors that allow it.")
    ReactorStatus rewind(@PathVariable("name") String name, @RequestBody RewindRequest body) {
        ReactorStatus status = get(name);
        long position = Fields.required(body.position(), "position");
        if (!status.rewindable()) {
            throw new ApiException(HttpStatus.CONFLICT, "reactor_not_rewindable",
                    "this reactor cannot be rewound reactor=" + name);
        }
        if (position < 0 || position > status.position()) {
            throw Fields.invalid("position", "must be from 0 to the reactor's position " + status.position());
        }
        return control(() -> runtime.rewind(name, position));
    }

    private static ReactorStatus control(java.util.function.Supplier<ReactorStatus> action) {
        try {
            return action.get();
        } catch (ReactorNotRunning refused) {
            throw new ApiException(HttpStatus.CONFLICT, "reactor_not_running", refused.getMessage());
        }
    }

    private static ApiException notFound(String name) {
        String shown = name.length() <= 64 ? name : name.substring(0, 64) + "...";
        return new ApiException(HttpStatus.NOT_FOUND, "reactor_not_found", "no reactor with this name name=" + shown);
    }
}
