package dev.flywheel.quality;

import dev.flywheel.decision.Decision;
import dev.flywheel.decision.ServedItem;
import dev.flywheel.event.Event;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.commons.statistics.distribution.BinomialDistribution;

/**
 * Names the users who behave like bots and the items that behave like clickbait, from what every
 * user does with what they are shown. Each is an outlier of the population on more than one sign at
 * once, by robust z-scores (distance from the median in scaled median absolute deviations, which a
 * minority of bots or clickbait cannot drag along):
 * <ul>
 *   <li>a bot clicks far more of what it is shown than people do, and either leaves at once after
 *       far more of its clicks (dwell under {@link #QUICK_EXIT_SECONDS}; a binomial tail below 1 % over
 *       the users judged, at people's upper-quartile share: a push attack that reads and likes its
 *       targets for long, to look engaged, still leaves everything else at once, and the more a
 *       personalised feed fills with its targets the more its mean dwell looks like a person's) or
 *       never judges what it clicked (a chance below 1 % over the users judged, at the share of their
 *       clicks people typically judge);</li>
 *   <li>clickbait is clicked more than the typical item and disappoints after the click: its clicks
 *       end in dislikes more than twice as often as the typical item's, and more often than honest
 *       items allow, counted over the users not flagged as bots, whose clicks say nothing of the item.
 *       Honest items do not share one dislike rate (a dull or off-topic article disappoints far more
 *       than a good one), so chance is a beta-binomial over the honest items' rates, fitted without
 *       the clickbait ({@link BetaBinomialNull}), and its tail must be below 1 % over the number of
 *       items judged.</li>
 * </ul>
 * Users need {@link #MIN_IMPRESSIONS} impressions and items {@link #MIN_CLICKS} clicks before they
 * are judged, and no item is judged before the honest items' fit rests on
 * {@link #MIN_HONEST_DISLIKES} dislikes. The signs are the vocabulary's event types: {@code impression} (or a decision's served
 * items), {@code click}, {@code like}, {@code dislike}, and {@code dwell} with its seconds as value.
 * Memory: a handful of counters per user and per item. One thread (the log runner).
 */
public final class ContaminationMonitor {
    public static final int MIN_IMPRESSIONS = 30;
    public static final int MIN_CLICKS = 5;
    /**
     * Dislikes the honest items' fit must rest on before any item is judged clickbait: ten, so the
     * honest rate is known to about a third of itself (a rate from fewer is mostly luck).
     */
    public static final int MIN_HONEST_DISLIKES = 10;
    /** How far out (in robust z) a sign must be: 3.5, Iglewicz and Hoaglin's outlier bound. */
    public static final double OUTLIER = 3.5;
    /**
     * A click followed by less reading than this is a quick exit: too short to read a headline's
     * promise, let alone the article (people who dislike what they opened still take a few seconds).
     */
    public static final double QUICK_EXIT_SECONDS = 3;
    /** Per user, and per item the signs from each user, so a bot's clicks can be left out of the item's. */
    private final SignsTable signs = new SignsTable();

    /** Counters of one user or item. */
    static final class Signs {
        long impressions;
        long clicks;
        long likes;
        long dislikes;
        long dwells;
        /** Dwells under {@link #QUICK_EXIT_SECONDS}: clicks without reading. */
        long quickExits;

        double clickRate() {
            return impressions == 0 ? 0 : Math.min(1, (double) clicks / impressions);
        }

        double judged() {
            return clicks == 0 ? 0 : (double) (likes + dislikes) / clicks;
        }

        double dislikeRate() {
            return clicks == 0 ? 0 : (double) dislikes / clicks;
        }

        double quickExitShare() {
            return dwells == 0 ? 0 : (double) quickExits / dwells;
        }
    }

    /**
     * The users flagged as bots and the items flagged as clickbait, with what flagged each: a bot's
     * robust z of click-through, a clickbait item's tail probability of its dislikes (beta-binomial).
     */
    public record Flags(Map<String, Double> botZ, Map<String, Double> clickbaitTail) {
        public Set<String> bots() {
            return botZ.keySet();
        }

        public Set<String> clickbait() {
            return clickbaitTail.keySet();
        }
    }

