package dev.switchboard.ingest.twilio;

import java.nio.charset.StandardCharsets;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Every one-byte change of a valid signed request: each body byte with its lowest bit flipped (a different ASCII
 * character, or an invalid percent escape) and with its highest bit flipped (a non-ASCII byte); each signature
 * character with its lowest bit flipped (base64 stays base64, padding '=' becomes '<'); each character of the path
 * and query after the leading slash replaced by another URL-safe one.
 */
final class OneByteMutations {

    private OneByteMutations() {
    }

    record Mutation(String part, int position, WireRequest request) {

        @Override
        public String toString() {
            return part + "[" + position + "]";
        }
    }

    static Stream<Mutation> of(WireRequest valid) {
        return Stream.of(body(valid, 0x01), body(valid, 0x80), signature(valid), url(valid)).flatMap(s -> s);
    }

    private static Stream<Mutation> body(WireRequest valid, int bit) {
        return IntStream.range(0, valid.body().length).mapToObj(i -> {
            byte[] body = valid.body().clone();
            body[i] ^= (byte) bit;
            return new Mutation("body^0x" + Integer.toHexString(bit), i, valid.withBody(body));
        });
    }

    private static Stream<Mutation> signature(WireRequest valid) {
        String signature = valid.signature();
        return IntStream.range(0, signature.length()).mapToObj(i -> new Mutation("signature", i,
                valid.withHeader(WireRequest.SIGNATURE, replaced(signature, i, (char) (signature.charAt(i) ^ 0x01)))));
    }

    private static Stream<Mutation> url(WireRequest valid) {
        String path = valid.path();
        return IntStream.range(1, path.length()).mapToObj(i -> new Mutation("url", i,
                valid.withPath(replaced(path, i, path.charAt(i) == 'a' ? 'b' : 'a'))));
    }

    private static String replaced(String text, int index, char replacement) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        bytes[index] = (byte) replacement;
        return new String(bytes, StandardCharsets.US_ASCII);
    }
}
