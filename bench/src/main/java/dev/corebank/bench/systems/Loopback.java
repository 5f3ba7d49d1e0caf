package dev.corebank.bench.systems;

import java.net.URI;

/** The benchmark sends traffic to this machine only; these checks refuse any other target before a byte is sent. */
public final class Loopback {
    private Loopback() {
    }

    public static boolean isLoopbackHost(String host) {
        if (host == null) {
            return false;
        }
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return bare.equals("localhost") || bare.equals("::1") || bare.matches("127(\\.\\d{1,3}){3}");
    }

    /** Accepts {@code jdbc:postgresql://host[:port]/database} with a loopback host. */
    public static String requireJdbcUrl(String url) {
        if (url == null || !url.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException("expected a jdbc:postgresql:// URL url=" + url);
        }
        URI uri = URI.create(url.substring("jdbc:".length()));
        if (!isLoopbackHost(uri.getHost())) {
            throw new IllegalArgumentException("the benchmark only targets loopback; host=" + uri.getHost());
        }
        return url;
    }
}
