package dev.switchboard.conversations.media;

import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import java.net.URI;
import java.time.Clock;
import java.util.Map;

/**
 * Bytes in S3-compatible object storage (the FastAPI backend's "notes" bucket, docs/migrating.md; MinIO locally),
 * metadata in {@code media_objects} ({@code storage = 's3'}). Objects are addressed path-style
 * ({@code endpoint/bucket/key}), which every S3-compatible server understands, and signed with AWS Signature V4.
 */
@ApplicationScoped
@Typed(S3MediaStore.class)
public class S3MediaStore implements MediaStore {

    static final String STORAGE = "s3";

    private final Pool pool;
    private final WebClient http;
    private final URI endpoint;
    private final String bucket;
    private final AwsSigV4 signer;
    private final long timeoutMillis;

    public S3MediaStore(Pool pool, Vertx vertx, MediaConfig config) {
        MediaConfig.S3 s3 = config.s3();
        this.pool = pool;
        // As many connections as media archived at once, and one for the retry job (Vert.x' default is 5 per host).
        this.http = WebClient.create(vertx, new WebClientOptions().setMaxPoolSize(config.maxInFlight() + 1));
        this.endpoint = URI.create(s3.endpoint().orElse("https://s3." + s3.region() + ".amazonaws.com"));
        this.bucket = s3.bucket();
        this.signer = new AwsSigV4(s3.accessKey().orElseThrow(() -> missing("MEDIA_S3_ACCESS_KEY")),
                s3.secretKey().orElseThrow(() -> missing("MEDIA_S3_SECRET_KEY")), s3.region(), "s3", Clock.systemUTC());
        this.timeoutMillis = config.requestTimeout().toMillis();
    }

    @Override
    public Uni<Void> put(StoredMedia media) {
        String path = objectPath(MediaObjects.key(media.messageSid(), media.index()));
        return send(http.putAbs(endpoint.resolve(path).toString()), path, media.bytes(),
                Map.of("content-type", media.contentType()))
                .invoke(response -> requireSuccess(response, "PUT " + path))
                .chain(() -> MediaObjects.record(pool, media, STORAGE, null));
    }

    @Override
    public Uni<StoredMedia> get(String messageSid, int index) {
        return MediaObjects.find(pool, messageSid, index, STORAGE)
                .onItem().ifNotNull().transformToUni(row -> {
                    String path = objectPath(row.getString("storage_key"));
                    return send(http.getAbs(endpoint.resolve(path).toString()), path, new byte[0], Map.of())
                            .invoke(response -> requireSuccess(response, "GET " + path))
                            .map(response -> new StoredMedia(messageSid, index, row.getString("media_sid"),
                                    row.getString("content_type"), response.bodyAsBuffer().getBytes()));
                });
    }

    /** The object first, then its row: a failure in between leaves the row, and erasing again deletes both. */
    @Override
    public Uni<Void> delete(String messageSid, int index) {
        return MediaObjects.find(pool, messageSid, index, STORAGE)
                .onItem().ifNotNull().transformToUni(row -> {
                    String path = objectPath(row.getString("storage_key"));
                    return send(http.deleteAbs(endpoint.resolve(path).toString()), path, new byte[0], Map.of())
                            .invoke(response -> {
                                if (response.statusCode() != 404) {
                                    requireSuccess(response, "DELETE " + path);
                                }
                            })
                            .replaceWithVoid();
                })
                .chain(() -> MediaObjects.remove(pool, messageSid, index));
    }

    private Uni<HttpResponse<Buffer>> send(HttpRequest<Buffer> request, String path, byte[] body,
            Map<String, String> headers) {
        headers.forEach(request::putHeader);
        String host = endpoint.getPort() < 0 ? endpoint.getHost() : endpoint.getHost() + ":" + endpoint.getPort();
        signer.sign(request.method().name(), host, path, headers, body).forEach(request::putHeader);
        // Connect and idle timeout: the media channel waits for this call, and a store that stopped answering would
        // otherwise hold it up for good.
        return request.timeout(timeoutMillis).sendBuffer(Buffer.buffer(body));
    }

    private String objectPath(String key) {
        return "/" + bucket + "/" + key;
    }

    private static void requireSuccess(HttpResponse<Buffer> response, String what) {
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("object storage refused " + what + ": " + response.statusCode() + " "
                    + response.bodyAsString());
        }
    }

    private static IllegalStateException missing(String variable) {
        return new IllegalStateException("MEDIA_STORE=s3 needs " + variable);
    }
}
