package dev.notify.outbox;

import dev.notify.outbox.spi.Journal;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class FileJournalContractTest extends JournalFleetContractTest {

    @TempDir
    Path directory;

    @Override
    Journal open() {
        return FileJournal.in(directory);
    }

    @Override
    Journal reopen() {
        journal.close();
        return FileJournal.in(directory);
    }
}
