import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/** Loopback webhook receiver for the drain experiment: answers 200 at once, counts requests. */
public class DrainReceiver {
    public static void main(String[] args) throws Exception {
        AtomicLong n = new AtomicLong();
        HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), 4096);
        s.setExecutor(Executors.newFixedThreadPool(32));
        s.createContext("/", ex -> { ex.getRequestBody().readAllBytes(); ex.sendResponseHeaders(200, -1); ex.close(); n.incrementAndGet(); });
        s.start();
        long end = System.currentTimeMillis() + Long.parseLong(args[1]) * 1000;
        while (System.currentTimeMillis() < end) { Thread.sleep(1000); }
        System.out.println("received " + n.get());
        System.exit(0);
    }
}
