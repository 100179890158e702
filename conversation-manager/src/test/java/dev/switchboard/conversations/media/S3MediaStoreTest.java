package dev.switchboard.conversations.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.switchboard.conversations.testing.Database;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * MEDIA_STORE=s3: bytes in S3-compatible storage (a real s3rver), metadata in PostgreSQL. s3rver does not check
 * Signature V4, so {@link AwsSigV4Test} proves the signature against AWS's published example.
 */
@QuarkusTest
@TestProfile(S3MediaStoreTest.WithS3.class)
class S3MediaStoreTest {

    public static class WithS3 implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(S3rverTestResource.class));
        }
    }

    @Inject
    MediaStore store;

    @Inject
    Database db;

    @Test
    void mediaIsStoredInTheBucketAndReadBackByteExact() {
        String messageSid = "MM" + System.nanoTime();
        byte[] photo = new byte[300_000];
        ThreadLocalRandom.current().nextBytes(photo);

        store.put(new StoredMedia(messageSid, 1, "ME1", "image/png", photo)).await().atMost(Duration.ofSeconds(20));
        StoredMedia back = store.get(messageSid, 1).await().atMost(Duration.ofSeconds(20));

        assertArrayEquals(photo, back.bytes());
        assertEquals("image/png", back.contentType());
        JsonObject row = db.query("SELECT storage, storage_key, size_bytes, bytes FROM media_objects WHERE message_sid = $1",
                messageSid).get(0);
        assertEquals("s3", row.getString("storage"));
        assertEquals(messageSid + "/1", row.getString("storage_key"));
        assertEquals(300_000, row.getLong("size_bytes"));
        assertNull(row.getValue("bytes"), "the bytes live in the bucket, not in PostgreSQL");
    }

    @Test
    void storingTheSameItemAgainKeepsOneRecord() {
        String messageSid = "MM" + System.nanoTime();
        StoredMedia media = new StoredMedia(messageSid, 0, "ME3", "image/gif", new byte[] { 'G', 'I', 'F' });

        store.put(media).await().atMost(Duration.ofSeconds(20));
        store.put(media).await().atMost(Duration.ofSeconds(20));

        assertEquals(1, db.query("SELECT count(*) AS n FROM media_objects WHERE message_sid = $1", messageSid)
                .get(0).getLong("n"));
        assertNull(store.get(messageSid, 9).await().atMost(Duration.ofSeconds(20)), "nothing stored at index 9");
    }

    @Test
    void deletingAnItemRemovesTheObjectAndItsRecordAndMayBeRepeated() {
        String messageSid = "MM" + System.nanoTime();
        store.put(new StoredMedia(messageSid, 0, "ME4", "image/png", new byte[] { 1, 2, 3 }))
                .await().atMost(Duration.ofSeconds(20));

        store.delete(messageSid, 0).await().atMost(Duration.ofSeconds(20));

        assertEquals(0, db.query("SELECT 1 FROM media_objects WHERE message_sid = $1", messageSid).size());
        assertNull(store.get(messageSid, 0).await().atMost(Duration.ofSeconds(20)));
        // The object is gone from the bucket too: a record pointing at it again finds nothing there.
        db.execute("""
                INSERT INTO media_objects (message_sid, media_index, content_type, size_bytes, sha256, storage, storage_key)
                VALUES ($1, 0, 'image/png', 3, 'x', 's3', $2)""", messageSid, messageSid + "/0");
        Exception missing = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
                () -> store.get(messageSid, 0).await().atMost(Duration.ofSeconds(20)));
        org.junit.jupiter.api.Assertions.assertTrue(String.valueOf(missing.getMessage()).contains("404"),
                String.valueOf(missing.getMessage()));
        store.delete(messageSid, 0).await().atMost(Duration.ofSeconds(20));
        assertEquals(0, db.query("SELECT 1 FROM media_objects WHERE message_sid = $1", messageSid).size(),
                "deleting an object already gone succeeds");
    }
}
