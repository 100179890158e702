package dev.switchboard.ingest.twilio;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/**
 * How webhook requests are received. {@code application.properties} maps the short env names users know,
 * {@code SWITCHBOARD_PUBLIC_URL}, {@code SWITCHBOARD_TRUST_FORWARDED_HEADERS} and {@code SWITCHBOARD_TRUSTED_PROXIES},
 * onto these properties.
 */
@ConfigMapping(prefix = "switchboard.webhooks")
public interface WebhookConfig {

    /**
     * The base URL Twilio is given (scheme, host, optional port), e.g. {@code https://hooks.example.com}; when unset,
     * the request's own scheme and Host header are used (right for local development, wrong behind a rewriting proxy).
     */
    Optional<String> publicUrl();

    /**
     * Build the signed URL from {@code X-Forwarded-Proto/Host/Port} when a {@link #trustedProxies() trusted proxy}
     * sends them; only behind a proxy that sets them.
     */
    @WithDefault("false")
    boolean trustForwardedHeaders();

    /**
     * The peers whose forwarded headers are believed: IP addresses and CIDR ranges, comma-separated (IPv4 and IPv6).
     * Required when {@link #trustForwardedHeaders()} is on ({@link ForwardedHeaders} refuses to start without it).
     */
    Optional<String> trustedProxies();

    /** Largest accepted webhook body; Twilio sends up to ~32 KB (Conversations) and ~6.4 KB (a full-length emoji SMS). */
    @WithDefault("64K")
    MemorySize maxBodySize();
}
