package io.backflush.bench;

import io.backflush.core.machine.Machine;
import io.backflush.core.machine.Presets;
import io.backflush.sim.hil.client.HilClient;
import io.backflush.sim.hil.protocol.Encoding;
import io.backflush.sim.hil.protocol.Message;
import io.backflush.sim.hil.server.HilServer;
import io.backflush.sim.hil.server.SessionConfig;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.net.InetAddress;
import java.util.concurrent.TimeUnit;

/**
 * Lockstep round trips over loopback with the Java client: one op = one actuator frame sent, the
 * plant stepped 1 ms, the next sensor frame received. Binary and JSON lines.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class HilBenchmark {
    @Param({"BINARY", "JSON"})
    public String encoding;

    private HilServer server;
    private HilClient client;
    private Message.SensorFrame sensors;

    @Setup(Level.Trial)
    public void start() throws IOException {
        server = new HilServer(SessionConfig.lockstep(Machine.of(Presets.singleBoiler())),
                InetAddress.getLoopbackAddress(), 0, 1, r -> { });
        client = HilClient.connect("127.0.0.1", server.port(), Encoding.valueOf(encoding));
        client.hello(false, 0);
        sensors = client.nextSensors();
    }

    @Benchmark
    public Message.SensorFrame lockstepRoundTrip() throws IOException {
        client.actuate(sensors, 0, false, 0.05);
        sensors = client.nextSensors();
        return sensors;
    }

    @TearDown(Level.Trial)
    public void stop() throws IOException {
        client.send(new Message.Bye());
        client.close();
        server.close();
    }
}
