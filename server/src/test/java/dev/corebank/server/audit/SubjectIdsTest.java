package dev.corebank.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class SubjectIdsTest {
    final SubjectIds ids = new SubjectIds(JsonMapper.builder().build(), 4);

    @Test
    void takesUuidPathVariablesAndIdFieldsOfTheBodyButNothingElse() {
        UUID path = UUID.randomUUID();
        UUID debit = UUID.randomUUID();
        UUID transfer = UUID.randomUUID();
        UUID notAnIdField = UUID.randomUUID();
        String body = """
                {"id":"%s","debitAccountId":"%s","reference":"%s","secret":"sk_live_abc","amount":5}
                """.formatted(transfer, debit, notAnIdField);

        assertThat(ids.of(Map.of("accountId", path.toString(), "name", "savings"),
                body.getBytes(StandardCharsets.UTF_8))).containsExactly(path, transfer, debit);
    }

    @Test
    void readsIdsInsideArraysOfABatchUpToTheLimit() {
        StringBuilder body = new StringBuilder("{\"transfers\":[");
        for (int index = 0; index < 10; index++) {
            body.append(index == 0 ? "" : ",").append("{\"id\":\"").append(UUID.randomUUID()).append("\"}");
        }
        body.append("]}");

        assertThat(ids.of(Map.of(), body.toString().getBytes(StandardCharsets.UTF_8))).hasSize(4);
    }

    @Test
    void findsNoIdsInABodyThatIsNotJson() {
        assertThat(ids.of(null, "id=123".getBytes(StandardCharsets.UTF_8))).isEmpty();
    }
}
