package dev.switchboard.ingest.twilio;

import io.quarkus.runtime.StartupEvent;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * The one place that decides whether {@code X-Forwarded-Proto/Host/Port} say which URL Twilio called: only with
 * {@code SWITCHBOARD_TRUST_FORWARDED_HEADERS} on, and only when the TCP peer is one of
 * {@value TrustedProxies#VARIABLE}. From anyone else they are ignored: a client reaching the pod directly could
 * otherwise choose the URL a signature is checked against, and replay a signature Twilio made for another URL.
 * <p>
 * Quarkus' own proxy support ({@code quarkus.http.proxy.*}) is not used: with its trusted-proxies list empty it
 * believes every peer, it takes host names (resolved through DNS) where a typo goes unnoticed, and its refusals
 * name its own properties, not the variables operators set. Turned on, it would also replace the peer address with
 * {@code X-Forwarded-For} before this check sees it, so it is refused at start.
 */
@ApplicationScoped
public class ForwardedHeaders {

    static final String QUARKUS_FORWARDING = "quarkus.http.proxy.proxy-address-forwarding";

    private final boolean trustForwarded;
    private final TrustedProxies proxies;

    public ForwardedHeaders(WebhookConfig config) {
        this.trustForwarded = config.trustForwardedHeaders();
        this.proxies = TrustedProxies.parse(config.trustedProxies());
    }

    static void check(@Observes StartupEvent start, WebhookConfig webhooks, Config config) {
        check(webhooks.trustForwardedHeaders(), webhooks.trustedProxies(),
                config.getOptionalValue(QUARKUS_FORWARDING, Boolean.class).orElse(false));
    }

    /** @throws IllegalStateException naming the variable to fix */
    static void check(boolean trustForwarded, Optional<String> trustedProxies, boolean quarkusForwarding) {
        if (quarkusForwarding) {
            throw new IllegalStateException("QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING is on: Quarkus would take the"
                    + " peer address and Host from headers any client can send. Turn it off; webhook-ingest believes"
                    + " forwarded headers by SWITCHBOARD_TRUST_FORWARDED_HEADERS and " + TrustedProxies.VARIABLE + ".");
        }
        TrustedProxies proxies = TrustedProxies.parse(trustedProxies);
        if (trustForwarded && proxies.isEmpty()) {
            throw new IllegalStateException(TrustedProxies.VARIABLE + " is not set while"
                    + " SWITCHBOARD_TRUST_FORWARDED_HEADERS=true: anyone reaching the service directly could choose the"
                    + " URL Twilio's signature is checked against. Set it to the proxy's addresses (IPs or CIDR ranges,"
                    + " comma-separated), or turn SWITCHBOARD_TRUST_FORWARDED_HEADERS off.");
        }
    }

    /**
     * The base (scheme, host, port) the proxy was called at, when the request comes from a trusted proxy that says
     * so ({@code X-Forwarded-Host} present); empty otherwise.
     */
    Optional<String> base(HttpServerRequest request) {
        if (!trustForwarded || request.getHeader("X-Forwarded-Host") == null || !fromTrustedProxy(request)) {
            return Optional.empty();
        }
        String proto = first(request.getHeader("X-Forwarded-Proto"), request.scheme());
        String host = first(request.getHeader("X-Forwarded-Host"), request.host());
        String port = first(request.getHeader("X-Forwarded-Port"), null);
        boolean hostHasPort = host.matches(".*:\\d+$");
        return Optional.of(proto + "://" + host + (port == null || hostHasPort ? "" : ":" + port));
    }

    private boolean fromTrustedProxy(HttpServerRequest request) {
        SocketAddress peer = request.remoteAddress();
        return peer != null && proxies.trusts(peer.hostAddress());
    }

    /** A proxy may append to these headers ("a, b"): the first value is what the client, Twilio, used. */
    private static String first(String header, String fallback) {
        return header == null || header.isBlank() ? fallback : header.split(",")[0].trim();
    }
}
