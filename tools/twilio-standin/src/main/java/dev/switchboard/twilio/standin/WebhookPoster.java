package dev.switchboard.twilio.standin;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Sends a webhook the way Twilio does: a form body (or, for {@code GET}, the query string), signed with
 * {@code X-Twilio-Signature} when a token is known, over HTTP/1.1 on kept-alive connections.
 * <p>
 * Each request blocks one of the poster's {@value #THREADS} threads on {@link HttpURLConnection}. The JDK's
 * asynchronous {@code java.net.http.HttpClient} cost about five times the CPU per webhook (docs/benchmarks-history.md,
 * "The stand-in's webhooks and its Messages list"): on a machine of one or two CPUs it starts a thread for each
 * response, and over plain http it asks the receiver to upgrade to HTTP/2, which Quarkus accepts. The body is written
 * with its length announced, so a request that fails on a kept-alive connection is not sent a second time: Twilio
 * does not resend a status callback.
 */
public final class WebhookPoster implements AutoCloseable {

    /** The most webhooks in flight at once; more wait their turn, as at a sender with a connection limit. */
    static final int THREADS = 64;
    private static final int CONNECT_TIMEOUT_MILLIS = 2_000;

    /** The receiver's answer. */
    public record Answer(int statusCode, String body) {
    }

    private final Optional<String> authToken;
    private final Duration timeout;
    private final ThreadPoolExecutor threads;

    public WebhookPoster(Optional<String> authToken) {
        this(authToken, Duration.ofSeconds(15));
    }

    WebhookPoster(Optional<String> authToken, Duration timeout) {
        this.authToken = authToken;
        this.timeout = timeout;
        AtomicInteger count = new AtomicInteger();
        this.threads = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                runnable -> {
                    Thread thread = new Thread(runnable, "twilio-standin-webhook-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        threads.allowCoreThreadTimeOut(true);
    }

    public CompletableFuture<Answer> post(String url, Map<String, String> params) {
        String signature = authToken.map(token -> TwilioSignature.of(token, url, params)).orElse(null);
        return send("POST", url, form(params), signature);
    }

    /** The parameters in the query string; the signature then covers the whole URL and no body parameters. */
    CompletableFuture<Answer> get(String url, Map<String, String> params) {
        String full = params.isEmpty() ? url : url + (url.contains("?") ? "&" : "?") + form(params);
        String signature = authToken.map(token -> TwilioSignature.of(token, full, Map.of())).orElse(null);
        return send("GET", full, null, signature);
    }

    private CompletableFuture<Answer> send(String method, String url, String form, String signature) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return exchange(method, url, form, signature);
            } catch (IOException e) {
                throw new UncheckedIOException(method + " " + url + ": " + e.getMessage(), e);
            }
        }, threads);
    }

    private Answer exchange(String method, String url, String form, String signature) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection(Proxy.NO_PROXY);
        connection.setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
        connection.setReadTimeout((int) timeout.toMillis());
        connection.setInstanceFollowRedirects(false);
        connection.setUseCaches(false);
        connection.setRequestMethod(method);
        connection.setRequestProperty("User-Agent", "TwilioProxy/1.1");
        connection.setRequestProperty("Accept", "*/*");
        connection.setRequestProperty("I-Twilio-Idempotency-Token", UUID.randomUUID().toString());
        if (signature != null) {
            connection.setRequestProperty("X-Twilio-Signature", signature);
        }
        if (form != null) {
            byte[] body = form.getBytes(StandardCharsets.UTF_8);
            connection.setRequestProperty("Content-Type", "application/x-www-form-urlencoded");
            connection.setDoOutput(true);
            connection.setFixedLengthStreamingMode(body.length);
            try (OutputStream out = connection.getOutputStream()) {
                out.write(body);
            }
        }
        int status = connection.getResponseCode();
        // Read to the end and close, not disconnect: that is what returns the connection to be kept alive.
        try (InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
            return new Answer(status, in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** Stops the poster's threads; a webhook still in flight fails. */
    @Override
    public void close() {
        threads.shutdownNow();
    }

    static String form(Map<String, String> params) {
        return params.entrySet().stream()
                .map(param -> encode(param.getKey()) + "=" + encode(param.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
