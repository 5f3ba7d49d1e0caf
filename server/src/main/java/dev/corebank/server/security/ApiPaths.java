package dev.corebank.server.security;

import jakarta.servlet.http.HttpServletRequest;

/** Which requests belong to the API that keys protect. Health, metrics and the API docs stay public. */
final class ApiPaths {
    static final String PREFIX = "/v1";

    private ApiPaths() {
    }

    /**
     * The path the container resolved: decoded, normalised and without path parameters, so that spellings such as
     * {@code /v1;x=y/accounts} or {@code /docs/../v1/accounts} cannot slip past the key check.
     */
    static String of(HttpServletRequest request) {
        String path = request.getServletPath();
        String info = request.getPathInfo();
        return info == null ? path : path + info;
    }

    static boolean isApi(String path) {
        return path.equals(PREFIX) || path.startsWith(PREFIX + "/");
    }
}
