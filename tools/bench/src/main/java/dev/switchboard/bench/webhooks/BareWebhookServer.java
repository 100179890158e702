package dev.switchboard.bench.webhooks;

/**
 * P1's reference without durable work: a bare Vert.x endpoint that parses the Messaging webhook's form and checks its
 * signature as webhook-ingest does, then answers 200 without Kafka. {@code BareWebhookServer <port> <authToken>}
 */
public final class BareWebhookServer {

    private BareWebhookServer() {
    }

    public static void main(String[] args) {
        SignedForm.serve(Integer.parseInt(args[0]), args[1], (request, params) -> SignedForm.answer(request, 200));
    }
}
