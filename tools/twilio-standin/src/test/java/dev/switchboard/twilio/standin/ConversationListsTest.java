package dev.switchboard.twilio.standin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.conversations.v1.Conversation;
import com.twilio.rest.conversations.v1.conversation.Message;
import com.twilio.rest.conversations.v1.conversation.Participant;
import dev.switchboard.twilio.TwilioClients;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Conversations' lists read through the Twilio SDK, page by page, with v1's {@code meta}. */
class ConversationListsTest {

    private final String token = TestData.authToken();
    private final String accountSid = TestData.accountSid();
    private TwilioStandIn standIn;
    private TwilioRestClient client;
    private StandInControl control;
    private String sid;

    @BeforeEach
    void start() {
        standIn = TwilioStandIn.start(0, new StandInSettings(Optional.of(token), false));
        client = TwilioClients.create(accountSid, token, Optional.of(standIn.baseUrl()));
        control = new StandInControl(standIn.baseUrl());
        sid = Conversation.creator().setUniqueName(TestData.name("gig")).create(client).getSid();
    }

    @AfterEach
    void stop() {
        assertEquals("[]", control.violations().toString());
        standIn.close();
    }

    @Test
    void messagesAreReadAcrossPagesInIndexOrderAndNewestFirstWithOrderDesc() {
        IntStream.range(0, 7).forEach(i -> Message.creator(sid).setAuthor("dispatcher").setBody("m" + i).create(client));
        control.clear();

        List<Integer> ascending = StreamSupport.stream(Message.reader(sid).setPageSize(3L).read(client).spliterator(), false)
                .map(Message::getIndex).toList();
        List<Integer> descending = StreamSupport.stream(Message.reader(sid).setOrder(Message.OrderType.DESC)
                        .setPageSize(3L).read(client).spliterator(), false)
                .map(Message::getIndex).toList();

        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6), ascending);
        assertEquals(List.of(6, 5, 4, 3, 2, 1, 0), descending);
        assertEquals(6, control.requests("/v1/").size(), "three pages each way");
    }

    @Test
    void aPageCarriesTwiliosMetaWithLinksThatKeepTheOrder() {
        IntStream.range(0, 3).forEach(i -> Message.creator(sid).setBody("m" + i).create(client));

        JsonNode first = StandInControl.json(control.get("/v1/Conversations/" + sid + "/Messages?Order=desc&PageSize=2",
                accountSid, token));
        JsonNode meta = first.path("meta");
        assertEquals(List.of(0, 2, "messages"), List.of(meta.path("page").asInt(), meta.path("page_size").asInt(),
                meta.path("key").asText()));
        assertTrue(meta.path("previous_page_url").isNull());
        String next = meta.path("next_page_url").asText();
        assertTrue(next.startsWith(standIn.baseUrl() + "/v1/Conversations/" + sid + "/Messages?Order=desc&PageSize=2"
                + "&Page=1&PageToken=PA"), next);
        JsonNode second = StandInControl.json(control.get(next.substring(standIn.baseUrl().length()), accountSid, token));
        assertEquals(List.of(0), List.of(second.path("messages").path(0).path("index").asInt()));
        assertNull(second.path("meta").path("next_page_url").textValue());
        assertTrue(second.path("meta").path("previous_page_url").asText().contains("Page=0&PageToken=PB"));
    }

    @Test
    void conversationsAreFilteredByState() {
        String closed = Conversation.creator().create(client).getSid();
        Conversation.updater(closed).setState(Conversation.State.CLOSED).update(client);

        List<String> active = StreamSupport.stream(Conversation.reader().setState(Conversation.State.ACTIVE).setPageSize(1L)
                .read(client).spliterator(), false).map(Conversation::getSid).toList();

        assertEquals(List.of(sid), active);
    }

    @Test
    void participantsAreReadAcrossPages() {
        List<String> made = IntStream.range(0, 5)
                .mapToObj(i -> Participant.creator(sid).setIdentity("worker-" + i).create(client).getSid()).toList();

        List<String> read = StreamSupport.stream(Participant.reader(sid).setPageSize(2L).read(client).spliterator(), false)
                .map(Participant::getSid).toList();

        assertEquals(made, read);
    }
}
