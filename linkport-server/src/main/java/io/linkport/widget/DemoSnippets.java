package io.linkport.widget;

/** The code shown beside the demo: what a tenant writes to do what the demo just did. */
final class DemoSnippets {

    static final String SERVER = """
            curl -X POST http://localhost:8080/v1/link_tokens \\
              -H "x-api-secret: $LINKPORT_SECRET" \\
              -H "Content-Type: application/json" \\
              -d '{"org_name":"Linkport demo",
                   "required_jobs":["employment","income"],
                   "end_user_id":"demo-user-42"}'
            # → {"data":{"mode":"sandbox","id":"…","token":"eyJ…","expires":"…"}}

            # after onSuccess, read the result with the same key:
            curl http://localhost:8080/v1/links/$LINK_ID -H "x-api-secret: $LINKPORT_SECRET"
            """;

    private DemoSnippets() {
    }

    static String client(String integrity) {
        return """
                <script src="http://localhost:8080/sdk/v1/linkport.js"
                        integrity="%s" crossorigin="anonymous"></script>
                <script>
                async function connect() {
                  const handler = Linkport.create({
                    linkToken: await fetchLinkTokenFromYourServer(),
                    onLogin:   (p) => log('onLogin', p),
                    onSuccess: (p) => log('onSuccess', p),   // p.linkId: read the result server-side
                    onError:   (p) => log('onError', p),
                    onExit:    (error) => log('onExit', error),
                    onTokenExpired: async () =>
                      handler.open({ linkToken: await fetchLinkTokenFromYourServer() }),
                    onEvent:   (name, p) => log('onEvent ' + name, p),
                  });
                  handler.open();
                }
                </script>""".formatted(integrity);
    }
}
