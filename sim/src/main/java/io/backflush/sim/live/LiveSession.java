package io.backflush.sim.live;

import io.backflush.core.cleaning.CleaningParameters;
import io.backflush.core.cleaning.DetergentParameters;
import io.backflush.core.cleaning.Roast;
import io.backflush.core.hydraulics.BasketParameters;
import io.backflush.core.machine.Machine;
import io.backflush.core.machine.Presets;
import io.backflush.core.plant.InitialConditions;
import io.backflush.core.plant.Plant;
import io.backflush.sim.run.BackflushRun;
import io.backflush.sim.run.ProgramRefusedException;
import io.backflush.sim.run.Simulation;
import io.backflush.sim.show.RunSound;
import io.backflush.sim.signal.Signal;
import io.backflush.sim.usage.MachineLife;
import io.backflush.sim.usage.Strategies;
import io.backflush.sim.usage.Usage;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * One browser tab's machine: its own plant, driven by the project's executive at 1 ms ticks on the
 * thread that serves the tab's event stream, paced to the wall clock at 1× or 5× (or paused and
 * stepped). Each wakeup runs a bounded number of ticks (a session that falls behind drops the lag
 * rather than racing to catch up), applies the controls queued since the last one, and sends the
 * page one update of a few signals and any events. Only this thread touches the plant.
 */
final class LiveSession extends Tab {
    /** Simulation step, s (the run command's default). */
    static final double DT_SECONDS = 0.001;
    /** Updates sent per second of wall time. */
    static final int UPDATES_PER_SECOND = 25;
    /** The most simulated time one wakeup may run, s (bounds the work per wakeup). */
    static final double MAX_SIMULATED_PER_WAKEUP_S = 0.5;
    /** The signals each update carries, named by their trace columns. */
    static final Signal[] SIGNALS = {Signal.GROUP_BAR, Signal.LINE_BAR, Signal.BOILER_C,
            Signal.PUMP_FLOW_ML_PER_S, Signal.RELIEF_FLOW_ML_PER_S, Signal.GROUP_INFLOW_ML_PER_S,
            Signal.EXHAUST_WATER_ML_PER_S, Signal.EXHAUST_AIR_ATM_ML_PER_S, Signal.CUP_FLOW_ML_PER_S,
            Signal.DRIP_TRAY_ML, Signal.GROUP_WATER_ML, Signal.VALVE_ENERGISED, Signal.PUMP_DUTY, Signal.HEATER_DUTY,
            Signal.DETERGENT_LEFT_MG};

    private final ConcurrentLinkedQueue<Control> inbox = new ConcurrentLinkedQueue<>();
    private Machine machine;
    private Plant plant;
    private Simulation simulation;
    private LiveEvents events;
    private LiveController controller;
    private String basket = "blind";
    private String speed = "1";
    private double pendingStepSeconds;
    private int days;
    /** The machine changed: the page is sent a new hello (its name, valve, sound) before the next update. */
    private boolean helloDue;
    private SoundLevels sound;

    LiveSession(String id, Machine machine) {
        super(id);
        this.machine = machine;
        fresh(new Plant(machine, BasketParameters.blind(), InitialConditions.hotAndDry(), CleaningParameters.defaults()));
    }

    /** Queues a checked control for the session's thread. */
    void offer(Control control) {
        touch();
        inbox.add(control);
    }

    /**
     * Runs the session and streams it as server-sent events until the session is closed or the
     * client goes away (a write fails).
     */
    @Override
    void stream(OutputStream out) throws IOException {
        send(out, "hello", hello());
        long last = System.nanoTime();
        double owedSeconds = 0;
        while (!closed()) {
            applyControls(out);
            long now = System.nanoTime();
            double factor = speed.equals("pause") ? 0 : Double.parseDouble(speed);
            owedSeconds = Math.min(owedSeconds + factor * (now - last) / 1e9, MAX_SIMULATED_PER_WAKEUP_S);
            last = now;
            long ticks = (long) Math.floor(owedSeconds / DT_SECONDS + 1e-9);
            if (pendingStepSeconds > 0) {
                long stepTicks = Math.min(Math.round(pendingStepSeconds / DT_SECONDS),
                        Math.round(MAX_SIMULATED_PER_WAKEUP_S / DT_SECONDS));
                pendingStepSeconds = Math.max(0, pendingStepSeconds - stepTicks * DT_SECONDS);
                if (pendingStepSeconds < DT_SECONDS / 2) {
                    pendingStepSeconds = 0;
                }
                ticks += stepTicks;
            }
            owedSeconds -= Math.min(owedSeconds, ticks * DT_SECONDS);
            for (long i = 0; i < ticks; i++) {
                simulation.tick();
            }
            for (LiveEvents.Event e : events.drain()) {
                send(out, "log", event(e));
            }
            send(out, "state", state());
            sleepRest(now);
        }
        bye(out);
    }

