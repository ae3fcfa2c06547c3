package dev.flywheel.sim.articles;

import dev.flywheel.loop.Choice;
import dev.flywheel.loop.Slate;
import java.util.ArrayList;
import java.util.List;

/** Slates of the simulator's baselines as the loop API returns them. */
final class Choices {
    private Choices() { }

    /** A deterministic ranking: every slot was certain (propensity 1). */
    static Choice deterministic(String model, List<String> ranked, List<String> candidates) {
        List<Slate.Slot> slots = new ArrayList<>(ranked.size());
        for (String item : ranked) slots.add(new Slate.Slot(item, 0, 1));
        return new Choice(model, "champion", 1, 0, new Slate(slots), candidates, List.of(), List.of());
    }
}
