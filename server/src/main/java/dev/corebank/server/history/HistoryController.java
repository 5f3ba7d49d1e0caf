package dev.corebank.server.history;

import dev.corebank.server.security.Permission;
import dev.corebank.server.security.Permitted;
import dev.corebank.server.web.ApiException;
import dev.corebank.server.web.Uuids;
import jakarta.servlet.http.HttpServletResponse;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * An account's history from the read model: its transfers, newest first, and statements. Every answer carries the
 * projection position it reflects ({@code X-Projection-Position}); a request may ask to wait for one
 * ({@code X-Min-Position}). See docs/api-read-models.md.
 */
@RestController
@Permitted(Permission.READ)
@RequestMapping("/v1/accounts/{accountId}")
class HistoryController {
    private final HistoryRepository repository;
    private final ReadYourWrites readYourWrites;
    private final HistoryProperties properties;

    HistoryController(HistoryRepository repository, ReadYourWrites readYourWrites, HistoryProperties properties) {
        this.repository = repository;
        this.readYourWrites = readYourWrites;
        this.properties = properties;
    }

    @GetMapping("/transfers")
    TransferPage transfers(@PathVariable("accountId") String accountId,
                           @RequestParam(name = "cursor", required = false) String cursor,
                           @RequestParam(name = "limit", required = false) String limit,
                           @RequestHeader(name = ReadYourWrites.MIN_POSITION_HEADER, required = false)
                           String minPositionHeader,
                           HttpServletResponse response) {
        UUID id = Uuids.parsePathId("accountId", accountId);
        int pageLimit = limit(limit, properties.pageLimitDefault(), properties.pageLimitMax());
        long before = cursor == null ? Long.MAX_VALUE : PageCursor.decode(cursor);
        long minPosition = ReadYourWrites.minPosition(minPositionHeader);
        readYourWrites.await(minPosition, response);
        AtPosition<TransferPage> page = repository.transfers(id, before, pageLimit);
        readYourWrites.check(minPosition, page.position(), response);
        return found(page.value(), id);
    }

    @GetMapping("/statement")
    Statement statement(@PathVariable("accountId") String accountId,
                        @RequestParam(name = "from", required = false) String from,
                        @RequestParam(name = "to", required = false) String to,
                        @RequestParam(name = "cursor", required = false) String cursor,
                        @RequestParam(name = "limit", required = false) String limit,
                        @RequestHeader(name = ReadYourWrites.MIN_POSITION_HEADER, required = false)
                        String minPositionHeader,
                        HttpServletResponse response) {
        UUID id = Uuids.parsePathId("accountId", accountId);
        StatementPeriod period = StatementPeriod.parse(from, to, properties.statementDaysMax());
        int lineLimit = limit(limit, properties.statementLinesDefault(), properties.statementLinesMax());
        long after = cursor == null ? 0 : PageCursor.decode(cursor);
        long minPosition = ReadYourWrites.minPosition(minPositionHeader);
        readYourWrites.await(minPosition, response);
        AtPosition<Statement> statement = repository.statement(id, period, after, lineLimit);
        readYourWrites.check(minPosition, statement.position(), response);
        return found(statement.value(), id);
    }

    private static int limit(String value, int defaultLimit, int maxLimit) {
        if (value == null) {
            return defaultLimit;
        }
        try {
            int limit = Integer.parseInt(value.strip());
            if (limit >= 1 && limit <= maxLimit) {
                return limit;
            }
        } catch (NumberFormatException malformed) {
            // Answered below, like a number out of range.
        }
        throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_limit", "limit must be a whole number from 1 to "
                + maxLimit);
    }

    private static <T> T found(T value, UUID accountId) {
        if (value == null) {
            throw new ApiException(HttpStatus.NOT_FOUND, "account_not_found",
                    "no account in the read model account=" + accountId);
        }
        return value;
    }
}
