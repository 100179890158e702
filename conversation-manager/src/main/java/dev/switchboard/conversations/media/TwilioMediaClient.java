package dev.switchboard.conversations.media;

import dev.switchboard.twilio.TwilioConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.http.HttpClient;
import io.vertx.mutiny.core.http.HttpClientRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Fetches media bytes from Twilio with HTTP Basic auth (Account SID + Auth Token), through the allowlist of
 * {@link TwilioMediaUrls}. Redirects are followed by hand: each hop is checked like the first URL and none is sent the
 * credentials (Twilio redirects media to its CDN, which needs none). A 404 is retried briefly: Twilio may announce
 * media just before it serves it. The body is read only up to {@code max-bytes}: a longer one, announced or not, is
 * cut off there and its connection closed, so a huge or endless answer never sits in memory.
 */
@ApplicationScoped
public class TwilioMediaClient {

    private final HttpClient client;
    private final TwilioMediaUrls urls;
    private final MediaConfig config;
    private final String basicAuth;

    public TwilioMediaClient(Vertx vertx, MediaConfig config, TwilioConfig twilio) {
        // Vert.x keeps 5 connections per host by default: the channel's downloads beyond 5 would queue for one, and
        // that wait counts against their request timeout. As many as the channel runs, and one for the retry job.
        this.client = vertx.createHttpClient(new PoolOptions().setHttp1MaxSize(config.maxInFlight() + 1));
        this.urls = new TwilioMediaUrls(config.allowedHosts(), twilio.apiBaseUrl());
        this.config = config;
        this.basicAuth = "Basic " + Base64.getEncoder().encodeToString((twilio.accountSid() + ":" + twilio.authToken())
                .getBytes(StandardCharsets.UTF_8));
    }

    /** Fails with {@link MediaRefusedException}; nothing is requested when the URL is not allowed. */
    public Uni<Downloaded> download(String url) {
        return Uni.createFrom().deferred(() -> fetch(url, true, 0))
                .onFailure(NotThereYet.class).retry().withBackOff(config.notFoundDelay()).atMost(config.notFoundRetries())
                .onFailure(NotThereYet.class).transform(e -> new MediaRefusedException(e.getMessage(), true));
    }

    private Uni<Downloaded> fetch(String url, boolean withCredentials, int hop) {
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(urls.requestUrl(url))
                .setTimeout(config.requestTimeout().toMillis());
        if (withCredentials) {
            request.putHeader(HttpHeaders.AUTHORIZATION, basicAuth);
        }
        return client.request(request)
                .chain(HttpClientRequest::send)
                .onFailure(failure -> !(failure instanceof MediaRefusedException))
                .transform(e -> new MediaRefusedException("fetching " + url + " failed: " + e.getMessage(), true))
                .chain(response -> answer(url, response.getDelegate(), hop));
    }

    private Uni<Downloaded> answer(String url, HttpClientResponse response, int hop) {
        int status = response.statusCode();
        String location = response.getHeader(HttpHeaders.LOCATION);
        if (status != 200) {
            abandon(response);
        }
        if (status >= 300 && status < 400 && location != null) {
            if (hop >= config.maxRedirects()) {
                throw new MediaRefusedException("too many redirects from " + url, false);
            }
            return fetch(URI.create(url).resolve(location).toString(), false, hop + 1);
        }
        if (status == 404) {
            throw new NotThereYet(url);
        }
        if (status != 200) {
            throw new MediaRefusedException("Twilio answered " + status + " for " + url, status == 429 || status >= 500);
        }
        return body(url, response);
    }

    private Uni<Downloaded> body(String url, HttpClientResponse response) {
        String announced = response.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (announced != null && announced.matches("\\d{1,18}") && Long.parseLong(announced) > config.maxBytes()) {
            abandon(response);
            throw tooLarge(url, announced + " bytes announced");
        }
        return Uni.createFrom().emitter(emitter -> {
            Buffer body = Buffer.buffer();
            response.exceptionHandler(emitter::fail);
            response.handler(chunk -> {
                if (body.length() + chunk.length() > config.maxBytes()) {
                    abandon(response);
                    emitter.fail(tooLarge(url, "more bytes sent"));
                } else {
                    body.appendBuffer(chunk);
                }
            });
            response.endHandler(end -> emitter.complete(new Downloaded(body.getBytes(),
                    response.getHeader(HttpHeaders.CONTENT_TYPE))));
        });
    }

    /** An answer whose body is not wanted: the stream is reset rather than drained, since the body could be endless. */
    private static void abandon(HttpClientResponse response) {
        response.handler(null);
        response.exceptionHandler(resetByUs -> {
        });
        response.request().reset();
    }

    private MediaRefusedException tooLarge(String url, String seen) {
        return new MediaRefusedException(url + " is over " + config.maxBytes() + " bytes (" + seen
                + "); reading stopped there", false);
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
