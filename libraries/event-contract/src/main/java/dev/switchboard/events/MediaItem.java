package dev.switchboard.events;

/**
 * One media attachment as Twilio announced it.
 *
 * @param sid         Twilio media SID when known (Conversations), else null
 * @param url         where Twilio serves the bytes (Messaging {@code MediaUrlN}); null for Conversations media
 * @param contentType MIME type Twilio reported
 */
public record MediaItem(String sid, String url, String contentType, String filename, Long size) {
}
