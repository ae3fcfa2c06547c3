package dev.flywheel.sim.articles;

import java.util.Arrays;

/**
 * A simulated user: a latent preference in [0,1] per topic (sparse: a few loved topics, mild on
 * the rest) and the probability of being active in a round.
 */
public record User(String id, double[] preferences, double activity) {

    public User {
        if (id == null || id.isBlank()) throw new IllegalArgumentException("id is required");
        preferences = preferences.clone();
        for (double p : preferences) {
            if (!(p >= 0 && p <= 1)) throw new IllegalArgumentException("preference in [0,1], got " + p);
        }
        if (!(activity > 0 && activity <= 1)) throw new IllegalArgumentException("activity in (0,1], got " + activity);
    }

    /** A copy: the record stays immutable. */
    @Override
    public double[] preferences() {
        return preferences.clone();
    }

    public double preference(int topic) {
        return preferences[topic];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof User r && r.id.equals(id) && r.activity == activity
                && Arrays.equals(r.preferences, preferences);
    }

    @Override
    public int hashCode() {
        return id.hashCode() * 31 + Arrays.hashCode(preferences);
    }

    @Override
    public String toString() {
        return "User[" + id + ", " + Arrays.toString(preferences) + ", activity=" + activity + "]";
    }
}