    private void applyControls(OutputStream out) throws IOException {
        Control c;
        // a control sent after a step waits until the step is done, so a scripted sequence is exact
        while (pendingStepSeconds == 0 && (c = inbox.poll()) != null) {
            try {
                String said = apply(c);
                if (said != null) {
                    send(out, "log", event(new LiveEvents.Event(plant.timeSeconds() - events.originSeconds(),
                            "control", said, null)));
                }
            } catch (LiveInputException e) {
                send(out, "problem", "{\"error\":" + Json.string(e.getMessage()) + "}");
            }
            if (helloDue) {
                helloDue = false;
                send(out, "hello", hello());
            }
        }
    }

    /** Applies one control; returns a sentence for the event list, or null. */
    private String apply(Control c) {
        switch (c.name()) {
            case "pump" -> controller.pump = c.text().equals("on");
            case "solenoid" -> controller.solenoid = c.text().equals("on");
            case "brew" -> {
                controller.pump = c.text().equals("on");
                controller.solenoid = controller.pump;
            }
            case "heater" -> controller.heater = c.text().equals("on");
            case "speed" -> speed = c.text();
            case "step" -> {
                if (!speed.equals("pause")) {
                    throw new LiveInputException("step: pause the machine first (speed=pause)");
                }
                pendingStepSeconds = Math.min(pendingStepSeconds + c.number(), 6 * Control.MAX_STEP_S);
            }
            case "basket" -> {
                if (plant.valveEnergised() || plant.groupPressureBar() > 0.5) {
                    throw new LiveInputException(String.format(Locale.ROOT, "basket: the group is under pressure "
                            + "(%.1f bar, solenoid %s): release it before taking the portafilter out",
                            plant.groupPressureBar(), plant.valveEnergised() ? "energised" : "released"));
                }
                plant.changeBasket(basket(c.text()));
                basket = c.text();
                return "basket changed to " + label(basket);
            }
            case "detergent" -> {
                if (!basket.equals("blind")) {
                    throw new LiveInputException("detergent: put the blind basket in first (detergent goes in the "
                            + "blind basket)");
                }
                plant.cleaning().addDetergent(c.number());
                return String.format(Locale.ROOT, "%.1f g of detergent put in the blind basket", c.number());
            }
            case "days" -> {
                int n = (int) c.number();
                foul(n);
                return String.format(Locale.ROOT, "the machine was used %d days (%.0f shots a day) without cleaning: "
                        + "%.0f mg of coffee residue in the group", n, Control.SHOTS_PER_DAY,
                        plant.cleaning().totalResidueMg());
            }
            case "machine" -> {
                machine = Machine.of(Presets.find(c.text()).orElseThrow());
                reset();
                helloDue = true;
                return "machine changed to " + machine.name();
            }
            case "reset" -> {
                reset();
                return "the machine was reset: hot, dry and clean, paused at 0 s";
            }
            default -> throw new LiveInputException("unknown control '" + c.name() + "'");
        }
        return null;
    }

    private void reset() {
        days = 0;
        basket = "blind";
        speed = "pause";
        pendingStepSeconds = 0;
        fresh(new Plant(machine, BasketParameters.blind(), InitialConditions.hotAndDry(), CleaningParameters.defaults()));
    }

    /** Fouls a fresh machine by days of use without cleaning, then carries it over (as the run command does). */
    private void foul(int n) {
        Plant p = new Plant(machine, basket(basket), InitialConditions.hotAndDry(), CleaningParameters.defaults());
        if (n > 0) {
            MachineLife life = new MachineLife(machine, Usage.home(n, Control.SHOTS_PER_DAY, Roast.parse("medium")),
                    Strategies.find("none").orElseThrow(), 1L);
            life.run();
            p.restore(life.plant().snapshot());
            p.setTemperatures(InitialConditions.hotAndDry().boilerC(), InitialConditions.hotAndDry().groupMetalC());
            p.changeBasket(basket(basket));
        }
        days = n;
        fresh(p);
    }

    private void fresh(Plant p) {
        LiveController old = controller;
        plant = p;
        controller = new LiveController();
        if (old != null) {
            controller.heater = old.heater;
        }
        events = new LiveEvents(plant);
        sound = new SoundLevels(machine.pump().freeFlowMlPerS());
        simulation = new Simulation(plant, controller, DT_SECONDS).observe(events).observe((start, ticked) -> sound.add(ticked));
    }

