package dev.switchboard.conversations.gigs;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.conversations.testing.Messages;
import dev.switchboard.conversations.testing.Users;
import dev.switchboard.events.EventTypes;
import dev.switchboard.testing.TestKafka;
import dev.switchboard.testing.TestTokens;
import dev.switchboard.testing.Waits;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
class GigConversationResourceTest {

    private static final String SERVICE = "IS00000000000000000000000000000000";

    @ConfigProperty(name = "twilio.api-base-url")
    String standIn;

    private static String newGig() {
        return "g" + System.nanoTime();
    }

    private static RequestSpecification asService() {
        return given().auth().oauth2(TestTokens.serviceRole()).contentType(ContentType.JSON);
    }

    /** Reads Twilio's side of things the way our service does: Basic auth with the account's credentials. */
    private RequestSpecification asTwilioClient() {
        return given().baseUri(standIn).auth().preemptive().basic("AC00000000000000000000000000000000", "test-auth-token");
    }

    private static Map<String, Object> participants(Map<?, ?>... participants) {
        return Map.of("participants", List.of(participants));
    }

    @AfterEach
    void noRequestBrokeTwiliosContract() {
        given().baseUri(standIn).get("/_standin/violations").then().statusCode(200).body("$", empty());
    }

    @Test
    void putCreatesTheConversationWithItsParticipants() {
        String gig = newGig();

        asService().body(participants(Map.of("identity", "user-" + gig), Map.of("address", "+15551230001"),
                        Map.of("address", "whatsapp:+15551230002")))
                .put("/gigs/{gig}/conversation", gig)
                .then().statusCode(200)
                .body("gig_id", is(gig))
                .body("unique_name", is("gig-" + gig))
                .body("state", is("active"))
                .body("conversation_sid", startsWith("CH"))
                .body("participants.identity", containsInAnyOrder("user-" + gig, null, null))
                .body("participants.proxy_address", containsInAnyOrder(null, "+15005550006", "whatsapp:+14155238886"));

        asTwilioClient().get("/v1/Services/{service}/Conversations/{name}", SERVICE, "gig-" + gig)
                .then().statusCode(200).body("unique_name", is("gig-" + gig));
    }

    @Test
    void repeatedPutReturnsTheSameConversationWithoutDuplicateParticipants() {
        String gig = newGig();
        Map<String, Object> body = participants(Map.of("identity", "user-" + gig));

        String first = asService().body(body).put("/gigs/{gig}/conversation", gig).then().statusCode(200)
                .extract().path("conversation_sid");
        asService().body(body).put("/gigs/{gig}/conversation", gig).then().statusCode(200)
                .body("conversation_sid", is(first))
                .body("participants", hasSize(1));
    }