    /**
     * The chance of naming any honest item over all judgements: split over the items judged, and
     * spent over each item's looks at new evidence, {@code 1/(k(k+1))} of it on the k-th.
     */
    public static final double CLICKBAIT_LEVEL = 0.01;
    /** Per candidate item, its clicks and dislikes when last tested and how many looks it has had. */
    private final Map<String, long[]> looks = new HashMap<>();

    void writeState(dev.flywheel.state.StateWriter out) {
        signs.writeState(out);
        out.putInt(looks.size());
        new java.util.TreeMap<>(looks).forEach((item, l) -> {
            out.putString(item).putInt(l.length);
            for (long v : l) out.putLong(v);
        });
    }

    void readState(dev.flywheel.state.StateReader in) {
        signs.readState(in);
        for (int i = in.count(); i > 0; i--) {
            String item = in.getString();
            long[] l = new long[in.count()];
            for (int k = 0; k < l.length; k++) l[k] = in.getLong();
            looks.put(item, l);
        }
    }

    public void onDecision(Decision d) {
        for (ServedItem s : d.items()) observe(d.user(), s.item(), "impression", null);
    }

    public void onEvent(Event e) {
        if (e.user() == null || e.item() == null) return;
        observe(e.user(), e.item(), e.type(), e.value());
    }

    /** One sign by its parts: what {@link #onEvent} and {@link #onDecision} hand over; other types count nothing. */
    public void observe(String user, String item, String type, Double value) {
        switch (type) {
            case "impression" -> signs.add(user, item, 0, 1);
            case "click" -> signs.add(user, item, 1, 1);
            case "like" -> signs.add(user, item, 2, 1);
            case "dislike" -> signs.add(user, item, 3, 1);
            case "dwell" -> {
                if (value != null && Double.isFinite(value) && value >= 0) {
                    signs.add(user, item, 4, 1);
                    if (value < QUICK_EXIT_SECONDS) signs.add(user, item, 5, 1);
                }
            }
            default -> { }
        }
    }

    /** The bots and clickbait items as of now. */
    public Flags flags() {
        Map<String, Double> bots = bots();
        return new Flags(bots, clickbait(bots.keySet()));
    }

    private Map<String, Double> bots() {
        List<String> ids = new ArrayList<>();
        List<Signs> judged = new ArrayList<>();
        signs.forEachUser((id, s) -> {
            if (s.impressions >= MIN_IMPRESSIONS) {
                ids.add(id);
                judged.add(s);
            }
        });
        double[] ctr = judged.stream().mapToDouble(Signs::clickRate).toArray();
        double[] judge = judged.stream().mapToDouble(Signs::judged).toArray();
        Robust ctrZ = Robust.of(ctr);
        // people judge a typical share of what they click; a user who never judged c clicks is that
        // unlikely under the typical share, (1 - share)^c, against a level split over the users judged
        double typicalJudging = Robust.of(judge).median();
        double typicalQuick = typicalQuickExits(judged);
        double level = 0.01 / Math.max(1, ids.size());
        Map<String, Double> out = new TreeMap<>();
        for (int k = 0; k < ids.size(); k++) {
            boolean clicksAll = ctrZ.z(ctr[k]) > OUTLIER;
            Signs s = judged.get(k);
            boolean leaves = s.quickExits > 2 * typicalQuick * s.dwells
                    && BinomialDistribution.of((int) Math.min(Integer.MAX_VALUE, s.dwells), typicalQuick).survivalProbability((int) s.quickExits - 1) < level;
            long clicks = s.clicks;
            boolean neverJudges = clicks > 0 && judge[k] == 0 && Math.pow(1 - typicalJudging, clicks) < level;
            if (clicksAll && (leaves || neverJudges)) out.put(ids.get(k), ctrZ.z(ctr[k]));
        }
        return out;
    }

    /**
     * The share of people's clicks that end in a quick exit, generously: the upper quartile over the
     * users judged (bots, a minority, cannot move it much; most people never leave that fast, so the
     * median is often 0), floored at 1 %.
     */
    private static double typicalQuickExits(List<Signs> users) {
        double[] shares = users.stream().filter(s -> s.dwells > 0).mapToDouble(Signs::quickExitShare).sorted().toArray();
        return shares.length == 0 ? 0.01 : Math.max(0.01, shares[(int) Math.floor(0.75 * (shares.length - 1))]);
    }

