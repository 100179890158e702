package dev.switchboard.twilio.standin;

import com.sun.net.httpserver.HttpServer;
import com.twilio.security.RequestValidator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A small local HTTP server that takes webhooks as a Twilio customer's server would, and keeps each. */
final class WebhookReceiver implements AutoCloseable {

    /**
     * One webhook as the receiver saw it.
     *
     * @param url    the URL as called (what Twilio signs), query included
     * @param params the form body of a POST, the query of a GET
     */
    record Received(String method, String path, String url, Map<String, String> params, String signature) {

        String eventType() {
            return params.get("EventType");
        }

        String param(String name) {
            return params.get(name);
        }

        /** Checked with the Twilio SDK's own validator: for GET the signature covers the URL alone. */
        boolean signedWith(String authToken) {
            return new RequestValidator(authToken).validate(url, method.equals("GET") ? Map.of() : params, signature);
        }
    }

    private final HttpServer server;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();

    WebhookReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String query = exchange.getRequestURI().getRawQuery();
            Map<String, String> params = new LinkedHashMap<>();
            StandInRequest.decodeForm(exchange.getRequestMethod().equals("GET") ? (query == null ? "" : query) : body)
                    .forEach((name, values) -> params.put(name, values.get(0)));
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    baseUrl() + exchange.getRequestURI(), params,
                    exchange.getRequestHeaders().getFirst("X-Twilio-Signature")));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    String url(String path) {
        return baseUrl() + path;
    }

    /** The next webhook, waiting up to 10 s for it. */
    Received next() {
        try {
            Received next = received.poll(10, TimeUnit.SECONDS);
            if (next == null) {
                throw new AssertionError("no webhook arrived within 10 s");
            }
            return next;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The next {@code count} webhooks, in arrival order. */
    List<Received> next(int count) {
        List<Received> next = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            next.add(next());
        }
        return next;
    }

    /** Everything that arrives within {@code millis}: to show that nothing (more) came. */
    List<Received> within(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Received> drained = new ArrayList<>();
        received.drainTo(drained);
        return drained;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