    @Test
    void concurrentPutsForOneGigCreateExactlyOneTwilioConversation() {
        String gig = newGig();

        Set<String> sids = IntStream.range(0, 6)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> asService()
                        .body(participants(Map.of("identity", "user-" + gig)))
                        .put("/gigs/{gig}/conversation", gig)
                        .then().statusCode(200).extract().<String>path("conversation_sid")))
                .map(CompletableFuture::join)
                .collect(Collectors.toSet());

        assertEquals(1, sids.size(), "every caller sees the one conversation: " + sids);
        List<String> created = given().baseUri(standIn).queryParam("pathPrefix", "/v1/Services/" + SERVICE)
                .get("/_standin/requests").then().statusCode(200).extract()
                .jsonPath().getList("findAll { it.method == 'POST' && it.form.UniqueName == ['gig-" + gig + "'] }.path");
        assertEquals(6, created.size(), "each call asked Twilio, and Twilio's unique name kept it single");
        asService().get("/gigs/{gig}/conversation", gig).then().statusCode(200)
                .body("conversation_sid", equalTo(sids.iterator().next()))
                .body("participants", hasSize(1));
    }

    @Test
    void participantsCanBeAddedAndRemoved() {
        String gig = newGig();
        asService().body(Map.of()).put("/gigs/{gig}/conversation", gig).then().statusCode(200);

        String sid = asService().body(Map.of("identity", "helper-" + gig))
                .post("/gigs/{gig}/conversation/participants", gig)
                .then().statusCode(201).body("sid", startsWith("MB")).extract().path("sid");
        asService().get("/gigs/{gig}/conversation", gig).then().body("participants.sid", containsInAnyOrder(sid));

        asService().delete("/gigs/{gig}/conversation/participants/{sid}", gig, sid).then().statusCode(204);
        asService().get("/gigs/{gig}/conversation", gig).then().body("participants", empty());
        asService().delete("/gigs/{gig}/conversation/participants/{sid}", gig, sid).then().statusCode(404)
                .contentType("application/problem+json").body("reason", is("participant-not-found"));
    }

    @Test
    void deleteClosesTheConversationOnTwilioAndKeepsTheMapping() {
        String gig = newGig();
        String sid = asService().body(Map.of()).put("/gigs/{gig}/conversation", gig).then().statusCode(200)
                .extract().path("conversation_sid");

        asService().delete("/gigs/{gig}/conversation", gig).then().statusCode(200)
                .body("state", is("closed"))
                .body("conversation_sid", is(sid));

        asTwilioClient().get("/v1/Services/{service}/Conversations/{sid}", SERVICE, sid)
                .then().body("state", is("closed"));
        asService().body(Map.of()).put("/gigs/{gig}/conversation", gig).then().statusCode(409)
                .body("reason", is("gig-conversation-closed"));
    }

    @Test
    void twilioFailureIsA502CarryingTwiliosCode() {
        String gig = newGig();
        given().baseUri(standIn).contentType(ContentType.JSON)
                .body(Map.of("method", "POST", "pathRegex", ".*/Conversations$", "status", 503, "times", 3,
                        "body", Map.of("code", 20503, "message", "Service Unavailable", "status", 503)))
                .post("/_standin/script").then().statusCode(201);

        asService().body(Map.of()).put("/gigs/{gig}/conversation", gig)
                .then().statusCode(502)
                .contentType("application/problem+json")
                .body("twilio_code", is(20503));
        asService().get("/gigs/{gig}/conversation", gig).then().statusCode(404);
    }

    @Test
    void aShortTwilioOutageIsRetried() {
        String gig = newGig();
        given().baseUri(standIn).contentType(ContentType.JSON)
                .body(Map.of("method", "POST", "pathRegex", ".*/Conversations$", "status", 503, "times", 1,
                        "body", Map.of("code", 20503, "message", "Service Unavailable", "status", 503)))
                .post("/_standin/script").then().statusCode(201);

        asService().body(Map.of()).put("/gigs/{gig}/conversation", gig).then().statusCode(200)
                .body("conversation_sid", startsWith("CH"));
    }

    @Test
    void invalidInputIsRefusedBeforeTwilioIsCalled() {
        asService().body(participants(Map.of("address", "555-1234"))).put("/gigs/{gig}/conversation", newGig())
                .then().statusCode(400).contentType("application/problem+json").body("reason", is("invalid-participant"));
        asService().body(participants(Map.of("identity", "a", "address", "+15551230001")))
                .put("/gigs/{gig}/conversation", newGig()).then().statusCode(400);
        asService().body(Map.of()).put("/gigs/{gig}/conversation", "bad gig id!")
                .then().statusCode(400).body("reason", is("invalid-gig-id"));
    }

    @Test
    void unknownGigIs404() {
        asService().get("/gigs/{gig}/conversation", newGig()).then().statusCode(404)
                .contentType("application/problem+json").body("reason", is("gig-conversation-not-found"));
    }

    @Test
    void onlyTheServiceRoleManagesGigConversations() {
        given().contentType(ContentType.JSON).body(Map.of()).put("/gigs/{gig}/conversation", newGig())
                .then().statusCode(401);
        given().auth().oauth2(TestTokens.user(7)).contentType(ContentType.JSON).body(Map.of())
                .put("/gigs/{gig}/conversation", newGig()).then().statusCode(403);
    }

    @Test
    void aParticipantReadsAndListsTheirGigConversationUntilRemovedAndNoOneElseDoes() {
        String gig = newGig();
        long alice = Users.create(Messages.phoneNumber(), "alice-" + gig);
        long bob = Users.create(Messages.phoneNumber(), "bob-" + gig);
        String conversation = asService().body(participants(Map.of("identity", "alice-" + gig)))
                .put("/gigs/{gig}/conversation", gig).then().statusCode(200).extract().path("conversation_sid");
        TestKafka.broker().publishMessageEvent(Messages.aMessage().inConversation(conversation, "alice-" + gig)
                .body("hi all").event(EventTypes.MESSAGE_ADDED));

        given().auth().oauth2(TestTokens.user(alice)).get("/gigs/{gig}/conversation", gig)
                .then().statusCode(200).body("conversation_sid", is(conversation))
                .body("participants.identity", equalTo(List.of("alice-" + gig)));
        Waits.waitFor("alice's list shows the gig with its last message")
                .until(() -> given().auth().oauth2(TestTokens.user(alice)).get("/conversations")
                        .then().statusCode(200).extract().jsonPath()
                        .getString("conversations.find { it.gig_id == '" + gig + "' }.last_message.body"),
                        "hi all"::equals);
        given().auth().oauth2(TestTokens.user(bob)).get("/gigs/{gig}/conversation", gig)
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.user(bob)).get("/conversations")
                .then().statusCode(200).body("conversations.gig_id", not(hasItem(gig)));

        String participant = asService().get("/gigs/{gig}/conversation", gig).then().extract()
                .path("participants[0].sid");
        asService().delete("/gigs/{gig}/conversation/participants/{sid}", gig, participant).then().statusCode(204);

        given().auth().oauth2(TestTokens.user(alice)).get("/gigs/{gig}/conversation", gig).then().statusCode(404);
        given().auth().oauth2(TestTokens.user(alice)).get("/conversations")
                .then().statusCode(200).body("conversations.gig_id", not(hasItem(gig)));
        given().auth().oauth2(TestTokens.user(alice)).get("/conversations?limit=abc")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @ParameterizedTest
    @ValueSource(strings = {"system", "SYSTEM", "switchboard", "+15551230001", "15551230001", "has space", "-dash",
            "whatsapp:+15551230001"})
    void reservedOrMalformedChatIdentitiesAreRefusedBeforeTwilioIsCalled(String identity) {
        String gig = newGig();

        asService().body(participants(Map.of("identity", identity))).put("/gigs/{gig}/conversation", gig)
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString(identity));
        asService().body(Map.of("username", "x", "phone_number", Messages.phoneNumber(), "chat_identity", identity))
                .post("/users").then().statusCode(400).contentType("application/problem+json");

        asTwilioClient().get("/v1/Services/{service}/Conversations/{name}", SERVICE, "gig-" + gig)
                .then().statusCode(404);
    }

    @Test
    void anSmsNumberAlreadyInAnotherActiveGigChatThroughTheSameProxyIsAClearConflict() {
        String phone = Messages.phoneNumber();
        asService().body(participants(Map.of("address", phone))).put("/gigs/{gig}/conversation", newGig())
                .then().statusCode(200);

        asService().body(participants(Map.of("address", phone))).put("/gigs/{gig}/conversation", newGig())
                .then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("proxy_address"));
    }
}
