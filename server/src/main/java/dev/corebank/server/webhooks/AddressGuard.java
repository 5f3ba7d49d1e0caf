package dev.corebank.server.webhooks;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Refuses webhook targets that would let a subscriber reach inside the bank (server-side request forgery): a URL
 * whose host resolves to a loopback, private, link-local (cloud metadata at 169.254.169.254 included), unique-local,
 * carrier-grade NAT, multicast or unspecified address. The check runs after DNS resolution, on every address the name
 * has, at creation and before every attempt. Hosts and CIDR ranges in {@code corebank.webhooks.allowed-hosts} are let
 * through all the same.
 *
 * <p>The HTTP client resolves the name again when it connects, so a name whose answer changes between the two
 * lookups (DNS rebinding) is not caught here; docs/webhooks.md says so.
 */
final class AddressGuard {
    private final List<String> allowedHostNames = new ArrayList<>();
    private final List<Cidr> allowedRanges = new ArrayList<>();
    private final Resolver resolver;

    /** Name resolution, a seam so the rules can be tested on every kind of address without a DNS server. */
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** Why a target was refused; the message names the host and the address. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    AddressGuard(List<String> allowedHosts) {
        this(allowedHosts, InetAddress::getAllByName);
    }

    AddressGuard(List<String> allowedHosts, Resolver resolver) {
        this.resolver = resolver;
        for (String allowed : allowedHosts) {
            if (allowed.contains("/") || isLiteralAddress(allowed)) {
                allowedRanges.add(Cidr.parse(allowed));
            } else {
                allowedHostNames.add(allowed.toLowerCase(Locale.ROOT));
            }
        }
    }

    /** Checks the URL's form: http or https, a host, no user information. Throws IllegalArgumentException. */
    static URI parse(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException malformed) {
            throw new IllegalArgumentException("the url is not a URI url=" + url);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new IllegalArgumentException("a webhook url is http or https scheme=" + uri.getScheme());
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException("a webhook url names a host url=" + url);
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("a webhook url carries no user information");
        }
        if (uri.getRawFragment() != null) {
            throw new IllegalArgumentException("a webhook url has no fragment");
        }
        return uri;
    }

    /** Resolves the URL's host and refuses it unless every address it has is public, or it is allowed. */
    void check(URI target) throws Refused {
        String host = bareHost(target.getHost());
        if (allowedHostNames.contains(host.toLowerCase(Locale.ROOT))) {
            return;
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException unknown) {
            throw new Refused("the host does not resolve host=" + host);
        }
        if (addresses.length == 0) {
            throw new Refused("the host does not resolve host=" + host);
        }
        for (InetAddress address : addresses) {
            if (allowedRanges.stream().anyMatch(range -> range.contains(address))) {
                continue;
            }
            String kind = internalKind(address);
            if (kind != null) {
                throw new Refused("the host resolves to a " + kind + " address; allow it in"
                        + " corebank.webhooks.allowed-hosts to deliver there host=" + host + " address="
                        + address.getHostAddress());
            }
        }
    }

    /** What kind of internal address this is, or null for a public one. */
    static String internalKind(InetAddress address) {
        if (address.isLoopbackAddress()) {
            return "loopback";
        }
        if (address.isAnyLocalAddress()) {
            return "unspecified";
        }
        if (address.isLinkLocalAddress()) {
            return "link-local";
        }
        if (address.isSiteLocalAddress()) {
            return "private";
        }
        if (address.isMulticastAddress()) {
            return "multicast";
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            return internalIpv4(bytes);
        }
        if (address instanceof Inet6Address) {
            return internalIpv6(bytes);
        }
        return null;
    }

    private static String internalIpv4(byte[] bytes) {
        int first = bytes[0] & 0xff;
        int second = bytes[1] & 0xff;
        if (first == 0) {
            return "unspecified";
        }
        if (first == 100 && second >= 64 && second <= 127) {
            return "carrier-grade NAT";
        }
        if (first == 192 && second == 0 && (bytes[2] & 0xff) == 0) {
            return "reserved";
        }
        if (first == 198 && (second == 18 || second == 19)) {
            return "reserved";
        }
        if (first >= 240) {
            return "reserved";
        }
        return null;
    }

    private static String internalIpv6(byte[] bytes) {
        if ((bytes[0] & 0xfe) == 0xfc) {
            return "unique-local";
        }
        boolean mapped = true;
        for (int i = 0; i < 10; i++) {
            mapped &= bytes[i] == 0;
        }
        if (mapped && (bytes[10] & 0xff) == 0xff && (bytes[11] & 0xff) == 0xff) {
            try {
                InetAddress inner = InetAddress.getByAddress(new byte[] {bytes[12], bytes[13], bytes[14], bytes[15]});
                return internalKind(inner);
            } catch (UnknownHostException impossible) {
                throw new IllegalStateException("four bytes are an IPv4 address", impossible);
            }
        }
        return null;
    }

    private static String bareHost(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static boolean isLiteralAddress(String text) {
        return text.matches("[0-9.]+") || text.contains(":");
    }

    /** An address range: an address and how many leading bits must match. */
    record Cidr(byte[] network, int prefixBits) {
        static Cidr parse(String text) {
            String[] parts = text.split("/", 2);
            InetAddress address;
            try {
                if (!isLiteralAddress(parts[0])) {
                    throw new IllegalArgumentException("a CIDR range starts with an address range=" + text);
                }
                address = InetAddress.getByName(bareHost(parts[0]));
            } catch (UnknownHostException malformed) {
                throw new IllegalArgumentException("not an address range=" + text);
            }
            int bitsMax = address.getAddress().length * 8;
            int bits = parts.length == 2 ? Integer.parseInt(parts[1].trim()) : bitsMax;
            if (bits < 0 || bits > bitsMax) {
                throw new IllegalArgumentException("a CIDR prefix is 0 to " + bitsMax + " bits range=" + text);
            }
            return new Cidr(address.getAddress(), bits);
        }

        boolean contains(InetAddress address) {
            byte[] candidate = address.getAddress();
            if (candidate.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < prefixBits; bit++) {
                int mask = 0x80 >>> (bit % 8);
                if ((candidate[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
