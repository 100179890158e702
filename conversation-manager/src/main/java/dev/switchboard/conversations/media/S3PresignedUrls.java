package dev.switchboard.conversations.media;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Presigned GET URLs of objects in the S3 media store: path-style like {@link S3MediaStore}'s own requests, signed
 * with its credentials, so a browser fetches the object straight from the bucket without any credentials of its own.
 */
final class S3PresignedUrls {

    private final URI endpoint;
    private final String host;
    private final String bucket;
    private final AwsSigV4 signer;

    S3PresignedUrls(MediaConfig.S3 s3) {
        this.endpoint = URI.create(s3.endpoint().orElse("https://s3." + s3.region() + ".amazonaws.com"));
        this.host = endpoint.getPort() < 0 ? endpoint.getHost() : endpoint.getHost() + ":" + endpoint.getPort();
        this.bucket = s3.bucket();
        this.signer = new AwsSigV4(s3.accessKey().orElseThrow(() -> missing("MEDIA_S3_ACCESS_KEY")),
                s3.secretKey().orElseThrow(() -> missing("MEDIA_S3_SECRET_KEY")), s3.region(), "s3", Clock.systemUTC());
    }

    /** The object {@code key}'s URL, signed at {@code signedAt} and valid for {@code validFor} from then. */
    String url(String key, Instant signedAt, Duration validFor) {
        String path = "/" + AwsSigV4.uriEncode(bucket) + "/" + encodedKey(key);
        return endpoint.resolve(path) + "?" + signer.presignedQuery("GET", host, path, signedAt, validFor);
    }

    /** Each segment encoded, the slashes kept: the canonical URI S3 expects. */
    static String encodedKey(String key) {
        return Arrays.stream(key.split("/", -1)).map(AwsSigV4::uriEncode).collect(Collectors.joining("/"));
    }

    private static IllegalStateException missing(String variable) {
        return new IllegalStateException("signed feed image URLs with MEDIA_STORE=s3 need " + variable);
    }
}
