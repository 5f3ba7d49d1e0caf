package dev.corebank.server.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventTypesTest {
    @ParameterizedTest
    @CsvSource({
            "transfer.*, dev.corebank.transfer.posted.v1, true",
            "transfer.*, dev.corebank.transfer.rejected.v1, true",
            "transfer.*, dev.corebank.pending.posted.v1, false",
            "*.posted, dev.corebank.pending.posted.v1, true",
            "*, dev.corebank.account.opened.v1, true",
            "operation.completed, dev.corebank.operation.completed.v1, true",
            "operation.completed, dev.corebank.operation.failed.v1, false",
            "dev.corebank.account.opened.v1, dev.corebank.account.opened.v1, true",
            "account.*, dev.corebank.account.change-rejected.v1, true",
            "account, dev.corebank.account.opened.v1, false"})
    void shouldMatchShortNamesWithWildcards(String pattern, String type, boolean matches) {
        assertThat(EventTypes.matchesAny(List.of(pattern), type)).isEqualTo(matches);
    }

    @ParameterizedTest
    @CsvSource({"Transfer.Posted", "transfer posted", "'transfer,posted'", "''"})
    void shouldRefuseAPatternThatIsNotOne(String pattern) {
        assertThatThrownBy(() -> EventTypes.validate(List.of(pattern))).isInstanceOf(IllegalArgumentException.class);
    }
}
