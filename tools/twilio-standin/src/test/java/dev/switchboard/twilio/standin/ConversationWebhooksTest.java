package dev.switchboard.twilio.standin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.conversations.v1.Conversation;
import com.twilio.rest.conversations.v1.conversation.Message;
import com.twilio.rest.conversations.v1.conversation.Participant;
import com.twilio.rest.conversations.v1.configuration.Webhook;
import dev.switchboard.twilio.TwilioClients;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConversationWebhooksTest {

    private static final Conversation.WebhookEnabledType CONVERSATION_HOOKS = Conversation.WebhookEnabledType.TRUE;
    private static final Participant.WebhookEnabledType PARTICIPANT_HOOKS = Participant.WebhookEnabledType.TRUE;
    private static final Message.WebhookEnabledType MESSAGE_HOOKS = Message.WebhookEnabledType.TRUE;
    private static final List<String> COMMON =
            List.of("EventType", "AccountSid", "ChatServiceSid", "ConversationSid", "Source", "RetryCount");

    private final String token = TestData.authToken();
    private final String accountSid = TestData.accountSid();
    private final WebhookReceiver receiver = new WebhookReceiver();
    private TwilioStandIn standIn;
    private TwilioRestClient client;

    private void start(StandInSettings settings) {
        standIn = TwilioStandIn.start(0, settings);
        client = TwilioClients.create(accountSid, token, Optional.of(standIn.baseUrl()));
    }

    /** The environment's webhook URL, as the local stack sets it: every post-event webhook, no setup call. */
    private void startWithWebhookAt(String path) {
        start(new StandInSettings(Optional.of(token), false).withConversationsWebhookUrl(receiver.url(path)));
    }

    @AfterEach
    void stop() {
        if (standIn != null) {
            assertEquals("[]", new StandInControl(standIn.baseUrl()).violations().toString());
            standIn.close();
        }
        receiver.close();
    }

    @Test
    void everyRestChangeWithTheHeaderIsPostedSignedWithTwiliosParameterNames() {
        startWithWebhookAt("/webhooks/twilio/conversations");
        String address = TestData.phoneNumber();
        String proxy = TestData.phoneNumber();

        Conversation conversation = Conversation.creator().setUniqueName(TestData.name("gig")).setFriendlyName("Gig")
                .setXTwilioWebhookEnabled(CONVERSATION_HOOKS).create(client);
        String sid = conversation.getSid();
        Participant chat = Participant.creator(sid).setIdentity("worker-1").setXTwilioWebhookEnabled(PARTICIPANT_HOOKS)
                .create(client);
        Participant sms = Participant.creator(sid).setMessagingBindingAddress(address)
                .setMessagingBindingProxyAddress(proxy).setXTwilioWebhookEnabled(PARTICIPANT_HOOKS).create(client);
        Message message = Message.creator(sid).setAuthor("worker-1").setBody("On my way")
                .setXTwilioWebhookEnabled(MESSAGE_HOOKS).create(client);
        Message.updater(sid, message.getSid()).setBody("On my way, 5 min").setXTwilioWebhookEnabled(MESSAGE_HOOKS)
                .update(client);
        Message.deleter(sid, message.getSid()).setXTwilioWebhookEnabled(MESSAGE_HOOKS).delete(client);
        Participant.updater(sid, chat.getSid()).setAttributes("{\"role\":\"worker\"}")
                .setXTwilioWebhookEnabled(PARTICIPANT_HOOKS).update(client);
        Participant.deleter(sid, sms.getSid()).setXTwilioWebhookEnabled(PARTICIPANT_HOOKS).delete(client);
        Conversation.updater(sid).setState(Conversation.State.CLOSED).setXTwilioWebhookEnabled(CONVERSATION_HOOKS)
                .update(client);
        Conversation.deleter(sid).setXTwilioWebhookEnabled(CONVERSATION_HOOKS).delete(client);

        List<WebhookReceiver.Received> events = receiver.next(11);
        assertEquals(List.of("onConversationAdded", "onParticipantAdded", "onParticipantAdded", "onMessageAdded",
                        "onMessageUpdated", "onMessageRemoved", "onParticipantUpdated", "onParticipantRemoved",
                        "onConversationUpdated", "onConversationStateUpdated", "onConversationRemoved"),
                events.stream().map(WebhookReceiver.Received::eventType).toList());
        for (WebhookReceiver.Received event : events) {
            assertEquals("POST", event.method());
            assertEquals("/webhooks/twilio/conversations", event.path());
            assertTrue(event.signedWith(token), "X-Twilio-Signature of " + event.eventType() + " checks out with the SDK");
            assertEquals(accountSid, event.param("AccountSid"));
            assertEquals(sid, event.param("ConversationSid"));
            assertEquals(conversation.getChatServiceSid(), event.param("ChatServiceSid"));
            assertEquals("API", event.param("Source"));
            assertEquals("0", event.param("RetryCount"));
        }
        assertNames(events.get(0), "MessagingServiceSid", "FriendlyName", "UniqueName", "Attributes", "State",
                "DateCreated");
        assertNames(events.get(1), "ParticipantSid", "Identity", "Attributes", "DateCreated");
        assertNames(events.get(2), "ParticipantSid", "Attributes", "MessagingBinding.Type", "MessagingBinding.Address",
                "MessagingBinding.ProxyAddress", "DateCreated");
        assertNames(events.get(3), "MessagingServiceSid", "MessageSid", "Index", "Author", "ParticipantSid", "Body",
                "Attributes", "DateCreated");
        assertNames(events.get(4), "MessagingServiceSid", "MessageSid", "Index", "Author", "ParticipantSid", "Body",
                "Attributes", "DateCreated", "DateUpdated");
        assertNames(events.get(5), "MessagingServiceSid", "MessageSid", "Index", "Author", "ParticipantSid", "Body",
                "Attributes", "DateCreated", "DateUpdated", "DateRemoved");
        assertNames(events.get(6), "ParticipantSid", "Identity", "Attributes", "DateCreated", "DateUpdated");
        assertNames(events.get(7), "ParticipantSid", "Attributes", "MessagingBinding.Type", "MessagingBinding.Address",
                "MessagingBinding.ProxyAddress", "DateCreated", "DateUpdated", "DateRemoved");
        assertNames(events.get(8), "MessagingServiceSid", "FriendlyName", "UniqueName", "Attributes", "State",
                "DateCreated", "DateUpdated");
        assertNames(events.get(9), "MessagingServiceSid", "StateFrom", "StateTo", "StateUpdated", "Reason");
        assertNames(events.get(10), "MessagingServiceSid", "FriendlyName", "UniqueName", "Attributes", "State",
                "DateCreated", "DateUpdated", "DateRemoved");

        assertEquals(chat.getSid(), events.get(1).param("ParticipantSid"));
        assertEquals("worker-1", events.get(1).param("Identity"));
        assertEquals(address, events.get(2).param("MessagingBinding.Address"));
        assertEquals(proxy, events.get(2).param("MessagingBinding.ProxyAddress"));
        assertEquals("sms", events.get(2).param("MessagingBinding.Type"));
        assertEquals(message.getSid(), events.get(3).param("MessageSid"));
        assertEquals("0", events.get(3).param("Index"));
        assertEquals("worker-1", events.get(3).param("Author"));
        assertEquals(chat.getSid(), events.get(3).param("ParticipantSid"));
        assertEquals("On my way", events.get(3).param("Body"));
        assertTrue(events.get(3).param("DateCreated").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"),
                events.get(3).param("DateCreated"));
        assertEquals("On my way, 5 min", events.get(4).param("Body"));
        assertEquals("{\"role\":\"worker\"}", events.get(6).param("Attributes"));
        assertEquals("closed", events.get(8).param("State"));
        assertEquals(List.of("active", "closed", "API"), List.of(events.get(9).param("StateFrom"),
                events.get(9).param("StateTo"), events.get(9).param("Reason")));
    }

    @Test
    void restChangesWithoutTheHeaderOrWithItFalseAreNotAnnounced() {
        startWithWebhookAt("/hooks");
        String sid = Conversation.creator().setUniqueName(TestData.name("gig")).create(client).getSid();
        Participant.creator(sid).setIdentity("quiet").create(client);
        Message.creator(sid).setAuthor("quiet").setBody("no webhook").create(client);
        Message.creator(sid).setAuthor("quiet").setBody("still none")
                .setXTwilioWebhookEnabled(Message.WebhookEnabledType.FALSE).create(client);
        Conversation.updater(sid).setState(Conversation.State.INACTIVE).update(client);

        Message announced = Message.creator(sid).setAuthor("quiet").setBody("this one")
                .setXTwilioWebhookEnabled(MESSAGE_HOOKS).create(client);

        WebhookReceiver.Received first = receiver.next();
        assertEquals("onMessageAdded", first.eventType());
        assertEquals(announced.getSid(), first.param("MessageSid"));
        assertEquals("2", first.param("Index"));
        assertEquals(List.of(), receiver.within(300));
    }

    @Test
    void filtersSetThroughTwiliosConfigurationEndpointChooseTheEventsSent() {
        start(new StandInSettings(Optional.of(token), false));
        Webhook.updater().setPostWebhookUrl(receiver.url("/filtered")).setFilters(List.of("onMessageAdded"))
                .setMethod("POST").update(client);

        String sid = Conversation.creator().setUniqueName(TestData.name("gig"))
                .setXTwilioWebhookEnabled(CONVERSATION_HOOKS).create(client).getSid();
        Participant.creator(sid).setIdentity("worker-2").setXTwilioWebhookEnabled(PARTICIPANT_HOOKS).create(client);
        Message.creator(sid).setAuthor("worker-2").setBody("only me").setXTwilioWebhookEnabled(MESSAGE_HOOKS)
                .create(client);

        WebhookReceiver.Received only = receiver.next();
        assertEquals("onMessageAdded", only.eventType());
        assertEquals("/filtered", only.path());
        assertEquals(List.of(), receiver.within(300));
    }

    @Test
    void withoutAnyConfiguredUrlNothingIsSent() {
        start(new StandInSettings(Optional.of(token), false));

        String sid = Conversation.creator().setUniqueName(TestData.name("gig"))
                .setXTwilioWebhookEnabled(CONVERSATION_HOOKS).create(client).getSid();
        Message.creator(sid).setBody("nobody listens").setXTwilioWebhookEnabled(MESSAGE_HOOKS).create(client);

        assertEquals(List.of(), receiver.within(300));
        assertEquals("[]", new StandInControl(standIn.baseUrl()).webhooks().toString());
    }

    @Test
    void serviceLevelWebhookReplacesTheAccountLevelOneForItsServiceOnly() {
        startWithWebhookAt("/account");
        String service = Sids.next("IS");
        com.twilio.rest.conversations.v1.service.configuration.Webhook.updater(service)
                .setPostWebhookUrl(receiver.url("/service")).setFilters(List.of("onConversationAdded"))
                .setMethod("POST").update(client);

        String inService = com.twilio.rest.conversations.v1.service.Conversation.creator(service)
                .setXTwilioWebhookEnabled(com.twilio.rest.conversations.v1.service.Conversation.WebhookEnabledType.TRUE)
                .create(client).getSid();
        WebhookReceiver.Received serviceEvent = receiver.next();
        String inDefault = Conversation.creator().setXTwilioWebhookEnabled(CONVERSATION_HOOKS).create(client).getSid();
        WebhookReceiver.Received accountEvent = receiver.next();

        assertEquals(List.of("/service", inService, service), List.of(serviceEvent.path(),
                serviceEvent.param("ConversationSid"), serviceEvent.param("ChatServiceSid")));
        assertEquals(List.of("/account", inDefault), List.of(accountEvent.path(), accountEvent.param("ConversationSid")));
    }

    @Test
    void configurationIsReadAndWrittenAsTheSdkCallsIt() {
        startWithWebhookAt("/from-environment");
        String service = Sids.next("IS");

        Webhook initial = Webhook.fetcher().fetch(client);
        Webhook updated = Webhook.updater().setFilters(List.of("onMessageAdded", "onParticipantAdded"))
                .setPreWebhookUrl(receiver.url("/pre")).update(client);
        var serviceInitial = com.twilio.rest.conversations.v1.service.configuration.Webhook.fetcher(service).fetch(client);
        var serviceUpdated = com.twilio.rest.conversations.v1.service.configuration.Webhook.updater(service)
                .setPostWebhookUrl(receiver.url("/service")).setFilters(List.of("onMessageRemoved")).setMethod("GET")
                .update(client);
        ApiException badMethod = assertThrows(ApiException.class,
                () -> Webhook.updater().setMethod("PUT").update(client));

        assertEquals(receiver.url("/from-environment"), initial.getPostWebhookUrl());
        assertEquals(WebhookConfigurations.POST_EVENTS, initial.getFilters());
        assertEquals(Webhook.Method.POST, initial.getMethod());
        assertEquals(Webhook.Target.WEBHOOK, initial.getTarget());
        assertEquals(accountSid, initial.getAccountSid());
        assertEquals(List.of("onMessageAdded", "onParticipantAdded"), updated.getFilters());
        assertEquals(receiver.url("/from-environment"), updated.getPostWebhookUrl());
        assertEquals(receiver.url("/pre"), updated.getPreWebhookUrl());
        assertEquals(List.of(), serviceInitial.getFilters());
        assertEquals(null, serviceInitial.getPostWebhookUrl());
        assertEquals(service, serviceUpdated.getChatServiceSid());
        assertEquals(URI.create(receiver.url("/service")), serviceUpdated.getPostWebhookUrl());
        assertEquals(List.of("onMessageRemoved"), serviceUpdated.getFilters());
        assertEquals(List.of(400, 20001), List.of(badMethod.getStatusCode(), badMethod.getCode()));
    }

    @Test
    void methodGetSendsTheParametersInTheQueryStringSignedOverTheWholeUrl() {
        start(new StandInSettings(Optional.of(token), false));
        Webhook.updater().setPostWebhookUrl(receiver.url("/get?tenant=7")).setFilters(List.of("onConversationAdded"))
                .setMethod("GET").update(client);

        String sid = Conversation.creator().setFriendlyName("Gig & Co")
                .setXTwilioWebhookEnabled(CONVERSATION_HOOKS).create(client).getSid();

        WebhookReceiver.Received event = receiver.next();
        assertEquals("GET", event.method());
        assertEquals(sid, event.param("ConversationSid"));
        assertEquals("Gig & Co", event.param("FriendlyName"));
        assertEquals("7", event.param("tenant"));
        assertTrue(event.signedWith(token), "signature over the full URL");
    }

    @Test
    void concurrentChangesToOneConversationArePostedInTheOrderTheyWereMade() throws Exception {
        startWithWebhookAt("/ordered");
        String sid = Conversation.creator().create(client).getSid();
        int count = 12;
        ExecutorService callers = Executors.newFixedThreadPool(4);
        try {
            List<Future<Message>> created = callers.invokeAll(Collections.nCopies(count, () -> Message.creator(sid)
                    .setBody("burst").setXTwilioWebhookEnabled(MESSAGE_HOOKS).create(client)));
            for (Future<Message> message : created) {
                message.get();
            }
        } finally {
            callers.shutdownNow();
        }

        List<Integer> indexes = new ArrayList<>();
        receiver.next(count).forEach(event -> indexes.add(Integer.parseInt(event.param("Index"))));
        List<Integer> ascending = new ArrayList<>(indexes);
        Collections.sort(ascending);
        assertEquals(ascending, indexes);
        assertEquals(count, new TreeSet<>(indexes).size());
    }

    @Test
    void aWebhookWaitsForTheAnswerToItsRequestAndForTheWebhooksBeforeIt() {
        try (WebhookDeliveries deliveries = new WebhookDeliveries(new StandInSettings(Optional.of(token), false),
                new WebhookDrops())) {
            CompletableFuture<Void> firstAnswered = new CompletableFuture<>();
            deliveries.enqueue("CH1", firstAnswered, delivery("first"));
            deliveries.enqueue("CH1", CompletableFuture.completedFuture(null), delivery("second"));
            deliveries.enqueue("CH2", CompletableFuture.completedFuture(null), delivery("other conversation"));

            assertEquals(List.of("other conversation"), receiver.next(1).stream().map(r -> r.param("Body")).toList());
            assertEquals(List.of(), receiver.within(300));
            firstAnswered.complete(null);
            assertEquals(List.of("first", "second"), receiver.next(2).stream().map(r -> r.param("Body")).toList());
        }
    }

    private WebhookDeliveries.Delivery delivery(String body) {
        return new WebhookDeliveries.Delivery("conversations", receiver.url("/queued"), "POST",
                Map.of("EventType", "onMessageAdded", "Body", body));
    }

    private static void assertNames(WebhookReceiver.Received event, String... own) {
        Set<String> expected = new TreeSet<>(COMMON);
        expected.addAll(List.of(own));
        assertEquals(expected, new TreeSet<>(event.params().keySet()), event.eventType() + " parameters");
    }
}
