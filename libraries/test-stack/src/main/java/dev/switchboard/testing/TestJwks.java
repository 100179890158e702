package dev.switchboard.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A project's published signing keys, as Supabase Auth serves them at {@code /auth/v1/.well-known/jwks.json}: one
 * RS256 and one ES256 key, made fresh for each test JVM and served from {@link #url()} (a plain JDK HTTP server), so
 * that services under test verify asymmetric tokens through their real JWKS path. {@link TestTokens} signs with them.
 */
public final class TestJwks {

    public static final String RSA_KID = "test-rsa";
    public static final String EC_KID = "test-ec";

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final KeyPair RSA = generate("RSA", null);
    private static final KeyPair EC = generate("EC", new ECGenParameterSpec("secp256r1"));
    private static final AtomicInteger READS = new AtomicInteger();
    private static HttpServer server;

    private TestJwks() {
    }

    /** The JWKS URL; the server starts on first use and lives as long as the JVM. */
    public static synchronized String url() {
        if (server == null) {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.createContext("/auth/v1/.well-known/jwks.json", exchange -> {
                READS.incrementAndGet();
                byte[] body = document().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.setExecutor(null);
            server.start();
        }
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/auth/v1/.well-known/jwks.json";
    }

    /** How often the key set was read: a service reads it once, not per token. */
    public static int reads() {
        return READS.get();
    }

    static String document() {
        RSAPublicKey rsa = (RSAPublicKey) RSA.getPublic();
        ECPublicKey ec = (ECPublicKey) EC.getPublic();
        return "{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"" + RSA_KID + "\",\"alg\":\"RS256\",\"use\":\"sig\",\"n\":\""
                + B64.encodeToString(unsigned(rsa.getModulus(), 0)) + "\",\"e\":\""
                + B64.encodeToString(unsigned(rsa.getPublicExponent(), 0)) + "\"},"
                + "{\"kty\":\"EC\",\"kid\":\"" + EC_KID + "\",\"alg\":\"ES256\",\"use\":\"sig\",\"crv\":\"P-256\",\"x\":\""
                + B64.encodeToString(unsigned(ec.getW().getAffineX(), 32)) + "\",\"y\":\""
                + B64.encodeToString(unsigned(ec.getW().getAffineY(), 32)) + "\"}]}";
    }

    /** RS256 or ES256 signature of {@code signingInput} with this JVM's key for that algorithm. */
    static byte[] sign(String algorithm, byte[] signingInput) {
        try {
            PrivateKey key = "RS256".equals(algorithm) ? RSA.getPrivate() : EC.getPrivate();
            // JWS wants ES256 as the raw r||s pair (RFC 7518 3.4), which is the JDK's P1363 format.
            Signature signature = Signature.getInstance("RS256".equals(algorithm) ? "SHA256withRSA"
                    : "SHA256withECDSAinP1363Format");
            signature.initSign(key);
            signature.update(signingInput);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] unsigned(BigInteger value, int length) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        if (length > bytes.length) {
            byte[] padded = new byte[length];
            System.arraycopy(bytes, 0, padded, length - bytes.length, bytes.length);
            return padded;
        }
        return bytes;
    }

    private static KeyPair generate(String algorithm, ECGenParameterSpec spec) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            if (spec != null) {
                generator.initialize(spec);
            } else {
                generator.initialize(2048);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
