package io.linkport.webhooks;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * The only way webhooks leave Linkport. Every host name is resolved by this client's own
 * resolver, which checks every address against the {@link AddressPolicy} and hands the
 * connection only the checked addresses — so the check happens at delivery time on the address
 * actually connected to, and a DNS answer that changes between check and connect (rebinding)
 * cannot slip through. Redirects are never followed (a 3xx is a failure), no proxy or cookie is
 * used, and the whole exchange has a hard deadline, not just a per-read timeout.
 */
final class SafeHttpClient implements Closeable {

    static final int EXCERPT_BYTES = 1024;

    /** What came back: a status (or an error instead), a response excerpt, and the Retry-After header. */
    record Result(Integer status, String excerpt, String retryAfter, String error, long durationMillis) {
        boolean success() {
            return status != null && status >= 200 && status < 300;
        }
    }

    private final CloseableHttpClient client;
    private final PoolingHttpClientConnectionManager connections;
    private final Duration deadline;
    private final ScheduledExecutorService timer;

    SafeHttpClient(AddressPolicy policy, Duration deadline, int maxConnections, ScheduledExecutorService timer) {
        this.deadline = deadline;
        this.timer = timer;
        Timeout timeout = Timeout.of(deadline);
        this.connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setDnsResolver(new GuardedResolver(policy))
                .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(timeout).setSocketTimeout(timeout)
                        .setTimeToLive(org.apache.hc.core5.util.TimeValue.ofMinutes(1)).build())
                .setMaxConnTotal(maxConnections)
                .setMaxConnPerRoute(maxConnections)
                .build();
        this.client = HttpClients.custom()
                .setConnectionManager(connections)
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .setUserAgent("Linkport-Webhooks/1.0")
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(timeout)
                        .setConnectionRequestTimeout(timeout).build())
                .build();
    }

    static SafeHttpClient create(AddressPolicy policy, Duration deadline, int maxConnections) {
        return new SafeHttpClient(policy, deadline, maxConnections, Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "webhook-deadline");
            thread.setDaemon(true);
            return thread;
        }));
    }

    Result post(String url, Map<String, String> headers, String body) {
        long start = System.nanoTime();
        HttpPost post;
        try {
            post = new HttpPost(url);
        } catch (IllegalArgumentException e) {
            return new Result(null, null, null, "invalid URL", 0);
        }
        headers.forEach(post::setHeader);
        post.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON.withCharset(StandardCharsets.UTF_8)));
        ScheduledFuture<?> cancel = timer.schedule(post::cancel, deadline.toMillis(), TimeUnit.MILLISECONDS);
        try {
            return client.execute(post, response -> read(response, start));
        } catch (ForbiddenAddressException e) {
            return new Result(null, null, null, e.getMessage(), elapsed(start));
        } catch (IOException | RuntimeException e) {
            String error = post.isCancelled() ? "timed out after " + deadline.toMillis() + " ms" : describe(e);
            return new Result(null, null, null, error, elapsed(start));
        } finally {
            cancel.cancel(false);
        }
    }

    private Result read(ClassicHttpResponse response, long start) throws IOException {
        String excerpt = null;
        if (response.getEntity() != null) {
            try (InputStream in = response.getEntity().getContent()) {
                excerpt = new String(in.readNBytes(EXCERPT_BYTES), StandardCharsets.UTF_8);
            }
        }
        Header retryAfter = response.getFirstHeader("Retry-After");
        return new Result(response.getCode(), excerpt, retryAfter == null ? null : retryAfter.getValue(), null, elapsed(start));
    }

    private static long elapsed(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static String describe(Exception e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            if (cause instanceof ForbiddenAddressException) {
                break;
            }
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? "" : ": " + cause.getMessage();
        String text = cause.getClass().getSimpleName() + message;
        return text.length() > 500 ? text.substring(0, 500) : text;
    }

    @Override
    public void close() throws IOException {
        client.close();
        connections.close();
        timer.shutdownNow();
    }

    /** Refuses the whole host when any of its addresses is forbidden: a mixed answer is suspicious. */
    static final class GuardedResolver implements DnsResolver {
        private final AddressPolicy policy;

        GuardedResolver(AddressPolicy policy) {
            this.policy = policy;
        }

        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
            InetAddress[] addresses = InetAddress.getAllByName(bare);
            for (InetAddress address : addresses) {
                var refusal = policy.refusal(address);
                if (refusal.isPresent()) {
                    throw new ForbiddenAddressException(host + " resolves to a forbidden " + refusal.get());
                }
            }
            return addresses;
        }

        @Override
        public List<InetSocketAddress> resolve(String host, int port) throws UnknownHostException {
            List<InetSocketAddress> result = new ArrayList<>();
            for (InetAddress address : resolve(host)) {
                result.add(new InetSocketAddress(address, port));
            }
            return result;
        }

        @Override
        public String resolveCanonicalHostname(String host) {
            return host;
        }
    }

    /** A subtype of UnknownHostException so the connection layer stops at once without trying other routes. */
    static final class ForbiddenAddressException extends UnknownHostException {
        ForbiddenAddressException(String message) {
            super(message);
        }
    }
}
