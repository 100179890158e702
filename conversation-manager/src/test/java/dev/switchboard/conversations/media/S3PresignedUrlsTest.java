package dev.switchboard.conversations.media;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Presigned URLs against AWS's published example ("Authenticating Requests: Using Query Parameters", GET
 * examplebucket/test.txt valid for 24 hours): s3rver does not check signatures, this test does.
 */
class S3PresignedUrlsTest {

    @Test
    void presignsAwssPublishedQueryStringExampleExactly() {
        AwsSigV4 signer = new AwsSigV4("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "us-east-1",
                "s3", Clock.systemUTC());

        String query = signer.presignedQuery("GET", "examplebucket.s3.amazonaws.com", "/test.txt",
                Instant.parse("2013-05-24T00:00:00Z"), Duration.ofHours(24));

        assertEquals("X-Amz-Algorithm=AWS4-HMAC-SHA256"
                + "&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request"
                + "&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host"
                + "&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404", query);
    }

    @Test
    void objectKeysAreEncodedPerSegment() {
        assertEquals("MM123/0", S3PresignedUrls.encodedKey("MM123/0"));
        assertEquals("a%20b/c%2Bd~e", S3PresignedUrls.encodedKey("a b/c+d~e"));
    }
}
