package dev.switchboard.twilio.standin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.conversations.v1.Conversation;
import com.twilio.rest.conversations.v1.conversation.Participant;
import com.twilio.type.PhoneNumber;
import dev.switchboard.twilio.TwilioClients;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RequestLogTest {

    private TwilioStandIn standIn;
    private StandInControl control;
    private TwilioRestClient client;
    private String accountSid;
    private String token;

    @BeforeEach
    void start() {
        standIn = TwilioStandIn.start(0, new StandInSettings(Optional.empty(), false));
        control = new StandInControl(standIn.baseUrl());
        accountSid = TestData.accountSid();
        token = TestData.authToken();
        client = TwilioClients.create(accountSid, token, Optional.of(standIn.baseUrl()));
    }

    @AfterEach
    void stop() {
        standIn.close();
    }

    @Test
    void requestsAreLoggedInArrivalOrderWithFormAndLowerCaseHeaders() {
        String to = TestData.phoneNumber();
        Message.creator(new PhoneNumber(to), new PhoneNumber(TestData.phoneNumber()), "first").create(client);
        Conversation.creator().setFriendlyName("second").create(client);

        JsonNode all = control.requests("");
        JsonNode messaging = control.requests("/2010-04-01/");

        assertEquals(List.of("/2010-04-01/Accounts/" + accountSid + "/Messages.json", "/v1/Conversations"),
                all.findValuesAsText("path"));
        assertEquals(1, messaging.size());
        JsonNode message = messaging.get(0);
        assertEquals("POST", message.path("method").asText());
        assertEquals(to, message.path("form").path("To").get(0).asText());
        assertEquals("first", message.path("form").path("Body").get(0).asText());
        assertTrue(message.path("headers").path("authorization").get(0).asText().startsWith("Basic "));
        assertTrue(message.path("body").asText().contains("Body=first"));
        assertEquals(0, message.path("violations").size());
    }

    @Test
    void requestsTheSdkSendsHaveNoViolations() {
        String sid = Conversation.creator().setUniqueName(TestData.name("gig")).create(client).getSid();
        Participant.creator(sid).setMessagingBindingAddress(TestData.phoneNumber())
                .setMessagingBindingProxyAddress(TestData.phoneNumber()).create(client);
        com.twilio.rest.conversations.v1.conversation.Message.creator(sid).setAuthor("a").setBody("b")
                .setXTwilioWebhookEnabled(com.twilio.rest.conversations.v1.conversation.Message.WebhookEnabledType.TRUE)
                .create(client);
        Message.creator(new PhoneNumber(TestData.phoneNumber()), "MG" + "0".repeat(32), "hi").create(client);

        assertEquals(4, control.requests("").size());
        assertEquals(0, control.violations().size(), control.violations().toString());
        assertEquals("true", control.requests("/v1/Conversations/" + sid + "/Messages").get(0)
                .path("headers").path("x-twilio-webhook-enabled").get(0).asText());
    }

    @Test
    void unknownFormFieldIsAViolation() {
        control.postForm("/2010-04-01/Accounts/" + accountSid + "/Messages.json", accountSid, token,
                "To=%2B15550001111&From=%2B15550002222&Body=hi&Shout=loud");

        JsonNode violations = control.violations();

        assertEquals(1, violations.size());
        assertEquals(List.of("form parameter 'Shout' is not a parameter of POST /2010-04-01/Accounts/{AccountSid}/Messages.json"),
                texts(violations.get(0).path("violations")));
        assertEquals(201, violations.get(0).path("status").asInt());
    }

    @Test
    void missingRequiredFieldBadEnumValueAndUnknownPathAreViolations() {
        control.postForm("/2010-04-01/Accounts/" + accountSid + "/Messages.json", accountSid, token, "Body=hi");
        control.postForm("/v1/Conversations", accountSid, token, "State=sleeping");
        control.postForm("/v1/Nowhere", accountSid, token, "A=b");

        JsonNode violations = control.violations();

        assertEquals(3, violations.size(), violations.toString());
        assertEquals(List.of("required form parameter 'To' is missing"), texts(violations.get(0).path("violations")));
        assertEquals(List.of("form parameter State=sleeping is not one of [initializing, inactive, active, closed]"),
                texts(violations.get(1).path("violations")));
        assertEquals(List.of("no path /v1/Nowhere in Twilio's OpenAPI description"), texts(violations.get(2).path("violations")));
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(item.asText()));
        return texts;
    }
}
