package dev.switchboard.conversations.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MediaTypesTest {

    @Test
    void magicBytesNameTheType() {
        assertEquals("image/jpeg", MediaTypes.sniff(new byte[] { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0 }));
        assertEquals("image/png", MediaTypes.sniff(new byte[] { (byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A }));
        assertEquals("image/gif", MediaTypes.sniff(ascii("GIF87a....")));
        assertEquals("image/webp", MediaTypes.sniff(ascii("RIFF\0\0\0\0WEBPVP8 ")));
        assertEquals("application/pdf", MediaTypes.sniff(ascii("%PDF-1.7")));
    }

    @Test
    void anythingElseIsNoAcceptedType() {
        assertNull(MediaTypes.sniff(ascii("<html><script>")));
        assertNull(MediaTypes.sniff(ascii("RIFF\0\0\0\0WAVE")));
        assertNull(MediaTypes.sniff(new byte[] { (byte) 0xFF }));
        assertNull(MediaTypes.sniff(new byte[0]));
    }

    @Test
    void headerDimensionsAreReadWithoutDecoding() {
        byte[] png = ascii("\u0089PNG\r\n\u001a\n\0\0\0\rIHDR\0\u0001\u0086\u00a0\0\0\u0003\u00e8");
        assertEquals(100_000L * 1_000, MediaTypes.declaredPixels(png, "image/png"));
        assertEquals(65_535L * 65_535, MediaTypes.declaredPixels(ascii("GIF89a\u00ff\u00ff\u00ff\u00ff"), "image/gif"));
        assertEquals(-1, MediaTypes.declaredPixels(ascii("\u0089PNG\r\n\u001a\n"), "image/png"));
        assertEquals(-1, MediaTypes.declaredPixels(new byte[] { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0 }, "image/jpeg"));
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
