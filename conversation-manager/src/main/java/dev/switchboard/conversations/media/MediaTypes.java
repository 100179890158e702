package dev.switchboard.conversations.media;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** What the bytes are, from their first bytes: a stored item is served with this type, never with a claimed one. */
final class MediaTypes {

    private MediaTypes() {
    }

    /** The MIME type the magic bytes prove, or null when they match none we accept. */
    static String sniff(byte[] bytes) {
        if (startsWith(bytes, 0, 0xFF, 0xD8, 0xFF)) {
            return "image/jpeg";
        }
        if (startsWith(bytes, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return "image/png";
        }
        if (ascii(bytes, 0, "GIF87a") || ascii(bytes, 0, "GIF89a")) {
            return "image/gif";
        }
        if (ascii(bytes, 0, "RIFF") && ascii(bytes, 8, "WEBP")) {
            return "image/webp";
        }
        if (ascii(bytes, 0, "%PDF-")) {
            return "application/pdf";
        }
        return null;
    }

    private static boolean ascii(byte[] bytes, int offset, String text) {
        byte[] expected = text.getBytes(StandardCharsets.US_ASCII);
        return bytes.length >= offset + expected.length
                && Arrays.equals(bytes, offset, offset + expected.length, expected, 0, expected.length);
    }

    private static boolean startsWith(byte[] bytes, int offset, int... expected) {
        if (bytes.length < offset + expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if ((bytes[offset + i] & 0xFF) != expected[i]) {
                return false;
            }
        }
        return true;
    }
}
