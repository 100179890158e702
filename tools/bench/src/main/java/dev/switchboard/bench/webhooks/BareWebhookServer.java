package dev.switchboard.bench.webhooks;

import dev.switchboard.twilio.standin.TwilioSignature;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Map;

/**
 * P1's baseline: a bare Vert.x endpoint that parses the Messaging webhook's form and checks its signature as
 * webhook-ingest does, then answers 200 without Kafka. {@code BareWebhookServer <port> <authToken>}
 */
public final class BareWebhookServer {

    private BareWebhookServer() {
    }

    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        String authToken = args[1];
        String url = "http://127.0.0.1:" + port + InboundSms.PATH;
        Vertx.vertx().createHttpServer()
                .requestHandler(request -> handle(request, url, authToken))
                .listen(port)
                .onSuccess(server -> System.out.println("bare webhook server listening on " + port))
                .onFailure(failure -> {
                    failure.printStackTrace();
                    System.exit(1);
                });
    }

    private static void handle(HttpServerRequest request, String url, String authToken) {
        request.setExpectMultipart(true);
        request.endHandler(end -> {
            MultiMap form = request.formAttributes();
            Map<String, String> params = new HashMap<>();
            form.forEach(entry -> params.put(entry.getKey(), entry.getValue()));
            String given = request.getHeader("X-Twilio-Signature");
            boolean valid = given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                    TwilioSignature.of(authToken, url, params).getBytes(StandardCharsets.UTF_8));
            request.response().setStatusCode(valid ? 200 : 403)
                    .putHeader("Content-Type", "text/xml")
                    .end("<Response/>");
        });
    }
}