    private static BasketParameters basket(String name) {
        return switch (name) {
            case "puck" -> BasketParameters.Puck.typical();
            case "none" -> BasketParameters.Open.screenOnly();
            default -> BasketParameters.blind();
        };
    }

    private static String label(String basket) {
        return switch (basket) {
            case "puck" -> "a coffee puck";
            case "none" -> "none (the portafilter out)";
            default -> "the blind basket";
        };
    }

    private String hello() {
        return hello(id, machine, null);
    }

    /**
     * The hello event: the machine, its sound and the limits of the controls. {@code watching} is
     * null for a session of its own, or the sentence saying which firmware's session the page
     * watches (read-only).
     */
    static String hello(String id, Machine machine, String watching) {
        StringBuilder s = new StringBuilder("{");
        Json.field(s, "session", id);
        Json.field(s, "machine", machine.name());
        s.append(",\"readOnly\":").append(watching != null);
        if (watching != null) {
            Json.field(s, "watching", watching);
        }
        s.append(",\"hasThreeWayValve\":").append(machine.parameters().hasThreeWayValve());
        String refusal = null;
        try {
            BackflushRun.refuseUnsafe(machine);
        } catch (ProgramRefusedException e) {
            refusal = e.getMessage();
        }
        s.append(",\"refusal\":").append(refusal == null ? "null" : Json.string(refusal));
        Json.number(s, "buzzHz", RunSound.buzzHz(machine.pump()));
        Json.number(s, "buzzHarmonics", RunSound.buzzHarmonics(machine.pump()));
        Json.number(s, "buzzExponent", RunSound.buzzExponent(machine.pump()));
        Json.number(s, "tasteThresholdMg", DetergentParameters.defaults().tasteThresholdMg());
        Json.number(s, "pumpGain", RunSound.PUMP_GAIN);
        Json.number(s, "whooshGain", RunSound.WHOOSH_GAIN);
        Json.number(s, "hissGain", RunSound.HISS_GAIN);
        Json.number(s, "dtSeconds", DT_SECONDS);
        Json.number(s, "updatesPerSecond", UPDATES_PER_SECOND);
        Json.number(s, "maxDetergentG", Control.MAX_DETERGENT_G);
        Json.number(s, "maxDays", Control.MAX_DAYS);
        Json.number(s, "maxStepSeconds", Control.MAX_STEP_S);
        s.append(",\"presets\":[");
        boolean first = true;
        for (String name : Presets.names()) {
            s.append(first ? "" : ",").append(Json.string(name));
            first = false;
        }
        s.append("]}");
        return s.toString();
    }

    private String state() {
        double[] values = new double[SIGNALS.length];
        for (int i = 0; i < SIGNALS.length; i++) {
            values[i] = SIGNALS[i].read(plant);
        }
        return state(plant.timeSeconds() - events.originSeconds(), values, sound.take(), plant.cleaning().totalResidueMg(),
                controller.pump, controller.solenoid, controller.heater, basket, speed, days);
    }

    /**
     * The state event: the clock, the {@link #SIGNALS} (values in that order), the sound levels
     * (pump loudness, whoosh, hiss), the residue and the switches as they stand.
     */
    static String state(double t, double[] values, double[] levels, double residueMg, boolean pump, boolean solenoid,
                        boolean heater, String basket, String speed, int days) {
        StringBuilder s = new StringBuilder("{");
        Json.number(s, "t", t);
        for (int i = 0; i < SIGNALS.length; i++) {
            Json.number(s, SIGNALS[i].column(), values[i]);
        }
        Json.number(s, "pumpLoudness", levels[0]);
        Json.number(s, "whooshLevel", levels[1]);
        Json.number(s, "hissLevel", levels[2]);
        Json.number(s, "residueMg", residueMg);
        s.append(",\"pump\":").append(pump);
        s.append(",\"solenoid\":").append(solenoid);
        s.append(",\"heater\":").append(heater);
        Json.field(s, "basket", basket);
        Json.field(s, "speed", speed);
        Json.number(s, "days", days);
        return s.append('}').toString();
    }

    static String event(LiveEvents.Event e) {
        StringBuilder s = new StringBuilder("{");
        Json.number(s, "t", e.atSeconds());
        Json.field(s, "kind", e.kind());
        Json.field(s, "text", e.text());
        if (e.volumeMl() != null) {
            Json.number(s, "volumeMl", e.volumeMl());
        }
        return s.append('}').toString();
    }

    static void send(OutputStream out, String event, String json) throws IOException {
        out.write(("event: " + event + "\ndata: " + json + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
