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
 * frame over loopback; a first session of {@code warmup} seconds (not reported: the JIT compiles
 * the session's code) then a measured one of {@code seconds}; prints the measured session's
 * HdrHistogram percentiles. {@code -Dbackflush.spinMicros=N} sets the real-time pacing's spin
 * before each tick (default 50; 0: park only).
 * Usage: {@code java -cp bench/target/benchmarks.jar io.backflush.bench.HilRealtimeLateness [rate] [seconds] [warmup]}.
 */
public final class HilRealtimeLateness {
    private HilRealtimeLateness() {
    }

    public static void main(String[] args) throws Exception {
        double rate = args.length > 0 ? Double.parseDouble(args[0]) : 1000;
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 30;
        double warmup = args.length > 2 ? Double.parseDouble(args[2]) : 5;
        LinkedBlockingQueue<SessionResult> ended = new LinkedBlockingQueue<>();
        SessionConfig config = SessionConfig.lockstep(Machine.of(Presets.singleBoiler())).withRealtime(rate, 1);
        // two slots: the warm-up session's slot may be released a moment after its result is reported
        try (HilServer server = new HilServer(config, InetAddress.getLoopbackAddress(), 0, 2, ended::add)) {
            if (warmup > 0) {
                session(server, warmup);
                ended.poll(10, TimeUnit.SECONDS);
            }
            session(server, seconds);
            SessionResult r = ended.poll(10, TimeUnit.SECONDS);
            System.out.println(r.summary());
            System.out.printf("rate %.0f Hz, spin %s us, %d ticks in %.0f s after %.0f s warm-up: lateness p50 %d us, "
                            + "p99 %d us, p99.9 %d us, max %d us%n",
                    rate, System.getProperty("backflush.spinMicros", "50"), r.lateness().getTotalCount(), seconds, warmup,
                    r.lateness().getValueAtPercentile(50), r.lateness().getValueAtPercentile(99),
                    r.lateness().getValueAtPercentile(99.9), r.lateness().getMaxValue());
        }
    }

    /** One real-time session: answer every sensor frame for {@code seconds}, then bye. */
    private static void session(HilServer server, double seconds) throws Exception {
        try (HilClient client = HilClient.connect("127.0.0.1", server.port(), Encoding.BINARY)) {
            client.hello(false, 0);
            long end = System.nanoTime() + (long) (seconds * 1e9);
            while (System.nanoTime() < end) {
                Message.SensorFrame s = client.nextSensors();
                client.actuate(s, 0, false, 0.05);
            }
            client.send(new Message.Bye());
        }
    }
}
