package dev.corebank.server.web;

import org.apache.catalina.Container;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Puts the {@link ProblemReportValve} in place of every error report valve on Tomcat's host. */
@Configuration(proxyBeanMethods = false)
class ProblemReportConfiguration {
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemReports(ProblemWriter writer) {
        return new ProblemReports(writer);
    }

    /**
     * Runs after Spring Boot's customizer, whose context customizer adds Tomcat's own error report valve to the host;
     * this one's runs later and swaps it out. The host's valve class is set too, so the host does not add another.
     */
    static final class ProblemReports implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {
        private final ProblemWriter writer;

        ProblemReports(ProblemWriter writer) {
            this.writer = writer;
        }

        @Override
        public void customize(TomcatServletWebServerFactory factory) {
            factory.addContextCustomizers(context -> {
                Container host = context.getParent();
                for (Valve valve : host.getPipeline().getValves()) {
                    if (valve instanceof ErrorReportValve) {
                        host.getPipeline().removeValve(valve);
                    }
                }
                if (host instanceof StandardHost standard) {
                    standard.setErrorReportValveClass(ProblemReportValve.class.getName());
                }
                host.getPipeline().addValve(new ProblemReportValve(writer));
            });
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }
}
