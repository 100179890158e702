package dev.switchboard.twilio.standin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.conversations.v1.Conversation;
import com.twilio.rest.conversations.v1.conversation.Message;
import com.twilio.rest.conversations.v1.conversation.Participant;
import dev.switchboard.twilio.TwilioClients;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ConversationsApiTest {

    private static TwilioStandIn standIn;
    private static TwilioRestClient client;

    @BeforeAll
    static void start() {
        standIn = TwilioStandIn.start(0, new StandInSettings(Optional.empty(), false));
        client = TwilioClients.create(TestData.accountSid(), TestData.authToken(), Optional.of(standIn.baseUrl()));
    }

    @AfterAll
    static void stop() {
        standIn.close();
    }

    @Test
    void conversationWithParticipantsAndMessagesIsCreated() {
        String uniqueName = TestData.name("gig");
        Conversation conversation = Conversation.creator().setUniqueName(uniqueName).setFriendlyName("Gig").create(client);
        Participant chat = Participant.creator(conversation.getSid()).setIdentity("user-1").create(client);
        Participant sms = Participant.creator(conversation.getSid())
                .setMessagingBindingAddress(TestData.phoneNumber())
                .setMessagingBindingProxyAddress(TestData.phoneNumber())
                .create(client);

        Message first = Message.creator(conversation.getSid()).setAuthor("user-1").setBody("hi").create(client);
        Message second = Message.creator(conversation.getSid()).setAuthor("user-1").setBody("again").create(client);

        assertTrue(conversation.getSid().matches("CH[0-9a-f]{32}"), conversation.getSid());
        assertEquals(Conversation.State.ACTIVE, conversation.getState());
        assertEquals(uniqueName, conversation.getUniqueName());
        assertTrue(conversation.getChatServiceSid().startsWith("IS"));
        assertTrue(chat.getSid().matches("MB[0-9a-f]{32}"), chat.getSid());
        assertNull(chat.getMessagingBinding());
        assertEquals(conversation.getSid(), sms.getConversationSid());
        assertTrue(first.getSid().matches("IM[0-9a-f]{32}"), first.getSid());
        assertEquals(List.of(0, 1), List.of(first.getIndex(), second.getIndex()));
        assertEquals(chat.getSid(), first.getParticipantSid());
        assertEquals("hi", first.getBody());
    }

    @Test
    void conversationIsFoundBySidOrUniqueName() {
        String uniqueName = TestData.name("gig");
        Conversation created = Conversation.creator().setUniqueName(uniqueName).create(client);

        assertEquals(created.getSid(), Conversation.fetcher(uniqueName).fetch(client).getSid());
        assertEquals(uniqueName, Conversation.fetcher(created.getSid()).fetch(client).getUniqueName());
        ApiException missing = assertThrows(ApiException.class, () -> Conversation.fetcher(TestData.name("none")).fetch(client));
        assertEquals(404, missing.getStatusCode());
        assertEquals(20404, missing.getCode());
    }

    @Test
    void duplicateUniqueNameIsAConflict() {
        String uniqueName = TestData.name("gig");
        Conversation.creator().setUniqueName(uniqueName).create(client);

        ApiException error = assertThrows(ApiException.class, () -> Conversation.creator().setUniqueName(uniqueName).create(client));

        assertEquals(409, error.getStatusCode());
        assertEquals(50353, error.getCode());
    }

    @Test
    void concurrentCreatesOfOneUniqueNameMakeExactlyOneConversation() throws Exception {
        String uniqueName = TestData.name("gig");
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> statuses = callers.invokeAll(Collections.nCopies(8, () -> createStatus(uniqueName)));

            List<Integer> answered = new ArrayList<>();
            for (Future<Integer> status : statuses) {
                answered.add(status.get());
            }
            assertEquals(1, Collections.frequency(answered, 201), answered.toString());
            assertEquals(7, Collections.frequency(answered, 409), answered.toString());
        } finally {
            callers.shutdownNow();
        }
    }

    private static int createStatus(String uniqueName) {
        try {
            Conversation.creator().setUniqueName(uniqueName).create(client);
            return 201;
        } catch (ApiException conflict) {
            return conflict.getStatusCode();
        }
    }

    @Test
    void sameIdentityOrAddressTwiceIsAConflict() {
        String sid = Conversation.creator().setUniqueName(TestData.name("gig")).create(client).getSid();
        String address = TestData.phoneNumber();
        Participant.creator(sid).setIdentity("user-2").create(client);
        Participant.creator(sid).setMessagingBindingAddress(address).setMessagingBindingProxyAddress(TestData.phoneNumber())
                .create(client);

        ApiException identity = assertThrows(ApiException.class, () -> Participant.creator(sid).setIdentity("user-2").create(client));
        ApiException sms = assertThrows(ApiException.class, () -> Participant.creator(sid).setMessagingBindingAddress(address)
                .setMessagingBindingProxyAddress(TestData.phoneNumber()).create(client));

        assertEquals(List.of(409, 50433), List.of(identity.getStatusCode(), identity.getCode()));
        assertEquals(List.of(409, 50433), List.of(sms.getStatusCode(), sms.getCode()));
    }

    @Test
    void closedConversationStaysReadableAndDeletedOneIsGone() {
        String sid = Conversation.creator().setUniqueName(TestData.name("gig")).create(client).getSid();

        Conversation closed = Conversation.updater(sid).setState(Conversation.State.CLOSED).update(client);
        assertEquals(Conversation.State.CLOSED, closed.getState());
        assertEquals(Conversation.State.CLOSED, Conversation.fetcher(sid).fetch(client).getState());

        assertTrue(Conversation.deleter(sid).delete(client));
        assertEquals(404, assertThrows(ApiException.class, () -> Conversation.fetcher(sid).fetch(client)).getStatusCode());
    }

    @Test
    void participantsAreListedAndRemoved() {
        String sid = Conversation.creator().setUniqueName(TestData.name("gig")).create(client).getSid();
        Participant kept = Participant.creator(sid).setIdentity("kept").create(client);
        Participant removed = Participant.creator(sid).setIdentity("removed").create(client);

        assertTrue(Participant.deleter(sid, removed.getSid()).delete(client));

        List<String> identities = StreamSupport.stream(Participant.reader(sid).read(client).spliterator(), false)
                .map(Participant::getIdentity)
                .toList();
        assertEquals(List.of(kept.getIdentity()), identities);
    }

    @Test
    void servicePathsScopeConversationsToTheirChatService() {
        String service = Sids.next("IS");
        String uniqueName = TestData.name("gig");
        com.twilio.rest.conversations.v1.service.Conversation created =
                com.twilio.rest.conversations.v1.service.Conversation.creator(service).setUniqueName(uniqueName).create(client);
        com.twilio.rest.conversations.v1.service.conversation.Participant participant =
                com.twilio.rest.conversations.v1.service.conversation.Participant.creator(service, created.getSid())
                        .setIdentity("user-3").create(client);

        assertEquals(service, created.getChatServiceSid());
        assertEquals(service, participant.getChatServiceSid());
        assertEquals(created.getSid(), com.twilio.rest.conversations.v1.service.Conversation.fetcher(service, uniqueName)
                .fetch(client).getSid());
        assertEquals(404, assertThrows(ApiException.class, () -> Conversation.fetcher(uniqueName).fetch(client)).getStatusCode());
    }
}
