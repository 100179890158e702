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

    /**
     * The pixel count an image's header declares, read without decoding it (PNG: IHDR width x height; GIF: logical
     * screen), or -1 when the type's header is not read (JPEG, WebP, PDF). A few bytes can declare a bitmap of
     * gigabytes: every client decoding it would be the victim.
     */
    static long declaredPixels(byte[] bytes, String type) {
        if ("image/png".equals(type) && ascii(bytes, 12, "IHDR") && bytes.length >= 24) {
            return bigEndian32(bytes, 16) * bigEndian32(bytes, 20);
        }
        if ("image/gif".equals(type) && bytes.length >= 10) {
            return littleEndian16(bytes, 6) * littleEndian16(bytes, 8);
        }
        return -1;
    }

    private static long bigEndian32(byte[] bytes, int offset) {
        return ((bytes[offset] & 0xFFL) << 24) | ((bytes[offset + 1] & 0xFFL) << 16) | ((bytes[offset + 2] & 0xFFL) << 8)
                | (bytes[offset + 3] & 0xFFL);
    }

    private static long littleEndian16(byte[] bytes, int offset) {
        return (bytes[offset] & 0xFFL) | ((bytes[offset + 1] & 0xFFL) << 8);
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
