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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The plant server over TCP: accepts firmware connections and runs each as a {@link HilSession}
 * with its own plant, at most {@code maxSessions} at once (a connection over the limit gets an
 * error line and is closed). One session's failure never touches the others.
 */
public final class HilServer implements Closeable {
    private final SessionConfig config;
    private final ServerSocket socket;
    private final ThreadPoolExecutor executor;
    private final Consumer<SessionResult> onEnd;
    private final AtomicLong ids = new AtomicLong();
    private final Set<HilSession> live = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;
    private volatile boolean closed;

    /**
     * Binds and starts accepting.
     *
     * @param bind        address to bind (loopback unless the user says otherwise)
     * @param port        TCP port, 0 for any free one
     * @param maxSessions sessions served at once
     * @param onEnd       told of every session's result (from the session's thread)
     */
    public HilServer(SessionConfig config, InetAddress bind, int port, int maxSessions, Consumer<SessionResult> onEnd)
            throws IOException {
        this.config = config;
        this.onEnd = onEnd;
        this.socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(bind, port), 16);
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

    public int port() {
        return socket.getLocalPort();
    }

    public InetAddress address() {
        return socket.getInetAddress();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket s;
            try {
                s = socket.accept();
            } catch (IOException e) {
                return; // closed
            }
            try {
                HilSession session = new HilSession(config, new SocketTransport(s), ids.incrementAndGet());
                executor.execute(() -> {
                    live.add(session);
                    try {
                        onEnd.accept(session.call());
                    } finally {
                        live.remove(session);
                    }
                });
            } catch (RejectedExecutionException | IOException e) {
                refuse(s);
            }
        }
    }

    private static void refuse(Socket s) {
        try (s) {
            OutputStream out = s.getOutputStream();
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
        socket.close();
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
