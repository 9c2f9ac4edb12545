package io.backflush.sim.hil.server;

import io.backflush.sim.hil.protocol.ErrorCode;
import io.backflush.sim.hil.protocol.JsonLineCodec;
import io.backflush.sim.hil.protocol.Message;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The plant server over TCP or a Unix-domain socket: accepts firmware connections and runs each as
 * a {@link HilSession} with its own plant, at most {@code maxSessions} at once (a connection over
 * the limit gets an error line and is closed). One session's failure never touches the others.
 */
public final class HilServer implements Closeable {
    /** Where connections come from. */
    private interface Listener extends Closeable {
        Transport accept() throws IOException;

        String describe();
    }

    private final SessionConfig config;
    private final Listener listener;
    private final ServerSocket socket;
    private final ThreadPoolExecutor executor;
    private final Consumer<SessionResult> onEnd;
    private final AtomicLong ids = new AtomicLong();
    private final Set<HilSession> live = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;
    private volatile boolean closed;
    private volatile SessionWatcher watcher;

    /**
     * Binds a TCP port and starts accepting.
     *
     * @param bind        address to bind (loopback unless the user says otherwise)
     * @param port        TCP port, 0 for any free one
     * @param maxSessions sessions served at once
     * @param onEnd       told of every session's result (from the session's thread)
     */
    public HilServer(SessionConfig config, InetAddress bind, int port, int maxSessions, Consumer<SessionResult> onEnd)
            throws IOException {
        this(config, tcp(bind, port), maxSessions, onEnd);
    }

    /**
     * Binds a Unix-domain socket at {@code path} and starts accepting; {@link #close} removes the
     * socket file. See {@link UnixSocketListener#bind} for what an existing file at the path gets.
     */
    public static HilServer unix(SessionConfig config, Path path, int maxSessions, Consumer<SessionResult> onEnd)
            throws IOException {
        UnixSocketListener unix = UnixSocketListener.bind(path);
        return new HilServer(config, new Listener() {
            @Override
            public Transport accept() throws IOException {
                return unix.accept();
            }

            @Override
            public String describe() {
                return "unix " + unix.path();
            }

            @Override
            public void close() throws IOException {
                unix.close();
            }
        }, maxSessions, onEnd);
    }

    private static Listener tcp(InetAddress bind, int port) throws IOException {
        ServerSocket socket = new ServerSocket();
        try {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(bind, port), 16);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        return new TcpListener(socket);
    }

    private record TcpListener(ServerSocket socket) implements Listener {
        @Override
        public Transport accept() throws IOException {
            Socket s = socket.accept();
            try {
                return new SocketTransport(s);
            } catch (IOException e) {
                s.close();
                throw new ConnectionFailed(e);
            }
        }

        @Override
        public String describe() {
            return socket.getInetAddress().getHostAddress() + ":" + socket.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /** One connection could not be set up; the server goes on accepting. */
    private static final class ConnectionFailed extends IOException {
        ConnectionFailed(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }

    private HilServer(SessionConfig config, Listener listener, int maxSessions, Consumer<SessionResult> onEnd) {
        this.config = config;
        this.onEnd = onEnd;
        this.listener = listener;
        this.socket = listener instanceof TcpListener t ? t.socket() : null;
        this.executor = new ThreadPoolExecutor(maxSessions, maxSessions, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                r -> {
                    Thread t = new Thread(r, "hil-session");
                    t.setDaemon(true);
                    return t;
                });
        this.acceptor = new Thread(this::acceptLoop, "hil-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Lets {@code w} watch every session started from now on (null: nobody); see {@link SessionWatcher}. */
    public HilServer watchedBy(SessionWatcher w) {
        this.watcher = w;
        return this;
    }

    /** The TCP port listened on (-1 on a Unix socket). */
    public int port() {
        return socket == null ? -1 : socket.getLocalPort();
    }

    /** The TCP address listened on (null on a Unix socket). */
    public InetAddress address() {
        return socket == null ? null : socket.getInetAddress();
    }

    /** Where clients connect, for the log: "127.0.0.1:5555" or "unix /tmp/backflush.sock". */
    public String describe() {
        return listener.describe();
    }

    private void acceptLoop() {
        while (!closed) {
            Transport t;
            try {
                t = listener.accept();
            } catch (ConnectionFailed e) {
                continue;
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                // e.g. out of file descriptors: back off a little rather than spin
                try {
                    Thread.sleep(10);
                } catch (InterruptedException interrupted) {
                    return;
                }
                continue;
            }
            try {
                HilSession session = new HilSession(config, t, ids.incrementAndGet()).watchedBy(watcher);
                executor.execute(() -> {
                    live.add(session);
                    try {
                        onEnd.accept(session.call());
                    } finally {
                        live.remove(session);
                    }
                });
            } catch (RejectedExecutionException e) {
                refuse(t);
            }
        }
    }

    private static void refuse(Transport t) {
        try (t) {
            OutputStream out = t.out();
            byte[] buf = new byte[1024];
            int n = JsonLineCodec.encode(new Message.Error(ErrorCode.BUSY.wire(), 0,
                    "server busy: all sessions in use, try again later"), buf);
            out.write(buf, 0, n);
            out.flush();
        } catch (IOException ignored) {
            // the client is gone anyway
        }
    }

    /** Stops accepting, ends every live session (plants to safe state) and waits a little for them. */
    @Override
    public void close() throws IOException {
        closed = true;
        listener.close();
        for (HilSession s : live) {
            s.stop();
        }
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
