package dev.switchboard.conversations.media;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;
import java.util.List;

/** How media items are fetched from Twilio and kept (prefix {@code switchboard.media}). */
@ConfigMapping(prefix = "switchboard.media")
public interface MediaConfig {

    /** Largest item accepted, in bytes (Twilio's own limit is 5 MB per message). */
    @WithDefault("5242880")
    long maxBytes();

    /** Largest image accepted, in declared pixels (width x height, read from the header, never decoded). */
    @WithDefault("100000000")
    long maxPixels();

    /** Hosts media is fetched from; {@code *.example.com} allows subdomains. Anything else is never contacted. */
    @WithDefault("api.twilio.com,media.twiliocdn.com,mcs.us1.twilio.com,*.twilio.com")
    List<String> allowedHosts();

    /** How often a 404 is retried: Twilio may announce media a moment before it serves it. */
    @WithDefault("3")
    int notFoundRetries();

    /** Wait before each 404 retry. */
    @WithDefault("500ms")
    Duration notFoundDelay();

    /**
     * Time limit of one HTTP request to Twilio or to the S3 store: to connect, and between two reads of its answer.
     * The media channel has no other guard against a server that stops answering (its watchdog is off).
     */
    @WithDefault("20s")
    Duration requestTimeout();

    /** Redirect hops followed (each checked against the allowlist, none sent the credentials). */
    @WithDefault("3")
    int maxRedirects();

    /**
     * MEDIA_MAX_IN_FLIGHT: messages whose media the media channel archives at once (the size of its worker pool,
     * {@code smallrye.messaging.worker.media-downloads.max-concurrency}), so a backlog is worked off that many at a
     * time. The HTTP clients to Twilio and to S3 keep as many connections per host, and one more for the retry job.
     * Each message in flight also takes a database connection now and then (DB_POOL_SIZE, 20): keep it below that.
     */
    @WithDefault("16")
    int maxInFlight();

    /** Wait before a failed download is tried again; doubled per attempt. */
    @WithDefault("1m")
    Duration retryBackoff();

    /** Attempts after which a failed download is left for an operator (media_status stays 'failed'). */
    @WithDefault("10")
    int maxAttempts();

    /** How often the retry job looks for due downloads (read by {@code @Scheduled} as {@code switchboard.media.retry-every}). */
    @WithDefault("30s")
    String retryEvery();

    /** Messages whose media is still 'pending' this long after they were stored are picked up by the retry job. */
    @WithDefault("2m")
    Duration pendingGrace();

    /** MEDIA_STORE: where the bytes go, {@code database} (embedded default) or {@code s3}. */
    @WithDefault("database")
    String store();

    S3 s3();

    /**
     * MEDIA_PUBLIC_BASE_URL: where the bucket is readable without credentials (a public S3 bucket, or a CDN in front
     * of it), e.g. https://notes.s3.us-east-1.amazonaws.com. A feed image is then this plus its object key
     * ({@code {MessageSid}/{index}}), as the FastAPI backend stored it (docs/migrating.md); used when
     * {@code switchboard.feed.image-urls} is {@code public}, and required then.
     */
    Optional<String> publicBaseUrl();

    /** S3-compatible object storage (AWS S3, MinIO, ...), used when {@code store} is {@code s3}. */
    interface S3 {

        /** MEDIA_S3_ENDPOINT, e.g. http://minio:9000; AWS S3 of {@code region} when unset. */
        Optional<String> endpoint();

        /** MEDIA_S3_REGION. */
        @WithDefault("us-east-1")
        String region();

        /** MEDIA_S3_BUCKET: by default the FastAPI backend's bucket name (docs/migrating.md). */
        @WithDefault("notes")
        String bucket();

        /** MEDIA_S3_ACCESS_KEY. */
        Optional<String> accessKey();

        /** MEDIA_S3_SECRET_KEY. */
        Optional<String> secretKey();
    }
}
