package io.backflush.sim.cli;

import io.backflush.core.machine.Machine;
import io.backflush.sim.live.LiveServer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code backflush live}: the machine in a browser, live, for a classroom. */
@Command(name = "live", mixinStandardHelpOptions = true,
        description = "Serves a live view of the machine to a browser: press the pump, watch the pressure climb, hear "
                + "it go quiet, release and hear the whoosh. Each tab has its own machine.")
final class LiveCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--machine", paramLabel = "M", defaultValue = "single-boiler",
            description = "A preset (see 'backflush machines') or a machine YAML file (default ${DEFAULT-VALUE}).")
    String machine;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8077",
            description = "TCP port (default ${DEFAULT-VALUE}; 0: any free port).")
    int port;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Address to listen on (default ${DEFAULT-VALUE}: this computer only; another address lets "
                    + "other computers on that network open the page).")
    String bind;

    @Option(names = "--max-sessions", paramLabel = "N", defaultValue = "8",
            description = "Browser tabs served at once (default ${DEFAULT-VALUE}).")
    int maxSessions;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Machine m = Inputs.machine(machine);
        if (port < 0 || port > 65_535) {
            throw new UserInputException("--port must be between 0 and 65535, got " + port);
        }
        if (maxSessions < 1 || maxSessions > 64) {
            throw new UserInputException("--max-sessions must be between 1 and 64, got " + maxSessions);
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(bind);
        } catch (UnknownHostException e) {
            throw new UserInputException("--bind " + bind + ": unknown address");
        }
        LiveServer.Config defaults = LiveServer.Config.loopback(m, port);
        LiveServer.Config config = new LiveServer.Config(m, new InetSocketAddress(address, port), maxSessions,
                defaults.attachTimeout(), defaults.idleTimeout());
        LiveServer server;
        try {
            server = LiveServer.start(config);
        } catch (BindException e) {
            throw new UserInputException("--port " + port + " on " + bind + ": " + e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("backflush live: " + m.name() + " at " + server.url() + " (open it in a browser; Ctrl-C stops)");
        out.flush();
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stop.countDown();
        }));
        stop.await();
        return 0;
    }
}
