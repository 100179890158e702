package dev.switchboard.conversations.media;

/** One downloaded media item of a message, with the content type its bytes were checked to have. */
public record StoredMedia(String messageSid, int index, String mediaSid, String contentType, byte[] bytes) {
}
