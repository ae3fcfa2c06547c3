package dev.flywheel.store.file;

import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.flywheel.model.ModelStore;
import dev.flywheel.model.contract.ModelStoreContract;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class FileModelStoreTest extends ModelStoreContract {
    @Override
    protected ModelStore open(Path dir) {
        return new FileModelStore(dir.resolve("models"));
    }

    @Test
    void aTemporaryFileLeftByACrashIsRemovedAndNeverTakenForAState() throws Exception {
        Path models = dir.resolve("models");
        Files.createDirectories(models);
        Path torn = models.resolve("ab".repeat(32) + ".1.tmp");
        Files.write(torn, new byte[] {1, 2});
        ModelStore s = open(dir);
        assertFalse(Files.exists(torn));
        assertFalse(s.contains("ab".repeat(32)));
    }
}
