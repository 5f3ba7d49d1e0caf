package dev.corebank.server.observability;

import dev.corebank.ledger.LedgerEngine;
import dev.corebank.ledger.LedgerMetrics;
import dev.corebank.server.projection.ProjectionPosition;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.tracing.Tracer;
import java.nio.file.Path;
import java.time.Clock;
import org.apache.catalina.Valve;
import org.apache.catalina.valves.AccessLogValve;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Wires metrics, the access logs, request ids, the ledger's readiness check and the business-event log. */
@Configuration(proxyBeanMethods = false)
class ObservabilityConfiguration {
    /**
     * Inside Spring's HTTP observation filter (order HIGHEST_PRECEDENCE + 1), so the request's span is current, and
     * outside security and the controllers, so rejected requests get a request id too.
     */
    static final int REQUEST_ID_FILTER_ORDER = Ordered.HIGHEST_PRECEDENCE + 11;

    @Bean
    CommitTimeline commitTimeline() {
        return new CommitTimeline(Clock.systemUTC());
    }

    @Bean
    LedgerMetrics ledgerMetrics(MeterRegistry registry, CommitTimeline timeline) {
        return new LedgerMicrometerMetrics(registry, timeline);
    }

    @Bean
    MeterBinder engineMeters(LedgerEngine engine, ObjectProvider<ProjectionPosition> projection,
                             CommitTimeline timeline) {
        return new EngineMeters(engine, projection, timeline);
    }

    @Bean
    MeterFilter meterConventions() {
        return new MeterConventions();
    }

    @Bean
    MeterBinder processCpuSeconds() {
        return MeterConventions.processCpuSeconds();
    }

    @Bean
    FilterRegistrationBean<RequestIdFilter> requestIdFilter(ObjectProvider<Tracer> tracer,
                                                                      ObservabilityProperties properties) {
        FilterRegistrationBean<RequestIdFilter> registration = new FilterRegistrationBean<>(
                new RequestIdFilter(tracer, properties.requestIdLengthMax()));
        registration.setOrder(REQUEST_ID_FILTER_ORDER);
        return registration;
    }

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> ecsAccessLog() {
        return new AccessLogs();
    }

    /**
     * Adds the ECS access log, and makes the combined access log's directory absolute: Tomcat resolves a relative one
     * against its own temporary base directory, where nobody would look. Runs after Spring Boot's customizer, which
     * creates that valve.
     */
    static final class AccessLogs implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {
        @Override
        public void customize(TomcatServletWebServerFactory factory) {
            for (Valve valve : factory.getEngineValves()) {
                if (valve instanceof AccessLogValve combined && combined.getDirectory() != null
                        && !Path.of(combined.getDirectory()).isAbsolute()) {
                    combined.setDirectory(Path.of(combined.getDirectory()).toAbsolutePath().normalize().toString());
                }
            }
            factory.addEngineValves(new EcsAccessLogValve());
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }

    @Bean
    @ConditionalOnBooleanProperty(name = "corebank.observability.business-events-logged", matchIfMissing = true)
    BusinessEventLog businessEventLog() {
        return new BusinessEventLog();
    }

    @Bean
    HealthIndicator ledgerHealthIndicator(LedgerEngine engine) {
        return ReadinessIndicators.ledger(engine);
    }
}
