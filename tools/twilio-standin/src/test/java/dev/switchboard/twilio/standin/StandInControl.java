package dev.switchboard.twilio.standin;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Talks to a stand-in over plain HTTP, as any test of another module or process would. */
final class StandInControl {

    private final HttpClient http = HttpClient.newHttpClient();
    private final String baseUrl;

    StandInControl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    JsonNode requests(String pathPrefix) {
        return json(send(HttpRequest.newBuilder(uri("/_standin/requests?pathPrefix="
                + URLEncoder.encode(pathPrefix, StandardCharsets.UTF_8))).GET()));
    }

    JsonNode violations() {
        return json(send(HttpRequest.newBuilder(uri("/_standin/violations")).GET()));
    }

    void clear() {
        send(HttpRequest.newBuilder(uri("/_standin/requests")).DELETE());
    }

    /** {@code GET /_standin/messages}: every Message resource, oldest first. */
    JsonNode messages() {
        return json(send(HttpRequest.newBuilder(uri("/_standin/messages")).GET()));
    }

    /** {@code GET /_standin/webhooks}: the webhooks the stand-in sent, in the order they left. */
    JsonNode webhooks() {
        return json(send(HttpRequest.newBuilder(uri("/_standin/webhooks")).GET()));
    }

    /** {@code POST /_standin/sms/inbound}: a handset texts {@code to}. */
    HttpResponse<byte[]> inboundSms(String from, String to, String body) {
        String json = Json.MAPPER.createObjectNode().put("from", from).put("to", to).put("body", body).toString();
        return send(HttpRequest.newBuilder(uri("/_standin/sms/inbound"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** {@code POST /_standin/sms/inbound} with a JSON body as given, e.g. with {@code media}. */
    HttpResponse<byte[]> inboundSms(JsonNode json) {
        return send(HttpRequest.newBuilder(uri("/_standin/sms/inbound"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.toString())));
    }

    /** {@code POST /_standin/drops}: start dropping webhooks. */
    HttpResponse<byte[]> drop(String json) {
        return send(HttpRequest.newBuilder(uri("/_standin/drops"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** {@code DELETE /_standin/drops}: stop dropping every kind. */
    HttpResponse<byte[]> stopDropping() {
        return send(HttpRequest.newBuilder(uri("/_standin/drops")).DELETE());
    }

    /** {@code GET /_standin/drops}: what is being dropped, and how many were. */
    JsonNode drops() {
        return json(send(HttpRequest.newBuilder(uri("/_standin/drops")).GET()));
    }

    /** {@code GET /_standin/dropped?kind=}: the webhooks dropped, in the order they were. */
    JsonNode dropped(String kind) {
        return json(send(HttpRequest.newBuilder(uri("/_standin/dropped?kind=" + kind)).GET()));
    }

    HttpResponse<byte[]> script(String json) {
        return send(HttpRequest.newBuilder(uri("/_standin/script"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    HttpResponse<byte[]> putMedia(String mediaSid, String contentType, byte[] bytes) {
        return putMediaNamed(mediaSid, contentType, "", bytes);
    }

    HttpResponse<byte[]> putMediaNamed(String mediaSid, String contentType, String filename, byte[] bytes) {
        String query = filename.isEmpty() ? "" : "?filename=" + URLEncoder.encode(filename, StandardCharsets.UTF_8);
        return send(HttpRequest.newBuilder(uri("/_standin/media/" + mediaSid + query))
                .header("Content-Type", contentType)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)));
    }

    HttpResponse<byte[]> get(String path, String user, String password) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return send(request);
    }

    HttpResponse<byte[]> postForm(String path, String user, String password, String form) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    static JsonNode json(HttpResponse<byte[]> response) {
        try {
            return Json.MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + new String(response.body(), StandardCharsets.UTF_8), e);
        }
    }

    private URI uri(String path) {
        return URI.create(baseUrl + path);
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
