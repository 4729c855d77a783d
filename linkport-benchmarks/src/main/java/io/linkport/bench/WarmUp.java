package io.linkport.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How long a scenario's load ran before it was measured, and the throughput of each slice.
 *
 * <p>On a slow machine the JIT needs tens of seconds to reach steady state (the no-op endpoint
 * went 2,200 → 4,100 → 8,500 → 15,000/s in successive 10 s windows), so a fixed 5 s warm-up
 * understated every figure, and by a different factor for each scenario. The load runs in 5 s
 * slices until two slices running are each within 10 % of the slice before (closer than that is
 * within the noise of this shared machine; one settled step was not enough: link tokens went
 * 517 → 895 → 942/s, stopped there and measured 1,461/s, then reached 2,300/s after 40 s), or
 * until {@code --max-warmup} is spent.
 *
 * <p>Settled throughput was not enough either on two cores: the JIT's C2 compiler went on taking
 * 30–38 % of a core for minutes after the link runs' throughput looked flat between slices, and
 * PostgreSQL's commits per second during link runs rose 4× (650 → 2,800/s) over four minutes as
 * that fell to 2–5 %. So the load also goes on until the server's compiler threads used at most
 * {@link #JIT_QUIET} of one core in the last slice: "warmed up" means the JIT has done its work.
 *
 * <p>Two steps within 10 % each still let a slow climb through: link runs went 91 → 97 → 102/s,
 * +5 % a step with the JIT at 8 %, stopped after 31 s and measured 105/s, where the same jar
 * reached 120–130/s after 90 s in other runs. So the last slice may also be at most
 * {@link #CLIMB_LIMIT} above the slice two before it: a plateau's noise goes up and down, a
 * warm-up only up. Smoke runs keep one 1 s slice: they check that the scenarios run, never how fast.
 *
 * @param jitPercent per slice, the CPU the server's JIT compiler threads used, in % of one core
 */
record WarmUp(double seconds, List<Long> slicesPerSecond, List<Long> jitPercent) {

    static final Duration SLICE = Duration.ofSeconds(5);
    static final double SETTLED_WITHIN = 0.10;
    static final double JIT_QUIET = 0.10;
    static final double CLIMB_LIMIT = 0.05;

    /** One slice of the scenario's own load for about {@code duration}, with its throughput. */
    interface Load {
        Measurement run(Duration duration) throws Exception;
    }

    static WarmUp run(String scenario, BenchmarkMain.Options options, ServerUnderTest server, Load load) throws Exception {
        Duration max = options.maxWarmup();
        Duration slice = options.smoke() ? Duration.ofSeconds(1) : SLICE.compareTo(max) < 0 ? SLICE : max;
        List<Long> rates = new ArrayList<>();
        List<Long> jit = new ArrayList<>();
        long started = System.nanoTime();
        while (!slice.isZero()) {
            double jitBefore = server.jitCpuSeconds();
            long sliceStarted = System.nanoTime();
            rates.add(Math.round(load.run(slice).perSecond()));
            double jitShare = (server.jitCpuSeconds() - jitBefore) / ((System.nanoTime() - sliceStarted) / 1e9);
            jit.add(Math.round(jitShare * 100));
            Duration spent = Duration.ofNanos(System.nanoTime() - started);
            if (options.smoke() || (settled(rates) && jitShare <= JIT_QUIET) || spent.plus(slice).compareTo(max) > 0) {
                break;
            }
        }
        WarmUp warmUp = new WarmUp((System.nanoTime() - started) / 1e9, List.copyOf(rates), List.copyOf(jit));
        System.out.printf(Locale.ROOT, "[bench] %s warm-up %.0f s, per slice: %s /s, JIT: %s %% of a core%n", scenario,
                warmUp.seconds(), rates, jit);
        return warmUp;
    }

    /** True once the slices so far look like steady state (the JIT aside); see the class comment. */
    static boolean settled(List<Long> rates) {
        int n = rates.size();
        return n >= 3 && within(rates.get(n - 2), rates.get(n - 1)) && within(rates.get(n - 3), rates.get(n - 2))
                && rates.get(n - 1) <= (1 + CLIMB_LIMIT) * rates.get(n - 3);
    }

    private static boolean within(long previous, long next) {
        return Math.abs(next - previous) <= SETTLED_WITHIN * previous;
    }
}
