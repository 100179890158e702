package dev.switchboard.twilio.standin;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Media bytes put through the control API, served at Twilio's media URLs. */
final class MediaStore {

    /** @param filename as the uploader named it; null when none was given */
    record Media(String sid, String contentType, String filename, byte[] bytes) {
    }

    private final Map<String, Media> media = new ConcurrentHashMap<>();

    void put(Media item) {
        media.put(item.sid(), item);
    }

    Optional<Media> get(String sid) {
        return Optional.ofNullable(media.get(sid));
    }
}