    private Map<String, Double> clickbait(Set<String> bots) {
        List<String> ids = new ArrayList<>();
        List<Signs> judged = new ArrayList<>();
        signs.forEachItem(bots, (item, s) -> {
            if (s.clicks >= MIN_CLICKS) {
                ids.add(item);
                judged.add(s);
            }
        });
        double[] ctr = judged.stream().mapToDouble(Signs::clickRate).toArray();
        Robust ctrZ = Robust.of(ctr);
        long[] clicks = judged.stream().mapToLong(s -> s.clicks).toArray();
        long[] dislikes = judged.stream().mapToLong(s -> s.dislikes).toArray();
        BetaBinomialNull honest = BetaBinomialNull.fit(clicks, dislikes);
        if (!known(honest, clicks, dislikes)) return new TreeMap<>();
        // an item's dislikes are beta-binomial in its clicks under the honest items' spread of rates:
        // a few clicks say little, many a lot, but never more than the spread allows, so an honest
        // article read often that disappoints is within it; an item that is not clicked more than
        // typical, or not disliked twice as often as the honest mean, is not a candidate (p = 1)
        double[] tails = new double[ids.size()];
        long[] look = new long[ids.size()];
        for (int k = 0; k < ids.size(); k++) {
            Signs s = judged.get(k);
            boolean candidate = s.dislikeRate() > 2 * honest.mean() && ctrZ.z(ctr[k]) > 0;
            tails[k] = candidate ? honest.tail(s.clicks, s.dislikes) : 1;
            look[k] = candidate ? look(ids.get(k), s) : 1;
        }
        // a level split over every item judged: a name excludes an honest article's feedback from
        // training, so the chance of naming any honest article is what is bounded (1 %); the false
        // discovery rate was tried under the binomial null and named honest articles, which that null
        // did not model; the beta-binomial gives them their spread instead of a looser level
        // and spent over each item's looks at new evidence (as the drift monitor spends its alpha over
        // windows): an honest article is tested again whenever it has new clicks, and one early window
        // where it happened to disappoint a few readers, while most articles had no dislike yet, named
        // it for good; a window without news of it is no new chance of a false name
        double level = CLICKBAIT_LEVEL / Math.max(1, ids.size());
        Map<String, Double> out = new TreeMap<>();
        for (int k = 0; k < ids.size(); k++) {
            if (tails[k] < level / (look[k] * (look[k] + 1.0))) out.put(ids.get(k), tails[k]);
        }
        return out;
    }

    /**
     * Whether the honest items' rate rests on enough dislikes to judge against: those of the items the
     * fit kept (within its tail, as the fit's fixed point has them). Early, when most items were never
     * disliked, the fit can keep only those and come out at a rate of 0, against which any item
     * disliked twice is clickbait: a demo named two honest articles so in its fifth round, one of them
     * disliked twice by then. No item is judged, and no look spent, until there are enough.
     */
    private static boolean known(BetaBinomialNull honest, long[] clicks, long[] dislikes) {
        long kept = 0;
        for (int k = 0; k < clicks.length; k++) {
            if (honest.tail(clicks[k], dislikes[k]) >= BetaBinomialNull.FIT_TAIL) kept += dislikes[k];
        }
        return kept >= MIN_HONEST_DISLIKES;
    }

    /** The number of this look at the item: one more than before if its evidence changed since. */
    private long look(String item, Signs s) {
        long[] l = looks.computeIfAbsent(item, k -> new long[] {-1, -1, 0});
        if (l[0] != s.clicks || l[1] != s.dislikes) {
            l[0] = s.clicks;
            l[1] = s.dislikes;
            l[2]++;
        }
        return l[2];
    }

    /**
     * A population's median and scale (1.4826 · median absolute deviation, floored at 1 % of the
     * range so a population of equal values does not make every other value infinitely far).
     */
    record Robust(double median, double scale) {
        static Robust of(double[] population) {
            if (population.length == 0) return new Robust(0, 1);
            double[] s = population.clone();
            Arrays.sort(s);
            double median = middle(s);
            double[] dev = new double[s.length];
            for (int i = 0; i < s.length; i++) dev[i] = Math.abs(s[i] - median);
            Arrays.sort(dev);
            double floor = 0.01 * Math.max(1e-12, s[s.length - 1] - s[0]);
            return new Robust(median, Math.max(1.4826 * middle(dev), floor));
        }

        double z(double x) {
            return (x - median) / scale;
        }
    }

    private static double middle(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
