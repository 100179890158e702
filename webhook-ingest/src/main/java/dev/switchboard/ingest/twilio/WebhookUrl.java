package dev.switchboard.ingest.twilio;

import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** The URL Twilio called, as Twilio signed it: the public base, then the path and query exactly as received. */
@ApplicationScoped
public class WebhookUrl {

    private final WebhookConfig config;
    private final Optional<String> publicBase;

    public WebhookUrl(WebhookConfig config) {
        this.config = config;
        this.publicBase = config.publicUrl().map(url -> url.replaceFirst("/+$", ""));
    }

    public String of(HttpServerRequest request) {
        return base(request) + request.uri();
    }

    private String base(HttpServerRequest request) {
        if (config.trustForwardedHeaders() && request.getHeader("X-Forwarded-Host") != null) {
            return forwardedBase(request);
        }
        return publicBase.orElseGet(() -> request.scheme() + "://" + request.host());
    }

    /** A proxy may append to these headers ("a, b"): the first value is what the client, Twilio, used. */
    private static String forwardedBase(HttpServerRequest request) {
        String proto = first(request.getHeader("X-Forwarded-Proto"), request.scheme());
        String host = first(request.getHeader("X-Forwarded-Host"), request.host());
        String port = first(request.getHeader("X-Forwarded-Port"), null);
        boolean hostHasPort = host.matches(".*:\\d+$");
        return proto + "://" + host + (port == null || hostHasPort ? "" : ":" + port);
    }

    private static String first(String header, String fallback) {
        return header == null || header.isBlank() ? fallback : header.split(",")[0].trim();
    }
}
