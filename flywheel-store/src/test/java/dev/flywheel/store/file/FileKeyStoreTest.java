package dev.flywheel.store.file;

import dev.flywheel.auth.KeyStore;
import dev.flywheel.auth.contract.KeyStoreContract;
import java.nio.file.Path;

class FileKeyStoreTest extends KeyStoreContract {
    @Override
    protected KeyStore open(Path dir) {
        return new FileKeyStore(dir);
    }
}
