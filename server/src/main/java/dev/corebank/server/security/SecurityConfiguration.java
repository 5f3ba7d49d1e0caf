package dev.corebank.server.security;

import dev.corebank.server.reactor.ReactorProperties;
import dev.corebank.server.reactor.TableReactor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Puts the role check in front of every /v1 endpoint, and keeps the key table in step with the journal. */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration implements WebMvcConfigurer {
    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new RoleInterceptor()).addPathPatterns(ApiPaths.PREFIX + "/**");
    }

    /** Required for readiness: a node that still forgets keys takes no traffic. */
    @Bean
    TableReactor apiKeyTable(JdbcClient jdbcClient, JdbcTemplate jdbc, PlatformTransactionManager transactions,
                             ReactorProperties reactors) {
        return new TableReactor(ApiKeyTable.NAME, new ApiKeyTable(jdbcClient), jdbc, transactions, reactors, true);
    }
}
