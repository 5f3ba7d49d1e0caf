package dev.corebank.server.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class LogSettingsTest {
    @Test
    void choosesEcsJsonByDefaultAndPlainTextWhenConfigured() {
        assertThat(settle(Map.of()).getProperty("logging.structured.format.console"))
                .isEqualTo(EcsLogFormatter.class.getName());
        StandardEnvironment plain = settle(Map.of(LogSettings.FORMAT_PROPERTY, "plain"));
        assertThat(plain.getProperty("logging.structured.format.console")).isEmpty();
        assertThat(plain.getProperty("logging.structured.format.file")).isEmpty();
    }

    @Test
    void leavesAnExplicitStructuredFormatAlone() {
        assertThat(settle(Map.of("logging.structured.format.console", "logstash"))
                .getProperty("logging.structured.format.console")).isEqualTo("logstash");
    }

    @Test
    void refusesAnUnknownFormat() {
        assertThatThrownBy(() -> settle(Map.of(LogSettings.FORMAT_PROPERTY, "xml")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("log-format=xml");
    }

    @Test
    void fillsInServiceVersionAndNodeName() {
        StandardEnvironment environment = settle(Map.of("spring.application.version", "1.2.3"));
        assertThat(environment.getProperty("logging.structured.ecs.service.version")).isEqualTo("1.2.3");
        assertThat(environment.getProperty("logging.structured.ecs.service.node-name")).isNotBlank();
    }

    private static StandardEnvironment settle(Map<String, Object> properties) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
        new LogSettings().postProcessEnvironment(environment, null);
        return environment;
    }
}
