"""Reference values for EmbeddingDriftTest (flywheel-core, dev.flywheel.quality).

Writes windows.csv (two windows of 8-component float32 vectors) and prints the values the test
compares with, computed independently of the Java code with numpy and scipy:

    cd flywheel-core/src/test/resources/quality/embedding-drift && python3 reference.py

Checked with numpy 2.4.6, scipy 1.17.1. Re-running rewrites windows.csv with the same numbers
(the generator is seeded) and prints the same values.
"""
import numpy as np
from scipy import optimize, stats

rng = np.random.default_rng(20261201)
N_REF, N_CUR, DIMS = 60, 70, 8  # 60 * 70 < 10,000: scipy and commons-statistics both use the exact KS p-value


def window(n, shifted):
    x = rng.normal(size=(n, DIMS))
    x[:, 4] = rng.exponential(size=n)           # skewed component
    x[:, 5] = rng.uniform(-1, 1, size=n)        # bounded component
    if shifted:
        x[:, 0] += 0.9                          # clear mean shift
        x[:, 1] += 0.5                          # moderate
        x[:, 2] += 0.2                          # slight
        x[:, 3] *= 1.8                          # spread, same mean
    return (x * 0.05).astype(np.float32)        # MiniLM-sized components


ref, cur = window(N_REF, False), window(N_CUR, True)
with open("windows.csv", "w") as f:
    f.write("window," + ",".join(f"c{j}" for j in range(DIMS)) + "\n")
    for name, w in (("reference", ref), ("current", cur)):
        for row in w:
            f.write(name + "," + ",".join(np.format_float_positional(v, unique=True, trim="-") for v in row) + "\n")

r64, c64 = ref.astype(np.float64), cur.astype(np.float64)

# ratio: per component KS (p < 0.05) and normalised Wasserstein (> 0.1), share of drifted components
ks_p = [float(stats.ks_2samp(r64[:, j], c64[:, j]).pvalue) for j in range(DIMS)]
wd = [float(stats.wasserstein_distance(r64[:, j], c64[:, j]) / max(np.std(r64[:, j]), 0.001)) for j in range(DIMS)]
print("ks p-values", ks_p)
print("ks drifted", [j for j in range(DIMS) if ks_p[j] < 0.05], "share", sum(p < 0.05 for p in ks_p) / DIMS)
print("wasserstein", wd)
print("wasserstein drifted", [j for j in range(DIMS) if wd[j] > 0.1], "share", sum(d > 0.1 for d in wd) / DIMS)

# distance: Euclidean between mean vectors; centroid cosine distance
mr, mc = r64.mean(axis=0), c64.mean(axis=0)
print("mean distance", repr(float(np.linalg.norm(mr - mc))))
print("centroid cosine distance", repr(float(1 - mr @ mc / np.sqrt((mr @ mr) * (mc @ mc)))))


def auc_pairs(scores, labels):
    """Share of (positive, negative) pairs ranked right, a tie counting one half."""
    s, y = np.asarray(scores, float), np.asarray(labels, bool)
    pos, neg = s[y], s[~y]
    wins = (pos[:, None] > neg[None, :]).sum() + 0.5 * (pos[:, None] == neg[None, :]).sum()
    return wins / (len(pos) * len(neg))


def auc_mann_whitney(scores, labels):
    s, y = np.asarray(scores, float), np.asarray(labels, bool)
    return stats.mannwhitneyu(s[y], s[~y]).statistic / (y.sum() * (~y).sum())


# ROC AUC of fixed score vectors
small_scores = [0.1, 0.4, 0.35, 0.8, 0.4, 0.9, 0.2, 0.4, 0.65, 0.3]
small_labels = [0, 0, 1, 1, 1, 1, 0, 0, 1, 0]
big_scores = [(i * 37 % 101) // 4 for i in range(200)]      # many ties
big_labels = [(i * 13 % 7) < 3 for i in range(200)]
for name, s, y in (("small", small_scores, small_labels), ("big", big_scores, big_labels)):
    print(f"auc {name}", repr(float(auc_pairs(s, y))), repr(float(auc_mann_whitney(s, y))))

# ridge logistic regression: both windows (current = 1), standardised by their population mean and sd,
# minimising mean log loss + ridge/2 |w|^2 with the intercept unpenalised
X = np.vstack([r64, c64])
y = np.r_[np.zeros(N_REF), np.ones(N_CUR)]
Z = (X - X.mean(axis=0)) / X.std(axis=0)
A = np.hstack([np.ones((len(Z), 1)), Z])
for ridge in (0.1, 1.0):
    def f(b):
        eta = A @ b
        return np.mean(np.logaddexp(0, eta) - y * eta) + ridge / 2 * b[1:] @ b[1:]

    def g(b):
        mu = 1 / (1 + np.exp(-(A @ b)))
        return A.T @ (mu - y) / len(y) + ridge * np.r_[0, b[1:]]

    fit = optimize.minimize(f, np.zeros(DIMS + 1), jac=g, method="BFGS", options={"gtol": 1e-12, "maxiter": 10000})
    print(f"ridge {ridge} coefficients", [float(v) for v in fit.x], "gradient norm", float(np.abs(g(fit.x)).max()))
    print(f"ridge {ridge} in-sample auc", repr(float(auc_pairs(A @ fit.x, y))))
