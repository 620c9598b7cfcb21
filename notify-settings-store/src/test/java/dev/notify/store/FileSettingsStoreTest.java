package dev.notify.store;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class FileSettingsStoreTest extends SettingsStoreContract {

    @TempDir
    Path dir;

    Path file() {
        return dir.resolve("notify.properties");
    }

    @Override
    protected SettingsStore openStore(StoreOptions options) {
        return FileSettingsStore.open(file(), options);
    }

    @Override
    protected byte[] rawStoredBytes() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Path p : new Path[] {file(), FileSettingsStore.journalOf(file())}) {
            if (Files.exists(p)) {
                out.write(Files.readAllBytes(p));
            }
        }
        return out.toByteArray();
    }
}
