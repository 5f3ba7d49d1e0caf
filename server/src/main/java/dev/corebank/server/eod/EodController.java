package dev.corebank.server.eod;

import dev.corebank.ledger.BusinessDate;
import dev.corebank.server.commands.Commands;
import dev.corebank.server.security.Permission;
import dev.corebank.server.security.Permitted;
import dev.corebank.server.web.ApiException;
import dev.corebank.server.web.Fields;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "End of day", description = "The business date and close of business.")
class EodController {
    private final EndOfDay endOfDay;
    private final DayBook dayBook;
    private final Commands commands;

    EodController(EndOfDay endOfDay, DayBook dayBook, Commands commands) {
        this.endOfDay = endOfDay;
        this.dayBook = dayBook;
        this.commands = commands;
    }

    /** The body of POST /v1/eod: the last date to close; absent for the open date only. */
    record EodRequest(String through) {
    }

    record BusinessDateResponse(LocalDate businessDate, LocalDate closingDate, LocalDate endOfDayRunning) {
    }

    /** End of day of one date as the API shows it. */
    record EodStatus(LocalDate date, String state, String currentStep, Long accountsDone, Long accountsTotal,
                     Double etaSeconds, String failure, List<EodRun.Step> steps) {
    }

    @GetMapping("/v1/business-date")
    @Operation(summary = "Read the business date",
            description = "The date new postings take; closingDate is the date end of day is closing, if it runs.")
    BusinessDateResponse businessDate() {
        BusinessDate date = commands.businessDate();
        EodRun running = endOfDay.running();
        return new BusinessDateResponse(date.current(), date.closing(), running == null ? null : running.date());
    }

    @PostMapping("/v1/eod")
    @Permitted(Permission.RUN_END_OF_DAY)
    @Operation(summary = "Run end of day",
            description = "Closes the open business date, or every date through the date in \"through\", in order (a catch-up)."
                    + " Answered at once with 202 and the Location of the first date's status; postings go on"
                    + " meanwhile. While end of day runs, another request answers 202 with the run in progress.")
    @ApiResponse(responseCode = "202", description = "Started, or already running.")
    ResponseEntity<EodStatus> run(@RequestBody(required = false) EodRequest given, HttpServletRequest request) {
        EodRequest body = Fields.optionalBody(given, request);
        LocalDate through = body == null || body.through() == null ? null : date(body.through(), "through");
        EodRun run;
        try {
            run = endOfDay.start(through);
        } catch (IllegalStateException noDate) {
            throw new ApiException(HttpStatus.CONFLICT, "no_business_date", noDate.getMessage());
        }
        return ResponseEntity.status(HttpStatus.ACCEPTED).location(URI.create("/v1/eod/" + run.date()))
                .header("Retry-After", "1").body(status(run));
    }

    @GetMapping("/v1/eod/{date}")
    @Operation(summary = "Read end of day of a date",
            description = "Its state, the step running with the accounts done out of the total and an estimate of"
                    + " the time left, and every step. After a restart, steps done before come from the journal.")
    EodStatus get(@PathVariable("date") String text) {
        LocalDate date = date(text, "date");
        EodRun run = endOfDay.run(date);
        return run != null ? status(run) : fromJournal(date);
    }

    private EodStatus fromJournal(LocalDate date) {
        Map<String, EodSteps.Record> done = dayBook.steps(date);
        String failure = dayBook.failure(date);
        List<EodRun.Step> steps = new ArrayList<>();
        for (String name : EodSteps.ALL) {
            EodSteps.Record record = done.get(name);
            steps.add(record == null ? new EodRun.Step(name, EodRun.State.NOT_STARTED, 0, 0, 0, 0, 0, null, null)
                    : new EodRun.Step(name, EodRun.State.COMPLETED, 0, 0, record.applied(), record.existing(),
                            record.refused(), record.detail(), null));
        }
        String state = dayBook.closed(date) ? "COMPLETED" : failure != null ? "FAILED"
                : done.isEmpty() ? "NOT_STARTED" : "STOPPED";
        return new EodStatus(date, state, null, null, null, null, failure, steps);
    }

    private static EodStatus status(EodRun run) {
        return new EodStatus(run.date(), run.state().name(), run.currentStep(), run.currentDone(), run.currentTotal(),
                run.etaSeconds(), run.failure(), run.steps());
    }

    static LocalDate date(String text, String field) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException invalid) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_date", field + " must be a date YYYY-MM-DD"
                    + " field=" + field);
        }
    }
}
