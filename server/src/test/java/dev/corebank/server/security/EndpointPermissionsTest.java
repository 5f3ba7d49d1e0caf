package dev.corebank.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corebank.server.api.ApiTestSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/** Every write endpoint under /v1 declares who may use it; one that does not would be closed to every role. */
class EndpointPermissionsTest extends ApiTestSupport {
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void everyWriteEndpointUnderV1DeclaresItsPermission() {
        List<String> undeclared = new ArrayList<>();
        int writes = 0;
        for (Map.Entry<RequestMappingInfo, HandlerMethod> mapping : mappings.getHandlerMethods().entrySet()) {
            boolean underV1 = mapping.getKey().getPatternValues().stream().anyMatch(path -> path.startsWith("/v1/"));
            for (RequestMethod method : mapping.getKey().getMethodsCondition().getMethods()) {
                if (underV1 && method != RequestMethod.GET && method != RequestMethod.HEAD) {
                    writes++;
                    if (RoleInterceptor.permission(mapping.getValue(), method.name()) == null) {
                        undeclared.add(method + " " + mapping.getKey().getPatternValues());
                    }
                }
            }
        }

        assertThat(writes).isGreaterThanOrEqualTo(10);
        assertThat(undeclared).isEmpty();
    }
}
