package dev.switchboard.twilio.standin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.twilio.rest.api.v2010.account.message.Media;
import dev.switchboard.twilio.TwilioClients;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MediaApiTest {

    private static final String TOKEN = TestData.authToken();

    private static TwilioStandIn standIn;
    private static StandInControl control;

    @BeforeAll
    static void start() {
        standIn = TwilioStandIn.start(0, new StandInSettings(Optional.of(TOKEN), false));
        control = new StandInControl(standIn.baseUrl());
    }

    @AfterAll
    static void stop() {
        standIn.close();
    }

    @Test
    void mediaBytesAreServedByteExactWithTheirContentType() {
        String accountSid = TestData.accountSid();
        String mediaSid = Sids.next("ME");
        byte[] image = randomBytes(70_000);
        assertEquals(201, control.putMedia(mediaSid, "image/png", image).statusCode());

        HttpResponse<byte[]> served = control.get(mediaUrl(accountSid, mediaSid), accountSid, TOKEN);

        assertEquals(200, served.statusCode());
        assertEquals("image/png", served.headers().firstValue("Content-Type").orElseThrow());
        assertArrayEquals(image, served.body());
    }

    @Test
    void mediaNeedsBasicAuthOfThePathsAccountWithItsToken() {
        String accountSid = TestData.accountSid();
        String mediaSid = Sids.next("ME");
        control.putMedia(mediaSid, "image/jpeg", randomBytes(10));

        assertEquals(401, control.get(mediaUrl(accountSid, mediaSid), null, null).statusCode());
        assertEquals(401, control.get(mediaUrl(accountSid, mediaSid), accountSid, "wrong-token").statusCode());
        assertEquals(401, control.get(mediaUrl(accountSid, mediaSid), TestData.accountSid(), TOKEN).statusCode());
        assertEquals(200, control.get(mediaUrl(accountSid, mediaSid), accountSid, TOKEN).statusCode());
    }

    @Test
    void unknownMediaIsNotFound() {
        String accountSid = TestData.accountSid();

        HttpResponse<byte[]> response = control.get(mediaUrl(accountSid, Sids.next("ME")), accountSid, TOKEN);

        assertEquals(404, response.statusCode());
        assertEquals(20404, StandInControl.json(response).path("code").asInt());
    }

    @Test
    void mediaResourceJsonIsParsedByTheSdk() {
        String accountSid = TestData.accountSid();
        String messageSid = Sids.next("MM");
        String mediaSid = Sids.next("ME");
        control.putMedia(mediaSid, "image/gif", randomBytes(5));

        Media media = Media.fetcher(accountSid, messageSid, mediaSid)
                .fetch(TwilioClients.create(accountSid, TOKEN, Optional.of(standIn.baseUrl())));

        assertEquals("image/gif", media.getContentType());
        assertEquals(messageSid, media.getParentSid());
        assertEquals(mediaSid, media.getSid());
    }

    @Test
    void conversationsMediaIsServedByTheMediaContentService() {
        String accountSid = TestData.accountSid();
        String service = Sids.next("IS");
        String mediaSid = Sids.next("ME");
        byte[] photo = randomBytes(2_000);
        control.putMediaNamed(mediaSid, "image/jpeg", "photo.jpg", photo);

        HttpResponse<byte[]> metadata = control.get("/v1/Services/" + service + "/Media/" + mediaSid, accountSid, TOKEN);
        var json = StandInControl.json(metadata);
        String temporary = json.path("links").path("content_direct_temporary").asText();
        HttpResponse<byte[]> direct = control.get(temporary.substring(standIn.baseUrl().length()), null, null);
        HttpResponse<byte[]> content = control.get(json.path("links").path("content").asText(), accountSid, TOKEN);

        assertEquals(List.of(200, "image/jpeg", "photo.jpg", 2_000), List.of(metadata.statusCode(),
                json.path("content_type").asText(), json.path("filename").asText(), json.path("size").asInt()));
        assertArrayEquals(photo, direct.body());
        assertArrayEquals(photo, content.body());
        assertEquals(401, control.get(json.path("links").path("content").asText(), null, null).statusCode());
    }

    private static String mediaUrl(String accountSid, String mediaSid) {
        return "/2010-04-01/Accounts/" + accountSid + "/Messages/" + Sids.next("MM") + "/Media/" + mediaSid;
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }
}
