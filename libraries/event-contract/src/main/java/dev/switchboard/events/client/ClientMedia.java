package dev.switchboard.events.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * One attachment of a {@link ClientMessage}.
 *
 * @param url where a client fetches the bytes with its bearer token: {@link #path} on conversation-manager's API (not
 *            Twilio's URL, which needs Switchboard's Twilio credentials)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ClientMedia(int index, String sid, String contentType, String filename, Long size, String url) {

    /** The API path of a message's media item, the same on every API and the stream. */
    public static String path(String messageSid, int index) {
        return "/messages/" + messageSid + "/media/" + index;
    }
}
