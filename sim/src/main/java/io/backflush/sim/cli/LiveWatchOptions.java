package io.backflush.sim.cli;

import io.backflush.core.machine.Machine;
import io.backflush.sim.live.LiveServer;
import io.backflush.sim.live.Watch;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/** {@code --live-port} and {@code --live-bind}: the live page watching the firmware's sessions, read-only. */
final class LiveWatchOptions {
    @Option(names = "--live-port", paramLabel = "PORT",
            description = "Also serve the live page on this TCP port (0: any free one), watching the firmware's plant "
                    + "read-only, with its sound (default: no page).")
    Integer livePort;

    @Option(names = "--live-bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Address the live page listens on (default ${DEFAULT-VALUE}: this computer only).")
    String liveBind;

    /** Checks the options before anything runs. */
    void check() {
        if (livePort != null && (livePort < 0 || livePort > 65_535)) {
            throw new UserInputException("--live-port must be between 0 and 65535, got " + livePort);
        }
        if (livePort != null) {
            address();
        }
    }

    private InetAddress address() {
        try {
            return InetAddress.getByName(liveBind);
        } catch (UnknownHostException e) {
            throw new UserInputException("--live-bind " + liveBind + ": unknown address");
        }
    }

    /** The watching page's server, or null without {@code --live-port}. */
    LiveServer start(Machine machine, Watch watch) throws IOException {
        if (livePort == null) {
            return null;
        }
        LiveServer.Config loopback = LiveServer.Config.loopback(machine, livePort);
        LiveServer.Config config = new LiveServer.Config(machine, new InetSocketAddress(address(), livePort),
                loopback.maxSessions(), loopback.attachTimeout(), loopback.idleTimeout());
        try {
            return LiveServer.start(config, watch);
        } catch (BindException e) {
            throw new UserInputException("--live-port " + livePort + " on " + liveBind + ": " + e.getMessage());
        }
    }
}
