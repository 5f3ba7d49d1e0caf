package dev.corebank.server.audit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Tracer;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/** The audit trail: the filter that records state-changing requests, its writer, and the query endpoint. */
@Configuration(proxyBeanMethods = false)
class AuditConfiguration {
    /**
     * After the request id and trace id filters (HIGHEST_PRECEDENCE + 10 and + 11), before the API key filter
     * (+ 30), so refused requests are recorded too.
     */
    static final int AUDIT_FILTER_ORDER = Ordered.HIGHEST_PRECEDENCE + 12;

    @Bean
    AuditRepository auditRepository(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        return new AuditRepository(jdbc, new TransactionTemplate(transactions));
    }

    @Bean
    AuditWriter auditWriter(AuditRepository repository, AuditProperties properties, MeterRegistry registry) {
        return new AuditWriter(repository, properties, registry);
    }

    @Bean
    FilterRegistrationBean<AuditFilter> auditFilter(AuditWriter writer, JsonMapper json, ObjectProvider<Tracer> tracer,
                                                    AuditProperties properties) {
        AuditFilter filter = new AuditFilter(writer, new SubjectIds(json, properties.subjectIdsMax()), tracer,
                Clock.systemUTC(), properties.bodyBytesMax());
        FilterRegistrationBean<AuditFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(AUDIT_FILTER_ORDER);
        return registration;
    }
}
