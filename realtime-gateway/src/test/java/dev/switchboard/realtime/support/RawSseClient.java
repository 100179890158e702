package dev.switchboard.realtime.support;

import dev.switchboard.testing.SseEvent;
import dev.switchboard.testing.SseLines;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

/**
 * An SSE stream over a plain socket that reads only when the test asks for the next event: between calls nothing is
 * read, so the server meets a full socket, as with a phone on a slow link. The receive buffer is set before
 * connecting (so the TCP window stays that small) and nothing read is kept: a test can read 100,000 events in
 * constant memory. Decodes HTTP/1.1 chunked transfer coding and SSE lines ({@link SseLines}); comments are counted.
 */
public final class RawSseClient implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final byte[] buffer = new byte[8 * 1024];
    private final SseLines sse = new SseLines();
    private byte[] line = new byte[1024];
    private int lineLength;
    private int position;
    private int limit;
    private long chunkLeft;
    private boolean ended;
    private long bodyBytes;
    private long comments;

    private RawSseClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
    }

    /**
     * Sends {@code GET path} and reads the response head; fails unless it is a chunked 200.
     *
     * @param headers name, value, name, value…
     */
    public static RawSseClient open(URI uri, String pathAndQuery, int receiveBufferBytes, String... headers) {
        try {
            Socket socket = new Socket();
            socket.setReceiveBufferSize(receiveBufferBytes);
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5_000);
            socket.setSoTimeout(15_000);
            StringBuilder request = new StringBuilder("GET ").append(pathAndQuery).append(" HTTP/1.1\r\n")
                    .append("Host: ").append(uri.getHost()).append(':').append(uri.getPort()).append("\r\n")
                    .append("Accept: text/event-stream\r\n");
            for (int i = 0; i < headers.length; i += 2) {
                request.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
            }
            socket.getOutputStream().write(request.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
            RawSseClient client = new RawSseClient(socket);
            client.readHead();
            return client;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next event the server sent, waiting for it up to {@code timeout}. */
    public SseEvent next(Duration timeout) {
        try {
            socket.setSoTimeout((int) timeout.toMillis());
            while (true) {
                if (ended) {
                    throw new AssertionError("the stream ended");
                }
                int b = bodyByte();
                if (b < 0) {
                    continue;
                }
                if (b != '\n') {
                    append((byte) b);
                    continue;
                }
                int length = lineLength > 0 && line[lineLength - 1] == '\r' ? lineLength - 1 : lineLength;
                String text = new String(line, 0, length, StandardCharsets.UTF_8);
                lineLength = 0;
                if (text.startsWith(":")) {
                    comments++;
                    continue;
                }
                SseEvent event = sse.accept(text);
                if (event != null) {
                    return event;
                }
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no event within " + timeout, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The receive buffer the kernel actually gave the socket (Linux doubles what was asked). */
    public int receiveBufferBytes() {
        try {
            return socket.getReceiveBufferSize();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Decoded body bytes read so far. */
    public long bodyBytes() {
        return bodyBytes;
    }

    public long comments() {
        return comments;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    private void readHead() throws IOException {
        String status = rawLine();
        if (!status.startsWith("HTTP/1.1 200")) {
            throw new AssertionError("stream answered " + status);
        }
        boolean chunked = false;
        for (String header = rawLine(); !header.isEmpty(); header = rawLine()) {
            chunked |= header.toLowerCase(Locale.ROOT).replace(" ", "").equals("transfer-encoding:chunked");
        }
        if (!chunked) {
            throw new AssertionError("the stream is not chunked");
        }
    }

    /** One byte of the body, or -1 at a chunk boundary. */
    private int bodyByte() throws IOException {
        if (chunkLeft == 0) {
            String size = rawLine();
            if (size.isEmpty()) {
                size = rawLine(); // the CRLF that ends the previous chunk's data
            }
            int extension = size.indexOf(';');
            chunkLeft = Long.parseLong((extension < 0 ? size : size.substring(0, extension)).trim(), 16);
            if (chunkLeft == 0) {
                ended = true;
            }
            return -1;
        }
        chunkLeft--;
        bodyBytes++;
        return wireByte();
    }

    private String rawLine() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int b = wireByte(); b != '\n'; b = wireByte()) {
            if (b != '\r') {
                text.append((char) b);
            }
        }
        return text.toString();
    }

    private int wireByte() throws IOException {
        if (position == limit) {
            limit = in.read(buffer);
            position = 0;
            if (limit < 0) {
                ended = true;
                throw new AssertionError("the server closed the connection");
            }
        }
        return buffer[position++] & 0xFF;
    }

    private void append(byte b) {
        if (lineLength == line.length) {
            line = Arrays.copyOf(line, line.length * 2);
        }
        line[lineLength++] = b;
    }
}
