package dev.switchboard.twilio.standin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.conversations.v1.Conversation;
import com.twilio.type.PhoneNumber;
import dev.switchboard.twilio.TwilioClients;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ScriptedAnswersTest {

    private TwilioStandIn standIn;
    private StandInControl control;
    private TwilioRestClient client;
    private String accountSid;

    @BeforeEach
    void start() {
        standIn = TwilioStandIn.start(0, new StandInSettings(Optional.empty(), false));
        control = new StandInControl(standIn.baseUrl());
        accountSid = TestData.accountSid();
        client = TwilioClients.create(accountSid, TestData.authToken(), Optional.of(standIn.baseUrl()));
    }

    @AfterEach
    void stop() {
        standIn.close();
    }

    @Test
    void scripted429AnswersTwiceThenTheNormalAnswer() {
        assertEquals(201, control.script("""
                {"method":"POST","pathRegex":"/Messages\\\\.json$","status":429,"headers":{"Retry-After":"1"},
                 "body":{"code":20429,"message":"Too Many Requests","more_info":"https://www.twilio.com/docs/errors/20429","status":429},
                 "times":2}""").statusCode());

        ApiException first = assertThrows(ApiException.class, this::send);
        ApiException second = assertThrows(ApiException.class, this::send);
        Message third = send();

        assertEquals(List.of(429, 429), List.of(first.getStatusCode(), second.getStatusCode()));
        assertEquals(20429, first.getCode());
        assertEquals(Message.Status.QUEUED, third.getStatus());
        List<Integer> statuses = control.requests("/2010-04-01").findValues("status").stream().map(JsonNode::asInt).toList();
        assertEquals(List.of(429, 429, 201), statuses);
    }

    @Test
    void scriptAppliesOnlyToItsMethodAndPath() {
        control.script("""
                {"method":"POST","pathRegex":"^/v1/Conversations$","status":503,"times":1}""");

        Message message = send();
        ApiException conversation = assertThrows(ApiException.class, () -> Conversation.creator().create(client));

        assertEquals(Message.Status.QUEUED, message.getStatus());
        assertEquals(503, conversation.getStatusCode());
        assertEquals(20503, conversation.getCode());
        assertEquals(Conversation.State.ACTIVE, Conversation.creator().create(client).getState());
    }

    @Test
    void delayWithoutStatusAnswersNormallyButLate() {
        control.script("""
                {"pathRegex":"/Messages","delayMs":600}""");

        long started = System.nanoTime();
        Message late = send();
        long lateMillis = (System.nanoTime() - started) / 1_000_000;

        assertEquals(Message.Status.QUEUED, late.getStatus());
        assertTrue(lateMillis >= 600, "answered after " + lateMillis + " ms");
    }

    @Test
    void clearingTheLogDropsPendingScripts() {
        control.script("""
                {"pathRegex":"/Messages","status":500,"times":5}""");

        control.clear();

        assertEquals(Message.Status.QUEUED, send().getStatus());
        assertEquals(1, control.requests("").size());
    }

    @Test
    void invalidScriptIsAProblem() {
        var response = control.script("""
                {"pathRegex":"(unclosed","status":429}""");

        assertEquals(400, response.statusCode());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("Invalid script", StandInControl.json(response).path("title").asText());
    }

    private Message send() {
        return Message.creator(new PhoneNumber(TestData.phoneNumber()), new PhoneNumber(TestData.phoneNumber()), "hi")
                .create(client);
    }
}
