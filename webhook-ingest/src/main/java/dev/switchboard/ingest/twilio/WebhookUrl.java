package dev.switchboard.ingest.twilio;

import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * The URL Twilio called, as Twilio signed it: the base a trusted proxy forwarded ({@link ForwardedHeaders}), else
 * the public base, else the request's own; then the path and query exactly as received.
 */
@ApplicationScoped
public class WebhookUrl {

    private final ForwardedHeaders forwarded;
    private final Optional<String> publicBase;

    public WebhookUrl(WebhookConfig config, ForwardedHeaders forwarded) {
        this.forwarded = forwarded;
        this.publicBase = config.publicUrl().map(url -> url.replaceFirst("/+$", ""));
    }

    public String of(HttpServerRequest request) {
        return base(request) + request.uri();
    }

    private String base(HttpServerRequest request) {
        return forwarded.base(request)
                .or(() -> publicBase)
                .orElseGet(() -> request.scheme() + "://" + request.host());
    }
}
