package dev.corebank.server.database;

import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AbstractDependsOnBeanFactoryPostProcessor;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The embedded database's guard, made before every data source and closed after each of them: a data source depends
 * on the guard, and Spring closes a bean's dependents before the bean.
 */
@Configuration(proxyBeanMethods = false)
public class EmbeddedDatabaseConfiguration {
    @Bean(destroyMethod = "close")
    EmbeddedDatabaseGuard embeddedDatabaseGuard(ObjectProvider<DataSourceProperties> configured) {
        DataSourceProperties properties = configured.getIfAvailable();
        if (properties == null) {
            return EmbeddedDatabaseGuard.open(null, null, null);
        }
        return EmbeddedDatabaseGuard.open(properties.determineUrl(), properties.determineUsername(),
                properties.determinePassword());
    }

    @Bean
    static DataSourcesDependOnTheGuard dataSourcesDependOnTheEmbeddedDatabaseGuard() {
        return new DataSourcesDependOnTheGuard();
    }

    static final class DataSourcesDependOnTheGuard extends AbstractDependsOnBeanFactoryPostProcessor {
        DataSourcesDependOnTheGuard() {
            super(DataSource.class, EmbeddedDatabaseGuard.class);
        }
    }
}
