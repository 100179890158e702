package dev.switchboard.conversations.media;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;

/** Picks the media store by {@code MEDIA_STORE}: {@code database} (the embedded default) or {@code s3}. */
@ApplicationScoped
public class MediaStores {

    @Produces
    @ApplicationScoped
    MediaStore mediaStore(MediaConfig config, Instance<DatabaseMediaStore> database, Instance<S3MediaStore> s3) {
        return switch (config.store()) {
            case DatabaseMediaStore.STORAGE -> database.get();
            case S3MediaStore.STORAGE -> s3.get();
            default -> throw new IllegalStateException("MEDIA_STORE is database or s3, not " + config.store());
        };
    }
}
