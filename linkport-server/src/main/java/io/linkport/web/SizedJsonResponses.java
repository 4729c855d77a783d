package io.linkport.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.http.converter.autoconfigure.ServerHttpMessageConvertersCustomizer;
import org.springframework.core.Ordered;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON answers that state their length. Jackson's converter streams into the response and then
 * flushes it, which commits the response before its length is known, so Tomcat sends it chunked,
 * in two writes: the headers and body, then the closing chunk, which is a second system call and TCP
 * segment per API call, read by the client in a second wake-up. Serialising into a buffer first lets
 * the response carry {@code Content-Length} and leave in one write. (Its CPU saving was within the
 * noise of the 2-core VMs this was measured on: docs/performance.md, round 14.)
 *
 * <p>Event streams are not affected: an emitter's events are written through a response whose
 * headers went out before the first event, and each write gets a copy of them (Spring's own
 * string converter sets a length per event the same way).
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)  // after Boot's own customizer (order 0), so this converter replaces its JSON one
class SizedJsonResponses implements ServerHttpMessageConvertersCustomizer {

    private final JsonMapper json;

    SizedJsonResponses(JsonMapper json) {
        this.json = json;
    }

    @Override
    public void customize(HttpMessageConverters.ServerBuilder builder) {
        builder.withJsonConverter(new Converter(json));
    }

    static final class Converter extends JacksonJsonHttpMessageConverter {

        Converter(JsonMapper json) {
            super(json);
        }

        @Override
        protected void writeInternal(Object value, ResolvableType type, HttpOutputMessage output,
                                     @Nullable Map<String, Object> hints) throws IOException {
            ByteArrayOutputStream body = new ByteArrayOutputStream(512);
            super.writeInternal(value, type, new Buffered(output.getHeaders(), body), hints);
            output.getHeaders().setContentLength(body.size());
            body.writeTo(output.getBody());
        }
    }

    private record Buffered(HttpHeaders getHeaders, OutputStream getBody) implements HttpOutputMessage {
    }
}
