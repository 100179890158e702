package dev.switchboard.bench.webhooks;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/** Posts signed inbound-SMS webhooks to one endpoint over a pool of kept-alive connections, each with a new sid. */
public final class WebhookClient {

    private static final long STARTED_SECOND = System.currentTimeMillis() / 1000;
    private static final AtomicLong STRANGERS = new AtomicLong();

    private final HttpClient client;
    private final int port;
    private final String signedUrl;
    private final String authToken;
    private final String sidPrefix = String.format("SM%08x", ThreadLocalRandom.current().nextInt());
    private final AtomicLong sequence = new AtomicLong();

    /** {@code signedUrl}: the URL the receiver believes it was called at (webhook-ingest: its public URL + path). */
    public WebhookClient(Vertx vertx, int port, String signedUrl, String authToken, int connections) {
        this.port = port;
        this.signedUrl = signedUrl;
        this.authToken = authToken;
        this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
                new PoolOptions().setHttp1MaxSize(connections));
    }

    public String nextSid() {
        return sidPrefix + String.format("%024x", sequence.incrementAndGet());
    }

    /** Answers the HTTP status. */
    public Future<Integer> send(String messageSid, String from, String to) {
        InboundSms sms = InboundSms.of(signedUrl, authToken, messageSid, from, to);
        return client.request(HttpMethod.POST, port, "127.0.0.1", InboundSms.PATH)
                .compose(request -> request.putHeader("Content-Type", "application/x-www-form-urlencoded")
                        .putHeader("X-Twilio-Signature", sms.signature())
                        .send(sms.form()))
                .compose(response -> response.body().map(body -> response.statusCode()));
    }

    /**
     * A number no user has, so every message comes from a stranger, as most of Twilio's traffic does; a new one each
     * time, so each stranger asks for the "not registered" hint (one per sender per hour). Unique across a bench's runs
     * too, which share a database and start seconds apart: 15 digits, the process's start second then a sequence.
     */
    public static String strangerNumber() {
        return "+1555" + String.format("%05d%06d", STARTED_SECOND % 100_000, STRANGERS.incrementAndGet() % 1_000_000);
    }
}
