package io.backflush.sim.hil.server;

import java.io.Closeable;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * A listening Unix-domain socket at a path. Binding refuses a path that holds anything but a
 * socket, and a socket another server still answers on; a stale socket file (its server gone) is
 * replaced. {@link #close} removes the socket file, if it is still the one this listener made.
 */
public final class UnixSocketListener implements Closeable {
    private static final int BACKLOG = 16;

    private final Path path;
    private final ServerSocketChannel channel;
    private final Object fileKey;

    private UnixSocketListener(Path path, ServerSocketChannel channel, Object fileKey) {
        this.path = path;
        this.channel = channel;
        this.fileKey = fileKey;
    }

    /**
     * Binds {@code path}.
     *
     * @throws IOException with a message fit for the user: what is wrong with the path
     */
    public static UnixSocketListener bind(Path path) throws IOException {
        Path parent = path.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new IOException("directory " + parent + " does not exist");
        }
        if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            if (!isSocket(path)) {
                throw new IOException("exists and is not a socket; refusing to replace it");
            }
            if (answers(path)) {
                throw new IOException("another server is listening on this socket");
            }
            Files.delete(path); // stale: left by a server that did not shut down
        }
        ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.bind(UnixDomainSocketAddress.of(path), BACKLOG);
        } catch (IOException | IllegalArgumentException e) {
            channel.close();
            throw new IOException("cannot listen here: " + e.getMessage());
        }
        Object key = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
        return new UnixSocketListener(path, channel, key);
    }

    /** Whether the file at {@code path} is a socket (S_IFSOCK; "other" where the unix view is missing). */
    static boolean isSocket(Path path) throws IOException {
        try {
            int mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            return (mode & 0xF000) == 0xC000;
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isOther();
        }
    }

    private static boolean answers(Path path) {
        try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            return probe.connect(UnixDomainSocketAddress.of(path));
        } catch (IOException e) {
            return false;
        }
    }

    public Path path() {
        return path;
    }

    /** Waits for the next connection (throws once closed). */
    public UnixSocketTransport accept() throws IOException {
        SocketChannel c = channel.accept();
        return new UnixSocketTransport(c, "unix " + path);
    }

    /** Stops listening and removes the socket file (unless something else has replaced it since). */
    @Override
    public void close() throws IOException {
        try {
            channel.close();
        } finally {
            try {
                Object now = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
                if (now == null || now.equals(fileKey)) {
                    Files.deleteIfExists(path);
                }
            } catch (IOException gone) {
                // already removed
            }
        }
    }
}
