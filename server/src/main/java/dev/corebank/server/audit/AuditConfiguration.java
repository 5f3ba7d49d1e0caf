package dev.corebank.server.audit;

import dev.corebank.server.commands.Commands;
import dev.corebank.server.reactor.ReactorProperties;
import dev.corebank.server.reactor.TableReactor;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit trail: the filter that makes sure every authenticated state-changing request is in the journal, the
 * reactor that derives the trail from the journal, and the query endpoint.
 */
@Configuration(proxyBeanMethods = false)
class AuditConfiguration {
    /**
     * After the request id and trace id filters (HIGHEST_PRECEDENCE + 10 and + 11), before the API key filter
     * (+ 30), so that it sees the answer of every request, refused ones included.
     */
    static final int AUDIT_FILTER_ORDER = Ordered.HIGHEST_PRECEDENCE + 12;

    @Bean
    AuditRepository auditRepository(JdbcTemplate jdbc) {
        return new AuditRepository(jdbc);
    }

    @Bean
    TableReactor auditTrail(AuditRepository repository, JdbcTemplate jdbc, PlatformTransactionManager transactions,
                            AuditProperties properties, ReactorProperties reactors) {
        return new TableReactor(AuditTrail.NAME, new AuditTrail(repository, properties.subjectIdsMax()), jdbc,
                transactions, reactors, false);
    }

    @Bean
    FilterRegistrationBean<AuditFilter> auditFilter(Commands commands, JsonMapper json, AuditProperties properties,
                                                    MeterRegistry registry) {
        AuditFilter filter = new AuditFilter(commands, new SubjectIds(json, properties.subjectIdsMax()),
                properties.bodyBytesMax(), registry);
        FilterRegistrationBean<AuditFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(AUDIT_FILTER_ORDER);
        return registration;
    }
}
