package io.backflush.sim.usage;

import io.backflush.core.cleaning.CleaningParameters;
import io.backflush.core.cleaning.Roast;
import io.backflush.core.machine.Machine;
import io.backflush.core.machine.MachineParameters;
import io.backflush.core.param.Require;
import io.backflush.core.scale.Scale;
import io.backflush.core.scale.ScaleParameters;
import io.backflush.core.scale.ScaleSite;
import io.backflush.core.machine.WaterChemistry;
import io.backflush.sim.program.BackflushProgram;
import io.backflush.sim.program.Programs;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * How often to water-backflush, detergent-backflush and descale for a water and a use, from
 * simulated months ({@code backflush advise}).
 *
 * <p><b>Backflushing.</b> One month of the use (random days, seed 1) under each candidate: a water
 * backflush every day with a detergent clean every k days, k in {@link #DETERGENT_EVERY_DAYS} (on
 * those days it replaces the water one). The advice is the longest k whose mean cup penalty stays
 * at or below {@link #PENALTY_TARGET}; if none does, daily.
 *
 * <p><b>Descaling.</b> Scale forms in proportion to the litres heated (Schulman; the FAQ §1.7), so
 * the advised month's scale per litre at each site, times its litres per day, gives the scale after
 * d days; the descale interval is the first day on which an effect passes its tolerance
 * ({@link #EFFECT_TOLERANCE}: the element's conductance, the gicleur's or exhaust's area down by
 * that fraction) or the valve seat starts to leak, capped at {@link #MAX_DESCALE_DAYS}. One
 * {@code descale-manufacturer} run with {@link Strategies} acid dose is simulated for its cost.
 */
public final class CleaningAdvice {
    /** Mean cup penalty a schedule may leave: well under what a taster notices (1). Estimate. */
    public static final double PENALTY_TARGET = 0.3;
    /** Detergent intervals tried, days. */
    public static final List<Integer> DETERGENT_EVERY_DAYS = List.of(1, 2, 3, 7, 14, 30);
    /** Fraction by which an effect may move before a descale is due. Estimate. */
    public static final double EFFECT_TOLERANCE = 0.05;
    /** The longest descale interval advised, days: six months, the published interval for the softest water (a buyer's guide: below 50 ppm, 6 months). */
    public static final int MAX_DESCALE_DAYS = 180;
    /** Days simulated per candidate. */
    public static final int DAYS = 30;

    private CleaningAdvice() {
    }

    /**
     * One candidate schedule's month.
     *
     * @param detergentEveryDays the detergent interval, days
     * @param meanCupPenalty     mean cup penalty over the month's shots
     * @param waterPerMonthL     cleaning water, L
     * @param detergentPerMonthG detergent, g
     * @param minutesPerMonth    time spent cleaning, min
     */
    public record Candidate(int detergentEveryDays, double meanCupPenalty, double waterPerMonthL,
                            double detergentPerMonthG, double minutesPerMonth) {
    }

    /**
     * The advice.
     *
     * @param water               the water
     * @param scaleMgPerLitre     scale a litre can form at the boiler's temperature (Schulman), mg/L
     * @param candidates          every backflush schedule tried
     * @param detergentEveryDays  the advised detergent interval, days (a water backflush on the others)
     * @param litresPerDay        fresh water heated a day under the advised schedule, L
     * @param descaleEveryDays    the advised descale interval, days
     * @param descaleEveryLitres  the same as litres through the boiler, L
     * @param descaleLimitedBy    which effect sets the interval (element, gicleur, exhaust, seat, or none)
     * @param acidPerDescaleG     citric acid per descale, g
     * @param minutesPerDescale   time per descale (with its flush), min
     * @param waterPerDescaleL    water per descale (solution and flush), L
     */
    public record Advice(WaterChemistry water, double scaleMgPerLitre, List<Candidate> candidates,
                         int detergentEveryDays, double litresPerDay, int descaleEveryDays, double descaleEveryLitres,
                         String descaleLimitedBy, double acidPerDescaleG, double minutesPerDescale,
                         double waterPerDescaleL) {
        public Advice {
            candidates = List.copyOf(candidates);
        }

        /** The advised candidate. */
        public Candidate advised() {
            return candidates.stream().filter(c -> c.detergentEveryDays() == detergentEveryDays).findFirst().orElseThrow();
        }
    }

    /** The candidate strategy: water daily, detergent every k days (replacing that day's water backflush). */
    public static Strategy candidate(int detergentEveryDays) {
        BackflushProgram water = Programs.find("water-5x10").orElseThrow();
        BackflushProgram detergent = Programs.find("detergent-5x10-rinse-5").orElseThrow();
        List<CleaningTask> tasks = new ArrayList<>();
        if (detergentEveryDays > 1) {
            tasks.add(new CleaningTask(1, water, 0.0, false, false));
        }
        tasks.add(new CleaningTask(detergentEveryDays, detergent, 3.0, false, true));
        return new Strategy("detergent-every-" + detergentEveryDays + "d",
                "water daily, 3 g detergent every " + detergentEveryDays + " days", tasks);
    }

    /**
     * Simulates the candidates (in parallel) and works out the advice.
     *
     * @param progress called with the number of finished runs
     */
    public static Advice advise(Machine machine, WaterChemistry water, double shotsPerDay, Roast roast, int threads,
                                IntConsumer progress) throws InterruptedException {
        Require.present(water, "water");
        Usage usage = new Usage(DAYS, shotsPerDay, true, roast, 18.0, 7.0, 19.0);
        List<Strategy> strategies = new ArrayList<>();
        for (int k : DETERGENT_EVERY_DAYS) {
            strategies.add(candidate(k));
        }
        ScaleParameters scaleParameters = ScaleParameters.defaults();
        ComparisonResult month = StrategyComparison.compare(machine, usage, strategies, List.of(1L), threads,
                StepPolicy.fast(), CleaningParameters.defaults(), water, scaleParameters, progress);
        List<Candidate> candidates = new ArrayList<>();
        int advised = 1;
        for (int i = 0; i < strategies.size(); i++) {
            StrategySummary s = month.strategies().get(i);
            int k = DETERGENT_EVERY_DAYS.get(i);
            candidates.add(new Candidate(k, s.meanCupPenalty(), s.waterUsedMl() / 1000.0 * 30.0 / DAYS,
                    s.detergentUsedG() * 30.0 / DAYS, s.cleaningMinutes() * 30.0 / DAYS));
            if (s.meanCupPenalty() <= PENALTY_TARGET) {
                advised = Math.max(advised, k);
            }
        }
        StrategySummary chosen = month.strategies().get(DETERGENT_EVERY_DAYS.indexOf(advised));
        double litresPerDay = chosen.litresHeated() / DAYS;
        int days = MAX_DESCALE_DAYS;
        String limitedBy = "none";
        Scale probe = new Scale(water, scaleParameters);
        MachineParameters clean = machine.parameters();
        for (int d = 1; d <= MAX_DESCALE_DAYS; d++) {
            for (ScaleSite site : ScaleSite.values()) {
                probe.setMg(site, chosen.scaleMg().get(site.label()) / DAYS * d);
            }
            String effect = effectPastTolerance(probe, clean);
            if (effect != null) {
                days = d;
                limitedBy = effect;
                break;
            }
        }
        // one descale, for its cost
        Strategy descale = new Strategy("descale", "", List.of(new CleaningTask(1,
                Programs.find("descale-manufacturer").orElseThrow(), 0.0, false, false, 0.0, Strategies.ACID_G)));
        LifeResult once = new MachineLife(machine, new Usage(1, 0, false, roast, 18.0, 7.0, 19.0), descale, 1L,
                StepPolicy.fast(), CleaningParameters.defaults()).water(water, scaleParameters).run();
        return new Advice(water, 
                io.backflush.core.scale.Schulman.scaleMgPerLitre(water, MachineLife.HOT_BOILER_C), candidates, advised, litresPerDay,
                days, days * litresPerDay, limitedBy, once.scale().acidUsedG(), once.cleaningMinutes(),
                once.waterUsedMl() / 1000.0);
    }

    /** The first effect past its tolerance on the machine, or null. */
    static String effectPastTolerance(Scale scale, MachineParameters clean) {
        double open = 1.0 - EFFECT_TOLERANCE;
        if (scale.elementConductanceWPerK(clean.boiler().elementConductanceWPerK())
                < open * clean.boiler().elementConductanceWPerK()) {
            return "element";
        }
        double inlet = clean.gicleur() != null ? clean.gicleur().diameterMm() : clean.groupInlet().diameterMm();
        if (scale.openAreaFraction(inlet, scale.mg(ScaleSite.GICLEUR)) < open) {
            return "gicleur";
        }
        if (clean.threeWayValve() != null) {
            if (scale.openAreaFraction(clean.threeWayValve().exhaust().diameterMm(), scale.mg(ScaleSite.EXHAUST)) < open) {
                return "exhaust";
            }
            if (scale.seatLeakCoefficient() > 0) {
                return "seat";
            }
        }
        return null;
    }
}
