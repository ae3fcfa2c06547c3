package dev.flywheel.model;

import dev.flywheel.model.internal.ImplicitAls;
import dev.flywheel.model.internal.SparseMatrix;
import java.util.List;
import java.util.Map;

/**
 * Takes a factorisation by id ({@link TrainedFactors}) into the numbering of the matrix it was
 * trained on, as computed here from the same snapshot: a vector for every user and item with a cell,
 * zero for those without one (as training here leaves them: nothing pulls them off zero but their
 * random start). Factors that miss an id with a cell, or name one without, were trained on other
 * data, and are refused naming it.
 */
final class FactorMapping {
    private FactorMapping() { }

    static ImplicitAls.Model into(SparseMatrix strong, List<String> users, List<String> items, TrainedFactors f,
                                  CollaborativeSpec spec) {
        int k = spec.factorisation().factors();
        if (f.factors() != k) {
            throw new IllegalArgumentException("the factors have " + f.factors() + " dimensions, the loop's collaborative.factors is " + k);
        }
        boolean[] userCells = new boolean[strong.rows()];
        boolean[] itemCells = new boolean[strong.cols()];
        for (int u = 0; u < strong.rows(); u++) {
            userCells[u] = strong.rowLength(u) > 0;
            for (int c = strong.start(u); c < strong.end(u); c++) itemCells[strong.column(c)] = true;
        }
        double[] x = vectors("user", users, userCells, f.userIndex(), f.userVectors(), k, f);
        double[] y = vectors("item", items, itemCells, f.itemIndex(), f.itemVectors(), k, f);
        return ImplicitAls.model(users.size(), items.size(), k, spec.factorisation().regularization(), x, y);
    }

    private static double[] vectors(String what, List<String> ids, boolean[] cells, Map<String, Integer> index, double[] from,
                                    int k, TrainedFactors f) {
        double[] out = new double[ids.size() * k];
        int matched = 0;
        for (int n = 0; n < ids.size(); n++) {
            Integer j = index.get(ids.get(n));
            if (j == null) {
                if (cells[n]) throw new IllegalArgumentException("the factors of " + f.trainer() + " have no vector for " + what + " "
                        + ids.get(n) + ", who has interactions in snapshot " + f.snapshot() + ": they were trained on other rows");
                continue;
            }
            System.arraycopy(from, j * k, out, n * k, k);
            matched++;
        }
        if (matched != index.size()) {
            for (String id : index.keySet()) {
                if (!ids.contains(id)) throw new IllegalArgumentException("the factors of " + f.trainer() + " have a vector for "
                        + what + " " + id + ", who has no interaction in snapshot " + f.snapshot() + ": they were trained on other rows");
            }
        }
        return out;
    }
}
