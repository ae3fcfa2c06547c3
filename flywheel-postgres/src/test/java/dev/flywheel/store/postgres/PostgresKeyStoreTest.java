package dev.flywheel.store.postgres;

import dev.flywheel.auth.KeyStore;
import dev.flywheel.auth.contract.KeyStoreContract;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/** The keys table passes the key store contract; each handle has a pool of its own, as another process would. */
class PostgresKeyStoreTest extends KeyStoreContract {
    private final PostgresSettings settings = LocalPostgres.shared().freshSchema("t", 4);
    private final List<PostgresDatabase> opened = new ArrayList<>();

    @Override
    protected KeyStore open(Path dir) {
        PostgresDatabase db = PostgresDatabase.open(settings);
        opened.add(db);
        return new PostgresKeyStore(db);
    }

    @AfterEach
    void closeDatabases() {
        opened.forEach(PostgresDatabase::close);
    }
}
