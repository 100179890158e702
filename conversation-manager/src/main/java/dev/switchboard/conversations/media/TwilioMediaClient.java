package dev.switchboard.conversations.media;

import dev.switchboard.conversations.twilio.TwilioConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;

/**
 * Fetches media bytes from Twilio with HTTP Basic auth (Account SID + Auth Token), through the allowlist of
 * {@link TwilioMediaUrls}. Redirects are followed by hand: each hop is checked like the first URL and none is sent the
 * credentials (Twilio redirects media to its CDN, which needs none). A 404 is retried briefly: Twilio may announce
 * media just before it serves it.
 */
@ApplicationScoped
public class TwilioMediaClient {

    private final WebClient client;
    private final TwilioMediaUrls urls;
    private final MediaConfig config;
    private final TwilioConfig twilio;

    public TwilioMediaClient(Vertx vertx, MediaConfig config, TwilioConfig twilio) {
        this.client = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false));
        this.urls = new TwilioMediaUrls(config.allowedHosts(), twilio.apiBaseUrl());
        this.config = config;
        this.twilio = twilio;
    }

    /** Fails with {@link MediaRefusedException}; nothing is requested when the URL is not allowed. */
    public Uni<Downloaded> download(String url) {
        return Uni.createFrom().deferred(() -> fetch(url, true, 0))
                .onFailure(NotThereYet.class).retry().withBackOff(config.notFoundDelay()).atMost(config.notFoundRetries())
                .onFailure(NotThereYet.class).transform(e -> new MediaRefusedException(e.getMessage(), true));
    }

    private Uni<Downloaded> fetch(String url, boolean withCredentials, int hop) {
        HttpRequest<Buffer> request = client.getAbs(urls.requestUrl(url)).timeout(config.requestTimeout().toMillis());
        if (withCredentials) {
            request.basicAuthentication(twilio.accountSid(), twilio.authToken());
        }
        return request.send()
                .onFailure(failure -> !(failure instanceof MediaRefusedException))
                .transform(e -> new MediaRefusedException("fetching " + url + " failed: " + e.getMessage(), true))
                .chain(response -> answer(url, response, hop));
    }

    private Uni<Downloaded> answer(String url, HttpResponse<Buffer> response, int hop) {
        int status = response.statusCode();
        if (status >= 300 && status < 400 && response.getHeader(HttpHeaders.LOCATION.toString()) != null) {
            if (hop >= config.maxRedirects()) {
                throw new MediaRefusedException("too many redirects from " + url, false);
            }
            String next = URI.create(url).resolve(response.getHeader(HttpHeaders.LOCATION.toString())).toString();
            return fetch(next, false, hop + 1);
        }
        if (status == 404) {
            throw new NotThereYet(url);
        }
        if (status != 200) {
            throw new MediaRefusedException("Twilio answered " + status + " for " + url, status == 429 || status >= 500);
        }
        Buffer body = response.body() == null ? Buffer.buffer() : response.body();
        if (body.length() > config.maxBytes()) {
            throw new MediaRefusedException(url + " is " + body.length() + " bytes, over " + config.maxBytes(), false);
        }
        return Uni.createFrom().item(new Downloaded(body.getBytes(), response.getHeader("Content-Type")));
    }

    /** The bytes and the Content-Type Twilio claimed for them. */
    public record Downloaded(byte[] bytes, String claimedType) {
    }

    private static final class NotThereYet extends RuntimeException {
        NotThereYet(String url) {
            super("Twilio answered 404 for " + url, null, false, false);
        }
    }
}
