package dev.corebank.server.projection;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How far the read model may fall behind the journal before clients' commands are held, under
 * {@code corebank.read-model}.
 *
 * @param intakeLagEntriesMax  while the projector is reading and more journal entries than this behind, a client's
 *                             command waits for it to catch up (0: never); the default is half of the readiness limit
 *                             ({@code corebank.reactors.readiness-lag-entries-max}, 1,000), so a loaded server holds
 *                             writes instead of going out of service
 * @param intakeWaitMillisMax  how long a held command waits before it is refused with 503 and {@code Retry-After}
 */
@ConfigurationProperties("corebank.read-model")
record IntakeProperties(
        @DefaultValue("" + INTAKE_LAG_ENTRIES_MAX_DEFAULT) long intakeLagEntriesMax,
        @DefaultValue("" + INTAKE_WAIT_MILLIS_MAX_DEFAULT) long intakeWaitMillisMax) {
    static final long INTAKE_LAG_ENTRIES_MAX_DEFAULT = 500;
    static final long INTAKE_WAIT_MILLIS_MAX_DEFAULT = 2_000;
    static final long INTAKE_WAIT_MILLIS_LIMIT = 60_000;

    IntakeProperties {
        if (intakeLagEntriesMax < 0) {
            throw new IllegalArgumentException("corebank.read-model.intake-lag-entries-max must be 0 (never hold)"
                    + " or more intakeLagEntriesMax=" + intakeLagEntriesMax);
        }
        if (intakeWaitMillisMax < 1 || intakeWaitMillisMax > INTAKE_WAIT_MILLIS_LIMIT) {
            throw new IllegalArgumentException("corebank.read-model.intake-wait-millis-max must be 1 to "
                    + INTAKE_WAIT_MILLIS_LIMIT + " intakeWaitMillisMax=" + intakeWaitMillisMax);
        }
    }
}
