package dev.switchboard.conversations.media;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The example "GET Object" request of AWS's Signature Version 4 documentation for S3, with its published signature. */
class AwsSigV4Test {

    @Test
    void signsAwssPublishedGetObjectExampleExactly() {
        AwsSigV4 signer = new AwsSigV4("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "us-east-1", "s3",
                Clock.fixed(Instant.parse("2013-05-24T00:00:00Z"), ZoneOffset.UTC));

        Map<String, String> headers = signer.sign("GET", "examplebucket.s3.amazonaws.com", "/test.txt",
                Map.of("Range", "bytes=0-9"), new byte[0]);

        assertEquals("20130524T000000Z", headers.get("x-amz-date"));
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", headers.get("x-amz-content-sha256"));
        assertEquals("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, "
                + "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, "
                + "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41", headers.get("authorization"));
    }
}
