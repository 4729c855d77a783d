package io.linkport.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The flow driver's HTTP client: HTTP/1.1 over plain blocking sockets kept alive in a pool, JSON
 * in, JSON out, non-2xx is an error. Not java.net.http: at ≈ 140 link runs/s the JDK client took
 * 13–16 % of this two-core machine (≈ 2 ms of CPU per run, four requests), CPU the server and
 * PostgreSQL being measured then lacked; wrk spends ≈ 30 µs on a request. Enough HTTP for
 * Linkport's answers: a status line, headers, and a body of {@code Content-Length} bytes or chunked.
 */
final class ApiClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int TIMEOUT_MS = 60_000;

    private final int port;
    private final ConcurrentLinkedQueue<Connection> idle = new ConcurrentLinkedQueue<>();

    ApiClient(ServerUnderTest server) {
        this(server.port());
    }

    ApiClient(int port) {
        this.port = port;
    }

    /** POST with the tenant's API key. */
    JsonNode post(String path, String body) throws IOException {
        return exchange("POST", path, "x-api-secret: " + ServerUnderTest.SECRET, body == null ? "{}" : body);
    }

    /** POST with a session credential (the widget's calls). */
    JsonNode postSession(String path, String sessionToken, String body) throws IOException {
        return exchange("POST", path, "Authorization: Bearer " + sessionToken, body == null ? "{}" : body);
    }

    JsonNode getSession(String path, String sessionToken) throws IOException {
        return exchange("GET", path, "Authorization: Bearer " + sessionToken, null);
    }

    private JsonNode exchange(String method, String path, String credential, String body) throws IOException {
        byte[] payload = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(256).append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1:").append(port).append("\r\n").append(credential).append("\r\n");
        if (body != null) {
            head.append("Content-Type: application/json\r\nContent-Length: ").append(payload.length).append("\r\n");
        }
        byte[] request = head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
        while (true) {
            Connection connection = idle.poll();
            boolean reused = connection != null;
            if (connection == null) {
                connection = new Connection(port);
            }
            Response response;
            try {
                response = connection.exchange(request, payload);
            } catch (StaleConnection e) {
                connection.close();
                if (reused) {
                    continue;  // the server closed it while it was idle, before reading this request: try a fresh one
                }
                throw e;
            } catch (IOException | RuntimeException e) {
                connection.close();
                throw e;
            }
            if (response.keepAlive()) {
                idle.add(connection);
            } else {
                connection.close();
            }
            String text = new String(response.body(), StandardCharsets.UTF_8);
            if (response.status() / 100 != 2) {
                throw new IOException(method + " " + path + " answered " + response.status() + ": " + text);
            }
            return text.isEmpty() ? JSON.createObjectNode() : JSON.readTree(text);
        }
    }

    private record Response(int status, byte[] body, boolean keepAlive) {
    }

    /** The connection failed before any byte of an answer came back: on a kept-alive one, the server had closed it. */
    private static final class StaleConnection extends EOFException {
        StaleConnection() {
            super("connection closed before an answer");
        }
    }

    private static final class Connection {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;

        Connection(int port) throws IOException {
            socket = new Socket(InetAddress.getLoopbackAddress(), port);
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(TIMEOUT_MS);
            in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            out = new BufferedOutputStream(socket.getOutputStream(), 8 * 1024);
        }

        Response exchange(byte[] head, byte[] body) throws IOException {
            String statusLine;
            try {
                out.write(head);
                out.write(body);
                out.flush();
                statusLine = line(true);
            } catch (SocketException closedWhileIdle) {
                throw new StaleConnection();
            }
            if (!statusLine.startsWith("HTTP/1.")) {
                throw new IOException("not an HTTP answer: " + statusLine);
            }
            int status = Integer.parseInt(statusLine.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            boolean keepAlive = statusLine.startsWith("HTTP/1.1");
            for (String header = line(false); !header.isEmpty(); header = line(false)) {
                int colon = header.indexOf(':');
                String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = header.substring(colon + 1).trim();
                switch (name) {
                    case "content-length" -> length = Long.parseLong(value);
                    case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                    case "connection" -> keepAlive = !value.equalsIgnoreCase("close");
                    default -> {
                    }
                }
            }
            byte[] content;
            if (chunked) {
                content = chunks();
            } else if (length >= 0) {
                content = in.readNBytes((int) length);
                if (content.length != length) {
                    throw new EOFException("answer ended after " + content.length + " of " + length + " bytes");
                }
            } else if (status == 204 || status == 304 || status / 100 == 1) {
                content = new byte[0];
            } else {
                content = in.readAllBytes();  // neither length nor chunks: the body runs to the close
                keepAlive = false;
            }
            return new Response(status, content, keepAlive);
        }

        private byte[] chunks() throws IOException {
            ByteArrayOutputStream content = new ByteArrayOutputStream();
            while (true) {
                String size = line(false);
                int extension = size.indexOf(';');
                int n = Integer.parseInt((extension < 0 ? size : size.substring(0, extension)).trim(), 16);
                if (n == 0) {
                    for (String trailer = line(false); !trailer.isEmpty(); trailer = line(false)) {
                        // trailers are not used
                    }
                    return content.toByteArray();
                }
                byte[] chunk = in.readNBytes(n);
                if (chunk.length != n) {
                    throw new EOFException("chunk ended early");
                }
                content.writeBytes(chunk);
                line(false);
            }
        }

        /** One CRLF-terminated line (ISO-8859-1, as HTTP heads are); {@code first}: EOF before any byte is a stale connection. */
        private String line(boolean first) throws IOException {
            StringBuilder text = new StringBuilder(64);
            while (true) {
                int b = in.read();
                if (b < 0) {
                    if (first && text.isEmpty()) {
                        throw new StaleConnection();
                    }
                    throw new EOFException("answer ended mid-line");
                }
                if (b == '\n') {
                    int end = text.length();
                    return end > 0 && text.charAt(end - 1) == '\r' ? text.substring(0, end - 1) : text.toString();
                }
                text.append((char) b);
            }
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
