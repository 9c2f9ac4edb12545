package io.backflush.bench;

import io.backflush.core.machine.Machine;
import io.backflush.core.machine.Presets;
import io.backflush.sim.hil.client.HilClient;
import io.backflush.sim.hil.protocol.Encoding;
import io.backflush.sim.hil.protocol.Message;
import io.backflush.sim.hil.server.HilServer;
import io.backflush.sim.hil.server.SessionConfig;
import io.backflush.sim.hil.server.SessionResult;

import java.net.InetAddress;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Real-time tick lateness: a server at {@code rate} Hz ×1, a Java client answering every sensor
 * frame over loopback for {@code seconds}; prints the session's HdrHistogram percentiles.
 * Usage: {@code java -cp bench/target/benchmarks.jar io.backflush.bench.HilRealtimeLateness [rate] [seconds]}.
 */
public final class HilRealtimeLateness {
    private HilRealtimeLateness() {
    }

    public static void main(String[] args) throws Exception {
        double rate = args.length > 0 ? Double.parseDouble(args[0]) : 1000;
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 30;
        LinkedBlockingQueue<SessionResult> ended = new LinkedBlockingQueue<>();
        SessionConfig config = SessionConfig.lockstep(Machine.of(Presets.singleBoiler())).withRealtime(rate, 1);
        try (HilServer server = new HilServer(config, InetAddress.getLoopbackAddress(), 0, 1, ended::add);
             HilClient client = HilClient.connect("127.0.0.1", server.port(), Encoding.BINARY)) {
            client.hello(false, 0);
            long end = System.nanoTime() + (long) (seconds * 1e9);
            while (System.nanoTime() < end) {
                Message.SensorFrame s = client.nextSensors();
                client.actuate(s, 0, false, 0.05);
            }
            client.send(new Message.Bye());
            SessionResult r = ended.poll(10, TimeUnit.SECONDS);
            System.out.println(r.summary());
            System.out.printf("rate %.0f Hz, %d ticks in %.0f s: lateness p50 %d us, p99 %d us, p99.9 %d us, max %d us%n",
                    rate, r.lateness().getTotalCount(), seconds, r.lateness().getValueAtPercentile(50),
                    r.lateness().getValueAtPercentile(99), r.lateness().getValueAtPercentile(99.9),
                    r.lateness().getMaxValue());
        }
    }
}
