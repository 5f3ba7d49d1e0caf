package dev.corebank.server.security;

import dev.corebank.server.web.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/** Refuses with 403 {@code role_not_allowed} a caller whose role the endpoint's {@link Permitted} does not allow. */
final class RoleInterceptor implements HandlerInterceptor {
    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method)
                || !(request.getAttribute(Caller.REQUEST_ATTRIBUTE) instanceof Caller caller)) {
            // Not an endpoint (an unknown path becomes 404), or not under /v1 (no key was asked for).
            return true;
        }
        Permission needed = permission(method, request.getMethod());
        if (needed == null || !needed.allows(caller.role())) {
            throw new ApiException(HttpStatus.FORBIDDEN, "role_not_allowed", "the key's role may not do this role="
                    + caller.role().name().toLowerCase(java.util.Locale.ROOT) + " needs="
                    + (needed == null ? "an endpoint permission" : needed.roles()));
        }
        return true;
    }

    static Permission permission(HandlerMethod method, String httpMethod) {
        Permitted declared = method.getMethodAnnotation(Permitted.class);
        if (declared == null) {
            declared = method.getBeanType().getAnnotation(Permitted.class);
        }
        if (declared != null) {
            return declared.value();
        }
        return "GET".equals(httpMethod) || "HEAD".equals(httpMethod) ? Permission.READ : null;
    }
}
