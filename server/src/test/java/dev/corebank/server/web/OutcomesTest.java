package dev.corebank.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corebank.ledger.ResultCode;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/** How the engine's result codes become HTTP statuses. */
class OutcomesTest {
    @Test
    void answersInsufficientStorageWhenTheEngineIsAtItsCapacity() {
        ApiException rejection = Outcomes.rejection(ResultCode.CAPACITY_EXCEEDED, "transfer id=1");
        assertThat(rejection.status()).isEqualTo(HttpStatus.INSUFFICIENT_STORAGE);
        assertThat(rejection.code()).isEqualTo("capacity_exceeded");
    }

    @Test
    void answersUnprocessableForABusinessRejectionAndConflictForADifferentRepeat() {
        assertThat(Outcomes.rejection(ResultCode.EXCEEDS_CREDITS, "transfer id=1").status())
                .isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
        assertThat(Outcomes.rejection(ResultCode.EXISTS_WITH_DIFFERENT_FIELDS, "transfer id=1").status())
                .isEqualTo(HttpStatus.CONFLICT);
        assertThat(Outcomes.statusOrThrow(ResultCode.OK, "transfer id=1")).isEqualTo(HttpStatus.CREATED);
        assertThat(Outcomes.statusOrThrow(ResultCode.EXISTS, "transfer id=1")).isEqualTo(HttpStatus.OK);
    }
}
