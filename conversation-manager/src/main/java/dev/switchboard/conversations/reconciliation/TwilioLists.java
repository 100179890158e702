package dev.switchboard.conversations.reconciliation;

import com.twilio.base.Page;
import com.twilio.base.Reader;
import com.twilio.base.Resource;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.message.Media;
import com.twilio.rest.conversations.v1.service.conversation.Participant;
import dev.switchboard.twilio.TwilioClients;
import dev.switchboard.twilio.TwilioConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Twilio's own lists, read page by page through {@link TwilioPages} (which waits out 429s): the account's Messaging
 * messages by date sent, a message's media, and a Conversation's messages (newest first) and participants. The SDK
 * blocks: callers run on a worker thread.
 */
@ApplicationScoped
public class TwilioLists {

    private final TwilioRestClient client;
    private final TwilioPages pages;
    private final String accountSid;
    private final String serviceSid;
    private final long pageSize;

    public TwilioLists(TwilioConfig twilio, ReconciliationConfig config, TwilioPages pages) {
        this.client = TwilioClients.create(twilio.accountSid(), twilio.authToken(), twilio.apiBaseUrl(),
                twilio.timeout());
        this.pages = pages;
        this.accountSid = twilio.accountSid();
        this.serviceSid = TwilioConfig.requireConversationsServiceSid(twilio);
        this.pageSize = config.pageSize();
    }

    /** Messages sent or received from {@code since} to {@code until}, page by page, while {@code eachPage} says go on. */
    public void messages(Instant since, Instant until, Predicate<List<Message>> eachPage) {
        walk(Message.reader(accountSid)
                .setDateSentAfter(since.atZone(ZoneOffset.UTC))
                .setDateSentBefore(until.atZone(ZoneOffset.UTC))
                .setPageSize(pageSize), eachPage);
    }

    /** The media of a received message, in their order. */
    public List<Media> media(String messageSid) {
        List<Media> media = new ArrayList<>();
        walk(Media.reader(accountSid, messageSid).setPageSize(pageSize), page -> media.addAll(page));
        return media;
    }

    /** A Conversation's messages, newest first, page by page, while {@code eachPage} says go on. */
    public void conversationMessages(String conversationSid,
            Predicate<List<com.twilio.rest.conversations.v1.service.conversation.Message>> eachPage) {
        walk(com.twilio.rest.conversations.v1.service.conversation.Message.reader(serviceSid, conversationSid)
                .setOrder(com.twilio.rest.conversations.v1.service.conversation.Message.OrderType.DESC)
                .setPageSize(pageSize), eachPage);
    }

    /** Everyone who takes part in a Conversation now. */
    public List<Participant> participants(String conversationSid) {
        List<Participant> participants = new ArrayList<>();
        walk(Participant.reader(serviceSid, conversationSid).setPageSize(pageSize), participants::addAll);
        return participants;
    }

    public String accountSid() {
        return accountSid;
    }

    public String serviceSid() {
        return serviceSid;
    }

    private <T extends Resource> void walk(Reader<T> reader, Predicate<List<T>> eachPage) {
        Page<T> page = pages.fetch(() -> reader.firstPage(client));
        while (eachPage.test(page.getRecords()) && page.hasNextPage()) {
            Page<T> current = page;
            page = pages.fetch(() -> reader.nextPage(current, client));
        }
    }
}
