package dev.switchboard.testing;

import static io.restassured.RestAssured.given;

import io.restassured.common.mapper.TypeRef;
import io.restassured.http.ContentType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The Twilio stand-in's control API as a service's tests use it (the stand-in {@link TwilioStandInTestResource}
 * started, at {@code twilio.api-base-url}). Tests share one stand-in: they find their requests by unique values.
 */
public final class StandIn {

    /** The account the tests' services are configured with. */
    public static final String ACCOUNT_SID = "AC00000000000000000000000000000000";

    private StandIn() {
    }

    public static String baseUrl() {
        return ConfigProvider.getConfig().getValue("twilio.api-base-url", String.class);
    }

    /** Makes the stand-in serve {@code bytes} as media {@code mediaSid}. */
    public static void putMedia(String mediaSid, String contentType, byte[] bytes) {
        given().baseUri(baseUrl()).contentType(contentType).body(bytes)
                .when().put("/_standin/media/{sid}", mediaSid)
                .then().statusCode(org.hamcrest.Matchers.lessThan(300));
    }

    /** The Twilio URL of a media item, as a Messaging webhook's MediaUrlN gives it. */
    public static String mediaUrl(String messageSid, String mediaSid) {
        return "https://api.twilio.com/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages/" + messageSid + "/Media/"
                + mediaSid;
    }

    /** Makes the stand-in give the next request whose path ends with {@code pathSuffix} this answer instead. */
    public static void answer(String pathSuffix, int status, Map<String, String> headers, String body) {
        script(Map.of("pathRegex", Pattern.quote(pathSuffix) + "$", "status", status, "headers", headers,
                "body", body));
    }

    /** The next {@code times} requests to Twilio's Messages API get this answer (status 0: the real one, late). */
    public static void scriptMessages(int status, Map<String, String> headers, Object body, int times, long delayMs) {
        Map<String, Object> script = new HashMap<>(Map.of("method", "POST", "pathRegex", "/Messages\\.json$",
                "headers", headers, "times", times, "delayMs", delayMs));
        if (status > 0) {
            script.put("status", status);
        }
        if (body != null) {
            script.put("body", body);
        }
        script(script);
    }

    /** Twilio's error body, as the real API answers a refused request. */
    public static Map<String, Object> twilioError(int status, int code, String message) {
        return Map.of("code", code, "message", message, "more_info", "https://www.twilio.com/docs/errors/" + code,
                "status", status);
    }

    /** Drops every scripted answer not yet given, and the request log with them: the stand-in clears both at once. */
    public static void clear() {
        given().baseUri(baseUrl()).delete("/_standin/requests").then().statusCode(204);
    }

    /** Requests the stand-in received whose path contains {@code text}. */
    public static List<Map<String, Object>> requestsContaining(String text) {
        return requests("").stream()
                .filter(request -> String.valueOf(request.get("path")).contains(text))
                .toList();
    }

    /** Requests to the Messages API whose {@code To} is {@code to}, oldest first. */
    public static List<Map<String, Object>> messagesTo(String to) {
        return requests("/2010-04-01").stream()
                .filter(request -> to.equals(form(request, "To")))
                .toList();
    }

    /** Requests to the Messages API whose {@code Body} starts with {@code prefix}, oldest first. */
    public static List<Map<String, Object>> messagesWithBodyStartingWith(String prefix) {
        return requests("/2010-04-01").stream()
                .filter(request -> {
                    String body = form(request, "Body");
                    return body != null && body.startsWith(prefix);
                })
                .toList();
    }

    /** How many times Twilio was asked to send each body that starts with {@code prefix}. */
    public static Map<String, Long> sendsPerBody(String prefix) {
        return messagesWithBodyStartingWith(prefix).stream()
                .collect(Collectors.groupingBy(request -> form(request, "Body"), Collectors.counting()));
    }

    /** What the stand-in answered the requests whose {@code Body} starts with {@code prefix}: count per status. */
    public static Map<String, Long> answersToBodies(String prefix) {
        return messagesWithBodyStartingWith(prefix).stream()
                .collect(Collectors.groupingBy(request -> request.get("status") == null
                        ? "pending" : String.valueOf(request.get("status")), Collectors.counting()));
    }

    /** Requests that posted messages into {@code conversationSid} of the configured Conversations service. */
    public static List<Map<String, Object>> conversationMessages(String conversationSid) {
        return requests(conversationsPath() + "/" + conversationSid + "/Messages").stream()
                .filter(request -> "POST".equals(request.get("method")))
                .toList();
    }

    /** What the stand-in found wrong in requests, checked against Twilio's OpenAPI descriptions. */
    public static List<Map<String, Object>> violations() {
        return given().baseUri(baseUrl()).get("/_standin/violations")
                .then().statusCode(200)
                .extract().as(new TypeRef<>() {
                });
    }

    /** Creates a Conversation in the configured Conversations service, as conversation-manager does; returns its SID. */
    public static String createConversation() {
        return given().baseUri(baseUrl()).auth().preemptive().basic(ACCOUNT_SID, "token")
                .contentType(ContentType.URLENC).formParam("FriendlyName", "test")
                .post(conversationsPath())
                .then().statusCode(201)
                .extract().path("sid");
    }

    /** The first value of a form field of a logged request. */
    public static String form(Map<String, Object> request, String name) {
        Object values = ((Map<?, ?>) request.get("form")).get(name);
        return values == null ? null : (String) ((List<?>) values).get(0);
    }

    private static void script(Map<String, Object> script) {
        given().baseUri(baseUrl()).contentType(ContentType.JSON).body(script).post("/_standin/script")
                .then().statusCode(201);
    }

    private static String conversationsPath() {
        return "/v1/Services/" + ConfigProvider.getConfig().getValue("twilio.conversations-service-sid", String.class)
                + "/Conversations";
    }

    private static List<Map<String, Object>> requests(String pathPrefix) {
        return given().baseUri(baseUrl()).queryParam("pathPrefix", pathPrefix).get("/_standin/requests")
                .then().statusCode(200)
                .extract().as(new TypeRef<>() {
                });
    }
}
