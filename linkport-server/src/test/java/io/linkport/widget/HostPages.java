package io.linkport.widget;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A tenant's web app, served by a plain JDK HTTP server on {@code 127.0.0.1} while the widget
 * is on {@code localhost}: a different origin, as in real life. It loads the SDK (twice, on
 * purpose) and records every callback in {@code window.calls}. {@code localhost:<this port>}
 * is a third origin, used for the "foreign" frame that forges messages.
 */
final class HostPages {

    private static HostPages instance;

    private final HttpServer server;
    private final List<String> returns = new CopyOnWriteArrayList<>();
    private volatile String widgetBase;

    private HostPages() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "host-pages");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/host.html", exchange -> send(exchange, "text/html", hostPage()));
        server.createContext("/foreign.html", exchange -> send(exchange, "text/html", FOREIGN));
        server.createContext("/return", exchange -> {
            returns.add(exchange.getRequestURI().getRawQuery());
            send(exchange, "text/html", "<!doctype html><title>Back at the tenant</title><h1>Back at the tenant</h1>");
        });
        server.start();
    }

    static synchronized HostPages start(String widgetBase) {
        if (instance == null) {
            try {
                instance = new HostPages();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        instance.widgetBase = widgetBase;
        return instance;
    }

    int port() {
        return server.getAddress().getPort();
    }

    String hostUrl() {
        return "http://127.0.0.1:" + port() + "/host.html";
    }

    String foreignUrl() {
        return "http://localhost:" + port() + "/foreign.html";
    }

    String returnUrl() {
        return "http://127.0.0.1:" + port() + "/return";
    }

    List<String> returns() {
        return returns;
    }

    private String hostPage() {
        return HOST.replace("WIDGET", widgetBase);
    }

    private static void send(HttpExchange exchange, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static final String HOST = """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>Tenant app</title></head>
            <body>
            <h1>Tenant app</h1>
            <script src="WIDGET/sdk/v1/linkport.js" crossorigin="anonymous"></script>
            <script>window.firstLinkport = window.Linkport;</script>
            <script src="WIDGET/sdk/v1/linkport.js" crossorigin="anonymous"></script>
            <script>
              window.calls = [];
              window.addEventListener('message', function (event) {
                if (event.data && event.data.foreignDone) { window.foreignDone = true; }
              });
              function copy(value) { return value === undefined ? null : JSON.parse(JSON.stringify(value)); }
              function record(name) {
                return function () { window.calls.push({ name: name, args: Array.prototype.map.call(arguments, copy) }); };
              }
              window.callbacks = function (extra) {
                return Object.assign({
                  onLogin: record('onLogin'), onSuccess: record('onSuccess'), onError: record('onError'),
                  onExit: record('onExit'), onTokenExpired: record('onTokenExpired'),
                  onEvent: function (name, payload) { window.calls.push({ name: 'event:' + name, args: [copy(payload)] }); }
                }, extra || {});
              };
              window.openWidget = function (options) {
                window.handler = Linkport.create(window.callbacks(options));
                window.handler.open();
              };
            </script>
            </body></html>
            """;

    /** A page on a third origin that forges SDK messages in both directions. */
    private static final String FOREIGN = """
            <!doctype html><html><head><meta charset="utf-8"><title>Foreign</title></head><body>
            <script>
              var done = false;
              window.addEventListener('message', function (event) {
                if (done || event.source !== parent) { return; }
                done = true;
                var channel = event.data && event.data.channel;
                var forged = { lp: 1, channel: channel, type: 'event', name: 'success',
                               payload: { linkId: 'link_forged' } };
                parent.postMessage(forged, '*');
                parent.postMessage({ lp: 1, channel: channel, type: 'exit', confirmed: true }, '*');
                for (var i = 0; i < parent.frames.length; i++) {
                  if (parent.frames[i] === window) { continue; }
                  parent.frames[i].postMessage({ lp: 1, channel: channel, type: 'exit', confirmed: true }, '*');
                  parent.frames[i].postMessage({ lp: 1, channel: channel, type: 'init',
                                                 token: { kind: 'linkToken', value: 'forged' } }, '*');
                }
                parent.postMessage({ foreignDone: true }, '*');
              });
            </script>
            </body></html>
            """;
}
