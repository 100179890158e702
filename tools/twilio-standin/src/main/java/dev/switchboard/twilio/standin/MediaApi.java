package dev.switchboard.twilio.standin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Media put through the control API, where Twilio serves it:
 * <ul>
 * <li>Messaging: the bytes at {@code .../Messages/{MessageSid}/Media/{Sid}} (what a webhook's {@code MediaUrlN}
 * points at), the Media resource JSON at {@code .../Media/{Sid}.json}, and the list of a received message's media at
 * {@code .../Messages/{MessageSid}/Media.json};</li>
 * <li>Conversations (Twilio's Media Content Service, mcs.us1.twilio.com): the media JSON at
 * {@code /v1/Services/{ChatServiceSid}/Media/{Sid}}, the bytes at {@code .../Content} and at the unauthenticated
 * temporary link {@code links.content_direct_temporary}, as Twilio's CDN would serve them.</li>
 * </ul>
 */
final class MediaApi {

    private static final String MEDIA = MessagingApi.BASE + "/{MessageSid}/Media/{Sid}";
    private static final String MCS_MEDIA = "/v1/Services/{ChatServiceSid}/Media/{Sid}";
    static final String TEMPORARY = ControlApi.PREFIX + "/media-cdn/{Sid}";

    private final OpenApiDescription description;
    private final MediaStore store;
    private final MessagingStore messages;
    private final String baseUrl;

    MediaApi(OpenApiDescription description, MediaStore store, MessagingStore messages, String baseUrl) {
        this.description = description;
        this.store = store;
        this.messages = messages;
        this.baseUrl = baseUrl;
    }

    void register(Routes routes) {
        routes.add("GET", MessagingApi.BASE + "/{MessageSid}/Media.json", this::list)
                .add("GET", MEDIA + ".json", this::resource)
                .add("GET", MEDIA, this::content)
                .add("GET", MCS_MEDIA, this::contentServiceMedia)
                .add("GET", MCS_MEDIA + "/Content", this::content);
    }

    /** The temporary link needs no credentials, like Twilio's CDN URL: it is registered with the control API. */
    void registerTemporaryLinks(Routes control) {
        control.add("GET", TEMPORARY, this::content);
    }

    private StandInResponse content(StandInRequest request, Map<String, String> path) {
        return store.get(path.get("Sid"))
                .map(media -> StandInResponse.bytes(200, media.contentType(), media.bytes()))
                .orElseGet(() -> StandInResponse.notFound(request.path()));
    }

    private StandInResponse resource(StandInRequest request, Map<String, String> path) {
        return store.get(path.get("Sid"))
                .map(media -> StandInResponse.json(200, description.resource("api.v2010.account.message.media",
                        values(path, media))))
                .orElseGet(() -> StandInResponse.notFound(request.path()));
    }

    /** The media a received message carries, paged as Twilio pages ({@link Paging}). */
    private StandInResponse list(StandInRequest request, Map<String, String> path) {
        String messageSid = path.get("MessageSid");
        if (messages.get(messageSid).filter(m -> m.path("account_sid").asText().equals(path.get("AccountSid"))).isEmpty()) {
            return StandInResponse.notFound(request.path());
        }
        List<ObjectNode> items = messages.mediaOf(messageSid).stream()
                .flatMap(sid -> store.get(sid).stream())
                .map(media -> description.resource("api.v2010.account.message.media", values(path, media)))
                .toList();
        Paging.Page<ObjectNode> page = Paging.of(request, items);
        return StandInResponse.json(200, page.v2010("media_list",
                "/2010-04-01/Accounts/" + path.get("AccountSid") + "/Messages/" + messageSid + "/Media.json"));
    }

    private StandInResponse contentServiceMedia(StandInRequest request, Map<String, String> path) {
        return store.get(path.get("Sid"))
                .map(media -> StandInResponse.json(200, contentServiceValues(request, path, media)))
                .orElseGet(() -> StandInResponse.notFound(request.path()));
    }

    private Map<String, Object> contentServiceValues(StandInRequest request, Map<String, String> path,
                                                     MediaStore.Media media) {
        String now = TwilioTime.iso(Instant.now());
        String self = "/v1/Services/" + path.get("ChatServiceSid") + "/Media/" + media.sid();
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("sid", media.sid());
        values.put("account_sid", request.accountSid());
        values.put("service_sid", path.get("ChatServiceSid"));
        values.put("date_created", now);
        values.put("date_upload_updated", now);
        values.put("date_updated", now);
        values.put("links", Map.of(
                "content", self + "/Content",
                "content_direct_temporary", baseUrl + TEMPORARY.replace("{Sid}", media.sid())));
        values.put("size", media.bytes().length);
        values.put("content_type", media.contentType());
        values.put("filename", media.filename());
        values.put("author", null);
        values.put("category", "media");
        values.put("message_sid", null);
        values.put("channel_sid", null);
        values.put("url", self);
        values.put("is_multipart_upstream", false);
        return values;
    }

    private static Map<String, Object> values(Map<String, String> path, MediaStore.Media media) {
        String now = TwilioTime.rfc2822(Instant.now());
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("account_sid", path.get("AccountSid"));
        values.put("content_type", media.contentType());
        values.put("date_created", now);
        values.put("date_updated", now);
        values.put("parent_sid", path.get("MessageSid"));
        values.put("sid", media.sid());
        values.put("uri", "/2010-04-01/Accounts/" + path.get("AccountSid") + "/Messages/" + path.get("MessageSid")
                + "/Media/" + media.sid() + ".json");
        return values;
    }
}
