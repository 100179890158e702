package dev.switchboard.twilio.standin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.type.PhoneNumber;
import dev.switchboard.twilio.TwilioClients;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MessagingApiTest {

    private static TwilioStandIn standIn;
    private static TwilioRestClient client;
    private static String accountSid;

    @BeforeAll
    static void start() {
        standIn = TwilioStandIn.start(0, new StandInSettings(Optional.empty(), false));
        accountSid = TestData.accountSid();
        client = TwilioClients.create(accountSid, TestData.authToken(), Optional.of(standIn.baseUrl()));
    }

    @AfterAll
    static void stop() {
        standIn.close();
    }

    @Test
    void createdMessageIsQueuedWithEveryFieldTheSdkParses() {
        String to = TestData.phoneNumber();

        Message message = Message.creator(new PhoneNumber(to), new PhoneNumber(TestData.phoneNumber()), "hello there")
                .create(client);

        assertTrue(message.getSid().matches("SM[0-9a-f]{32}"), message.getSid());
        assertEquals(Message.Status.QUEUED, message.getStatus());
        assertEquals(to, message.getTo());
        assertEquals("hello there", message.getBody());
        assertEquals(accountSid, message.getAccountSid());
        assertEquals(Message.Direction.OUTBOUND_API, message.getDirection());
        assertEquals("1", message.getNumSegments());
        assertEquals("0", message.getNumMedia());
        assertTrue(message.getDateCreated() != null, "date_created parsed as RFC 2822");
        assertNull(message.getPrice());
    }

    @Test
    void mediaUrlsAreCountedAndTheMessageCanBeFetched() {
        Message created = Message.creator(new PhoneNumber("whatsapp:" + TestData.phoneNumber()),
                        new PhoneNumber("whatsapp:" + TestData.phoneNumber()),
                        List.of(URI.create("https://example.com/a.png"), URI.create("https://example.com/b.png")))
                .create(client);

        Message fetched = Message.fetcher(created.getSid()).fetch(client);

        assertEquals("2", fetched.getNumMedia());
        assertEquals(created.getTo(), fetched.getTo());
    }

    @Test
    void numberThatIsNotE164IsRejectedWithCode21211() {
        ApiException error = assertThrows(ApiException.class,
                () -> Message.creator(new PhoneNumber("555-1234"), new PhoneNumber(TestData.phoneNumber()), "hi").create(client));

        assertEquals(21211, error.getCode());
        assertEquals(400, error.getStatusCode());
    }

    @Test
    void messageWithoutBodyMediaOrContentIsRejectedWithCode21602() {
        ApiException error = assertThrows(ApiException.class,
                () -> Message.creator(new PhoneNumber(TestData.phoneNumber()), new PhoneNumber(TestData.phoneNumber()), "")
                        .create(client));

        assertEquals(21602, error.getCode());
        assertEquals(400, error.getStatusCode());
    }

    @Test
    void unknownMessageIsNotFoundWithCode20404() {
        ApiException error = assertThrows(ApiException.class, () -> Message.fetcher(Sids.next("SM")).fetch(client));

        assertEquals(20404, error.getCode());
        assertEquals(404, error.getStatusCode());
    }
}
