package io.linkport.webhooks;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * Where webhooks may go. Strict (production): only {@code https}, and never an address inside the
 * server's own networks — loopback, private, carrier-grade NAT, link-local (which holds the cloud
 * metadata service at 169.254.169.254), unique-local IPv6, multicast, unspecified or reserved —
 * including those addresses hidden inside IPv4-mapped, IPv4-compatible, NAT64 and 6to4 IPv6
 * addresses. Sandbox: plain {@code http} and loopback are allowed too, so a tenant can point a
 * test endpoint at a receiver on its own laptop; everything else stays forbidden.
 */
public record AddressPolicy(boolean strict) {

    public static final AddressPolicy STRICT = new AddressPolicy(true);
    public static final AddressPolicy SANDBOX = new AddressPolicy(false);

    /** Why {@code address} may not be contacted, or empty when it may. */
    public Optional<String> refusal(InetAddress address) {
        if (address.isLoopbackAddress()) {
            return strict ? Optional.of("loopback address") : Optional.empty();
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet6Address) {
            byte[] embedded = embeddedIpv4(b);
            if (embedded != null) {
                try {
                    return refusal(InetAddress.getByAddress(embedded)).map(reason -> reason + " (embedded in IPv6)");
                } catch (UnknownHostException e) {
                    return Optional.of("unreadable address");
                }
            }
            if ((b[0] & 0xfe) == 0xfc) {
                return Optional.of("unique-local address");
            }
        }
        if (address.isAnyLocalAddress()) {
            return Optional.of("unspecified address");
        }
        if (address.isLinkLocalAddress()) {
            return Optional.of("link-local address (cloud metadata lives here)");
        }
        if (address.isSiteLocalAddress()) {
            return Optional.of("private address");
        }
        if (address.isMulticastAddress()) {
            return Optional.of("multicast address");
        }
        if (address instanceof Inet4Address) {
            return ipv4Refusal(b);
        }
        if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x01 && b[2] == 0x0d && (b[3] & 0xff) == 0xb8) {
            return Optional.of("documentation address");
        }
        return Optional.empty();
    }

    private static Optional<String> ipv4Refusal(byte[] b) {
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        if (first == 0) {
            return Optional.of("'this network' address");
        }
        if (first == 100 && second >= 64 && second <= 127) {
            return Optional.of("carrier-grade NAT address");
        }
        if (first == 192 && second == 0 && (b[2] & 0xff) == 0) {
            return Optional.of("IETF protocol address");
        }
        if (first == 198 && (second == 18 || second == 19)) {
            return Optional.of("benchmarking address");
        }
        if (first >= 240) {
            return Optional.of("reserved address");
        }
        return Optional.empty();
    }

    /** The IPv4 address inside an IPv4-mapped, IPv4-compatible, NAT64 (64:ff9b::/96) or 6to4 address. */
    private static byte[] embeddedIpv4(byte[] b) {
        boolean zeroPrefix = true;
        for (int i = 0; i < 10; i++) {
            zeroPrefix &= b[i] == 0;
        }
        boolean mapped = zeroPrefix && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
        boolean compatible = zeroPrefix && b[10] == 0 && b[11] == 0 && !(b[12] == 0 && b[13] == 0 && b[14] == 0);
        boolean nat64 = b[0] == 0 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b;
        if (mapped || compatible || nat64) {
            return new byte[] {b[12], b[13], b[14], b[15]};
        }
        if (b[0] == 0x20 && b[1] == 0x02) {
            return new byte[] {b[2], b[3], b[4], b[5]};
        }
        return null;
    }

    /**
     * Checks a URL's text when it is registered: scheme, and the host when it is an IP literal or
     * a name that can only mean this machine or its network. Names are resolved again at every
     * delivery ({@link SafeHttpClient}), because DNS can change after registration.
     */
    public Optional<String> urlRefusal(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (Exception e) {
            return Optional.of("must be a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || uri.getRawUserInfo() != null || !(scheme.equals("https") || scheme.equals("http"))) {
            return Optional.of("must be an absolute http(s) URL with a host and no user info");
        }
        if (strict && !scheme.equals("https")) {
            return Optional.of("must use https in production mode");
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (isIpLiteral(host)) {
            try {
                return refusal(InetAddress.getByName(host)).map(reason -> "must not point at a " + reason);
            } catch (UnknownHostException e) {
                return Optional.of("must be a valid URL");
            }
        }
        boolean local = host.equals("localhost") || host.endsWith(".localhost");
        if (strict && (local || host.endsWith(".internal") || host.endsWith(".local") || !host.contains("."))) {
            return Optional.of("must not point at an internal host name");
        }
        return Optional.empty();
    }

    /** Only digits, dots and hex/colons: resolving it is parsing, no DNS query is made. */
    private static boolean isIpLiteral(String host) {
        return host.contains(":") || host.matches("[0-9.]+");
    }
}
