package dev.switchboard.conversations.testing;

import static io.restassured.RestAssured.given;

import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.ConfigProvider;

/** Drives the Twilio stand-in over its control API. */
public final class StandIn {

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

    /** Makes the stand-in give the next request whose path ends with {@code pathSuffix} this answer instead. */
    public static void answer(String pathSuffix, int status, Map<String, String> headers, String body) {
        given().baseUri(baseUrl()).contentType("application/json")
                .body(Map.of("pathRegex", Pattern.quote(pathSuffix) + "$", "status", status, "headers", headers,
                        "body", body))
                .when().post("/_standin/script")
                .then().statusCode(201);
    }

    /** The Twilio URL of a media item, as a Messaging webhook's MediaUrlN gives it. */
    public static String mediaUrl(String messageSid, String mediaSid) {
        return "https://api.twilio.com/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages/" + messageSid + "/Media/"
                + mediaSid;
    }

    /** Requests the stand-in received whose path contains {@code text}. */
    public static List<Map<String, Object>> requestsContaining(String text) {
        JsonPath requests = given().baseUri(baseUrl()).when().get("/_standin/requests").then().statusCode(200)
                .extract().jsonPath();
        return requests.<Map<String, Object>>getList("").stream()
                .filter(request -> String.valueOf(request.get("path")).contains(text))
                .toList();
    }
}
