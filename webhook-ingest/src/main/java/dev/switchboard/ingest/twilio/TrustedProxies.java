package dev.switchboard.ingest.twilio;

import io.smallrye.common.net.CidrAddress;
import io.smallrye.common.net.Inet;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The peers whose {@code X-Forwarded-*} headers are believed: {@value #VARIABLE}, comma-separated IP addresses and
 * CIDR ranges, IPv4 and IPv6 ({@code 10.0.0.7, 10.244.0.0/16, fd00::/8}). Only literal addresses: a host name would
 * be resolved through DNS, which decides nothing about who connected, and a typo would go unnoticed.
 */
final class TrustedProxies {

    static final String VARIABLE = "SWITCHBOARD_TRUSTED_PROXIES";

    private final List<CidrAddress> ranges;

    private TrustedProxies(List<CidrAddress> ranges) {
        this.ranges = ranges;
    }

    /** @throws IllegalStateException naming {@value #VARIABLE} and the entry that is neither an address nor a range */
    static TrustedProxies parse(Optional<String> setting) {
        return new TrustedProxies(setting.stream()
                .flatMap(value -> Arrays.stream(value.split(",")))
                .map(String::trim)
                .filter(entry -> !entry.isEmpty())
                .map(TrustedProxies::range)
                .toList());
    }

    boolean isEmpty() {
        return ranges.isEmpty();
    }

    /** @param peer the TCP peer's address as text ({@code HttpServerRequest.remoteAddress().hostAddress()}) */
    boolean trusts(String peer) {
        InetAddress address = peer == null ? null : Inet.parseInetAddress(peer);
        if (address == null) {
            return false;
        }
        InetAddress unmapped = ipv4Of(address);
        return ranges.stream().anyMatch(range -> range.matches(unmapped));
    }

    private static CidrAddress range(String entry) {
        try {
            CidrAddress range = entry.contains("/") ? Inet.parseCidrAddress(entry) : single(entry);
            if (range != null) {
                return range;
            }
        } catch (RuntimeException e) {
            // a prefix longer than the address (10.0.0.0/33) or not a number: refused below, like any other
        }
        throw new IllegalStateException(VARIABLE + " has \"" + entry + "\", which is neither an IP address nor a CIDR"
                + " range: list the proxy's addresses, comma-separated (e.g. 10.0.0.7, 10.244.0.0/16, fd00::/8).");
    }

    private static CidrAddress single(String entry) {
        InetAddress address = Inet.parseInetAddress(entry);
        return address == null ? null : CidrAddress.create(address, address.getAddress().length * 8);
    }

    /** An IPv4 peer on a dual-stack socket may show as {@code ::ffff:a.b.c.d}: it is matched as the IPv4 address. */
    private static InetAddress ipv4Of(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (!(address instanceof Inet6Address) || bytes[10] != (byte) 0xff || bytes[11] != (byte) 0xff) {
            return address;
        }
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return address;
            }
        }
        return Inet.getInet4Address(bytes[12] & 0xff, bytes[13] & 0xff, bytes[14] & 0xff, bytes[15] & 0xff);
    }
}
