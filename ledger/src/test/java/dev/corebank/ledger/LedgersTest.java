package dev.corebank.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LedgersTest {
    @Test
    void convertsBetweenLetterAndNumericCodesBothWays() {
        assertThat(Ledgers.numericCode("MMK")).isEqualTo(104);
        assertThat(Ledgers.numericCode("USD")).isEqualTo(840);
        assertThat(Ledgers.alphabeticCode(104)).isEqualTo("MMK");
        assertThat(Ledgers.alphabeticCode(840)).isEqualTo("USD");
        assertThat(Ledgers.findAlphabeticCode(Ledgers.numericCode("JPY"))).contains("JPY");
    }

    @Test
    void answersEmptyOrRefusesForANumberIsoDoesNotDefine() {
        assertThat(Ledgers.findAlphabeticCode(1)).isEmpty();
        assertThatThrownBy(() -> Ledgers.alphabeticCode(1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ledger=1");
    }
}
