package io.backflush.sim.live;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.backflush.core.machine.Machine;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The live view's web server: the JDK's {@link HttpServer}, loopback unless told otherwise. The page
 * and its script come from the jar; {@code POST /session} opens a session (a plant of its own, at
 * most {@link Config#maxSessions} at once), {@code GET /events?session=ID} streams it as server-sent
 * events (the session ends when that stream closes), {@code POST /control?session=ID} with a body
 * {@code name=value} queues a checked control. A bad request gets a status and one line of JSON
 * saying what was wrong; no request can stop the server.
 */
public final class LiveServer implements AutoCloseable {
    /** Largest control body accepted, bytes. */
    static final int MAX_BODY_BYTES = 1024;
    private static final String ASSETS = "/io/backflush/sim/live/";
    private static final Map<String, String> PAGES = Map.of(
            "/", "index.html", "/index.html", "index.html", "/live.js", "live.js", "/live.css", "live.css");

    /**
     * @param machine         the machine each new session starts with
     * @param bind            address and port (port 0: any free one)
     * @param maxSessions     sessions open at once; the next is refused
     * @param attachTimeout   a session whose event stream is not opened within this ends
     * @param idleTimeout     a session with no control message for this long ends
     */
    public record Config(Machine machine, InetSocketAddress bind, int maxSessions, Duration attachTimeout,
                         Duration idleTimeout) {
        /** Loopback on the given port, 8 sessions, 15 s to attach, 30 min idle. */
        public static Config loopback(Machine machine, int port) {
            return new Config(machine, new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 8,
                    Duration.ofSeconds(15), Duration.ofMinutes(30));
        }
    }

    private final Config config;
    private final HttpServer server;
    private final ExecutorService workers;
    private final ScheduledExecutorService reaper;
    private final Map<String, Tab> sessions = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final AtomicInteger opened = new AtomicInteger();

    private final Watch watch;

    private LiveServer(Config config, Watch watch) throws IOException {
        this.config = config;
        this.watch = watch;
        this.server = HttpServer.create(config.bind(), 16);
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "live-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.reaper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "live-reaper");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(workers);
        server.createContext("/", this::handle);
    }

    /** Starts a server; its address is {@link #url()}. */
    public static LiveServer start(Config config) throws IOException {
        return start(config, null);
    }

    /**
     * Starts a server whose tabs watch HIL sessions through {@code watch} instead of having plants
     * of their own (null: their own); controls are then refused with 403.
     */
    public static LiveServer start(Config config, Watch watch) throws IOException {
        LiveServer s = new LiveServer(config, watch);
        s.server.start();
        s.reaper.scheduleWithFixedDelay(s::reap, 250, 250, TimeUnit.MILLISECONDS);
        return s;
    }

    /** The page's address. */
    public URI url() {
        InetSocketAddress a = server.getAddress();
        String host = a.getAddress().getHostAddress();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort() + "/");
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** Sessions open now. */
    public int sessionCount() {
        return sessions.size();
    }

    /** Sessions opened since the start. */
    public int sessionsOpened() {
        return opened.get();
    }

    @Override
    public void close() {
        for (Tab s : sessions.values()) {
            s.close("server stopping");
        }
        server.stop(0);
        reaper.shutdownNow();
        workers.shutdownNow();
    }

    private void reap() {
        long now = System.nanoTime();
        for (Tab s : sessions.values()) {
            long quiet = now - s.lastMessageNanos();
            if (!s.attached() && quiet > config.attachTimeout().toNanos()) {
                sessions.remove(s.id);
                s.close("no event stream opened within " + config.attachTimeout().toSeconds() + " s");
            } else if (quiet > config.idleTimeout().toNanos()) {
                s.close("idle for " + config.idleTimeout().toMinutes() + " min");
            }
        }
    }

    private void handle(HttpExchange x) {
        try (x) {
            String path = x.getRequestURI().getPath();
            String method = x.getRequestMethod();
            if (!hostAllowed(x.getRequestHeaders().getFirst("Host"))) {
                drain(x);
                error(x, 421, "this server answers to " + url().getAuthority() + " only, not to Host '"
                        + Control.clip(String.valueOf(x.getRequestHeaders().getFirst("Host"))) + "'");
            } else if (PAGES.containsKey(path) && method.equals("GET")) {
                asset(x, PAGES.get(path));
            } else if (path.equals("/session") && method.equals("POST")) {
                openSession(x);
            } else if (path.equals("/events") && method.equals("GET")) {
                events(x);
            } else if (path.equals("/control") && method.equals("POST")) {
                control(x);
            } else if (PAGES.containsKey(path) || path.equals("/session") || path.equals("/events")
                    || path.equals("/control")) {
                error(x, 405, "method " + Control.clip(method) + " not allowed on " + path);
            } else {
                error(x, 404, "no such page: " + Control.clip(path));
            }
        } catch (IOException e) {
            // the client went away: that exchange ends, the server stays
        } catch (RuntimeException e) {
            // a bug, not the client's doing: said once on the console; that exchange ends, the server stays
            System.err.println("backflush live: internal error answering " + Control.clip(x.getRequestURI().toString())
                    + ": " + e);
        }
    }

    /**
     * On loopback, only requests naming this computer are answered: a web page elsewhere cannot use
     * a DNS name that resolves to 127.0.0.1 to reach the sessions. Bound to another address
     * (--bind), any name is accepted, as other computers reach it by theirs.
     */
    private boolean hostAllowed(String host) {
        if (!server.getAddress().getAddress().isLoopbackAddress()) {
            return true;
        }
        if (host == null) {
            return false;
        }
        int port = server.getAddress().getPort();
        String h = host.trim().toLowerCase(java.util.Locale.ROOT);
        return h.equals("127.0.0.1:" + port) || h.equals("localhost:" + port) || h.equals("[::1]:" + port)
                || h.equals(url().getAuthority());
    }

    private void asset(HttpExchange x, String name) throws IOException {
        byte[] body;
        try (InputStream in = LiveServer.class.getResourceAsStream(ASSETS + name)) {
            if (in == null) {
                error(x, 500, "asset " + name + " missing from the jar");
                return;
            }
            body = in.readAllBytes();
        }
        String type = name.endsWith(".html") ? "text/html; charset=utf-8"
                : name.endsWith(".js") ? "text/javascript; charset=utf-8" : "text/css; charset=utf-8";
        x.getResponseHeaders().set("Content-Type", type);
        x.getResponseHeaders().set("Cache-Control", "no-cache");
        x.getResponseHeaders().set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; "
                + "style-src 'self' 'unsafe-inline'; connect-src 'self'");
        x.sendResponseHeaders(200, body.length);
        x.getResponseBody().write(body);
    }

    private void openSession(HttpExchange x) throws IOException {
        drain(x);
        String id;
        synchronized (sessions) {
            if (sessions.size() >= config.maxSessions()) {
                error(x, 503, config.maxSessions() + " live sessions are open already (the most at once): close a tab "
                        + "or try again later");
                return;
            }
            byte[] b = new byte[12];
            random.nextBytes(b);
            id = HexFormat.of().formatHex(b);
            sessions.put(id, watch != null ? watch.viewer(id) : new LiveSession(id, config.machine()));
            opened.incrementAndGet();
        }
        json(x, 200, "{\"session\":\"" + id + "\"}");
    }

    private void events(HttpExchange x) throws IOException {
        String id = query(x.getRequestURI().getRawQuery()).get("session");
        Tab s = id == null ? null : sessions.get(id);
        if (s == null) {
            error(x, 404, id == null ? "events: no session= given" : "events: no open session '" + Control.clip(id) + "'");
            return;
        }
        if (!s.attach()) {
            error(x, 409, "events: session '" + id + "' already has its event stream");
            return;
        }
        x.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        x.getResponseHeaders().set("Cache-Control", "no-cache");
        x.sendResponseHeaders(200, 0);
        try (OutputStream out = x.getResponseBody()) {
            s.stream(out);
        } finally {
            s.close("event stream closed");
            sessions.remove(id);
        }
    }

    private void control(HttpExchange x) throws IOException {
        String id = query(x.getRequestURI().getRawQuery()).get("session");
        Tab t = id == null ? null : sessions.get(id);
        if (t == null || t.closed()) {
            drain(x);
            error(x, 404, id == null ? "control: no session= given" : "control: no open session '" + Control.clip(id) + "'");
            return;
        }
        if (!(t instanceof LiveSession s)) {
            drain(x);
            error(x, 403, "control: this page watches a firmware drive the machine (read-only); the firmware's "
                    + "commands are the only controls");
            return;
        }
        byte[] body = x.getRequestBody().readNBytes(MAX_BODY_BYTES + 1);
        if (body.length > MAX_BODY_BYTES) {
            error(x, 413, "control: message longer than " + MAX_BODY_BYTES + " bytes");
            return;
        }
        String text = new String(body, StandardCharsets.UTF_8).trim();
        int eq = text.indexOf('=');
        if (eq <= 0 || text.indexOf('&') >= 0) {
            error(x, 400, "control: expected one name=value, got '" + Control.clip(text) + "'");
            return;
        }
        Control c;
        try {
            c = Control.parse(decode(text.substring(0, eq)), decode(text.substring(eq + 1)));
        } catch (LiveInputException e) {
            error(x, 400, e.getMessage());
            return;
        }
        s.offer(c);
        json(x, 200, "{\"ok\":true}");
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new LiveInputException("control: bad %-escape in '" + Control.clip(s) + "'");
        }
    }

    static Map<String, String> query(String raw) {
        Map<String, String> out = new java.util.HashMap<>();
        if (raw == null) {
            return out;
        }
        for (String part : raw.split("&")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                try {
                    out.put(URLDecoder.decode(part.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    // a malformed pair is ignored: the lookup then reports the missing parameter
                }
            }
        }
        return out;
    }

    private static void drain(HttpExchange x) throws IOException {
        x.getRequestBody().readNBytes(MAX_BODY_BYTES);
    }

    private static void error(HttpExchange x, int status, String message) throws IOException {
        json(x, status, "{\"error\":" + Json.string(message) + "}");
    }

    private static void json(HttpExchange x, int status, String json) throws IOException {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        x.sendResponseHeaders(status, b.length);
        x.getResponseBody().write(b);
    }
}
