package dev.switchboard.cli.simulate;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * The photos a simulated WhatsApp message carries. Twilio holds a message's media and Switchboard downloads it from
 * Twilio; here the stand-in plays Twilio, so each photo is stored in it first ({@code PUT /_standin/media/{sid}}),
 * and the message Switchboard receives names media it can really download and store.
 */
final class SimulatedPhotos {

    private final HttpClient http = HttpClient.newHttpClient();
    private byte[] jpeg;

    void store(TwilioSimulator.Options options, String mediaSid) {
        String standIn = options.get("media-standin", defaultStandIn(System.getenv())).replaceFirst("/+$", "");
        URI uri = URI.create(standIn + "/_standin/media/" + mediaSid);
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(uri).header("Content-Type", "image/jpeg")
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(photo())).build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() / 100 != 2) {
                throw new IllegalArgumentException("the stand-in at " + standIn + " refused the photo: "
                        + answer.statusCode() + " " + answer.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the photo in the Twilio stand-in at " + standIn
                    + " (is the suite up? --media-standin names another)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String defaultStandIn(Map<String, String> env) {
        String base = env.get("TWILIO_API_BASE_URL");
        if (base != null && !base.isBlank()) {
            return base;
        }
        return "http://127.0.0.1:" + env.getOrDefault("TWILIO_STANDIN_PORT", "8099");
    }

    /** A real JPEG (a small colour card), so that content checks downstream see a photo. */
    private synchronized byte[] photo() {
        if (jpeg == null) {
            BufferedImage image = new BufferedImage(96, 64, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = image.createGraphics();
            g.setColor(new Color(0x2E7D32));
            g.fillRect(0, 0, 96, 64);
            g.setColor(Color.WHITE);
            g.fillOval(28, 12, 40, 40);
            g.dispose();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                ImageIO.write(image, "jpg", out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            jpeg = out.toByteArray();
        }
        return jpeg;
    }
}
