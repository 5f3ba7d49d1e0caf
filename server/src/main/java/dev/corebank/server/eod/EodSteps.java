package dev.corebank.server.eod;

import dev.corebank.ledger.Fact;
import dev.corebank.server.commands.FactKinds;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;

/**
 * The named steps of end of day, in the order they run, and the journaled record of a step done or stopped (a
 * {@link FactKinds#EOD_STEP_COMPLETED} or {@link FactKinds#EOD_STEP_FAILED} fact with a JSON body).
 */
public final class EodSteps {
    public static final String PRE_CHECKS = "pre-checks";
    public static final String CUT_OFF = "cut-off";
    public static final String EXPIRE_HOLDS = "expire-holds";
    public static final String ACCRUE = "accrue-interest";
    public static final String CAPITALISE = "capitalise-interest";
    public static final String FEES = "charge-fees";
    public static final String DORMANCY = "mark-dormant";
    public static final String TRIAL_BALANCE = "trial-balance";
    public static final String SNAPSHOT = "statements-and-snapshot";
    public static final String ROLL = "roll-date";
    public static final List<String> ALL = List.of(PRE_CHECKS, CUT_OFF, EXPIRE_HOLDS, ACCRUE, CAPITALISE, FEES,
            DORMANCY, TRIAL_BALANCE, SNAPSHOT, ROLL);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * What a step did: transfers or changes it applied now, found already applied (a repeat), and refused by the
     * ledger (each named in the log), and a sentence for the operator.
     */
    public record Record(LocalDate date, String step, long applied, long existing, long refused, String detail) {
    }

    private EodSteps() {
    }

    static Fact completed(Record record) {
        return new Fact(FactKinds.EOD_STEP_COMPLETED, JSON.writeValueAsBytes(record));
    }

    static Fact failed(Record record) {
        return new Fact(FactKinds.EOD_STEP_FAILED, JSON.writeValueAsBytes(record));
    }

    static Record read(Fact fact) {
        return JSON.readValue(new String(fact.body(), StandardCharsets.UTF_8), Record.class);
    }
}
