package dev.notify.store.internal;

import dev.notify.store.HistoryEntry.Kind;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * The append-only journal beside a settings file: one line per record,
 * {@code N1 <payload length in bytes> <CRC-32 of the payload, 8 hex digits> <payload>}, the payload being
 * tab-separated fields with {@code \\}, tab, CR and LF escaped: version, kind, time, author, comment ({@code +text}
 * or empty), the SHA-256 of the settings file the record left, the number of changes, and per change its key, flags
 * ({@code s} secret, {@code b} has a before value, {@code a} has an after value), before and after. Values are
 * stored text: a secret's is its reference or its encrypted form, never plain text.
 *
 * <p>A line cut short by a crash is the last one; it is ignored, and cut off by the next append. A damaged line
 * before intact ones means the journal was altered, and reading fails. Keeps what it read in memory and reads only
 * what was appended since. Threadsafe.
 */
final class Journal {

    private static final String MAGIC = "N1";

    private final Path path;
    private final List<JournalRecord> records = new ArrayList<>();
    private final List<String> hashes = new ArrayList<>();
    private final Map<String, String> replayed = new LinkedHashMap<>();
    private long validLength;

    Journal(Path path) {
        this.path = path;
    }

    Path path() {
        return path;
    }

    /** Reads what was appended since the last call. */
    synchronized void refresh() throws IOException {
        long size;
        try {
            size = Files.size(path);
        } catch (NoSuchFileException e) {
            size = 0;
        }
        if (size < validLength) {
            records.clear();
            hashes.clear();
            replayed.clear();
            validLength = 0;
        }
        if (size == validLength) {
            return;
        }
        byte[] tail;
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.allocate(Math.toIntExact(size - validLength));
            while (buffer.hasRemaining() && channel.read(buffer, validLength + buffer.position()) >= 0) {
                // reads until the buffer is full or the file ends
            }
            tail = java.util.Arrays.copyOf(buffer.array(), buffer.position());
        }
        int start = 0;
        for (int i = 0; i < tail.length; i++) {
            if (tail[i] != '\n') {
                continue;
            }
            String line = new String(tail, start, i - start, StandardCharsets.UTF_8);
            if (!read(line)) {
                if (i + 1 < tail.length) {
                    throw new IOException("the settings journal " + path + " is damaged at byte " + (validLength)
                            + "; move it aside to start a new history");
                }
                return;
            }
            validLength += i + 1 - start;
            start = i + 1;
        }
    }

    private boolean read(String line) {
        String[] head = line.split(" ", 4);
        if (head.length != 4 || !head[0].equals(MAGIC)) {
            return false;
        }
        byte[] payload = head[3].getBytes(StandardCharsets.UTF_8);
        try {
            if (payload.length != Integer.parseInt(head[1]) || crc(payload) != Long.parseLong(head[2], 16)) {
                return false;
            }
            List<String> f = fields(head[3]);
            long version = Long.parseLong(f.get(0));
            if (version != records.size() + 1) {
                return false;
            }
            int count = Integer.parseInt(f.get(6));
            List<JournalRecord.Change> changes = new ArrayList<>(count);
            for (int c = 0; c < count; c++) {
                int at = 7 + 4 * c;
                String flags = f.get(at + 1);
                changes.add(new JournalRecord.Change(f.get(at), flags.contains("b") ? f.get(at + 2) : null,
                        flags.contains("a") ? f.get(at + 3) : null, flags.contains("s")));
            }
            String comment = f.get(4).isEmpty() ? null : f.get(4).substring(1);
            JournalRecord record = new JournalRecord(version, Instant.parse(f.get(2)), f.get(3), comment,
                    Kind.valueOf(f.get(1)), changes);
            records.add(record);
            hashes.add(f.get(5));
            replay(record);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private void replay(JournalRecord record) {
        for (JournalRecord.Change change : record.changes()) {
            if (change.after() == null) {
                replayed.remove(change.key());
            } else {
                replayed.put(change.key(), change.after());
            }
        }
    }

    /** Appends records, each with the hash of the settings file it left, and forces them to the disk. */
    synchronized void append(List<JournalRecord> added, List<String> fileHashes) throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < added.size(); i++) {
            String payload = payload(added.get(i), fileHashes.get(i));
            text.append(MAGIC).append(' ').append(payload.getBytes(StandardCharsets.UTF_8).length).append(' ')
                    .append(String.format("%08x", crc(payload.getBytes(StandardCharsets.UTF_8)))).append(' ')
                    .append(payload).append('\n');
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            channel.truncate(validLength);
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            long at = validLength;
            while (buffer.hasRemaining()) {
                at += channel.write(buffer, at);
            }
            channel.force(true);
        }
        refresh();
    }

    /** Every record, oldest first. */
    synchronized List<JournalRecord> records() {
        return List.copyOf(records);
    }

    synchronized long version() {
        return records.size();
    }

    /** The hash of the settings file the last record left; null without records. */
    synchronized String lastHash() {
        return hashes.isEmpty() ? null : hashes.get(hashes.size() - 1);
    }

    /** The entries the records leave. */
    synchronized Map<String, String> replayed() {
        return new LinkedHashMap<>(replayed);
    }

    private static String payload(JournalRecord r, String fileHash) {
        List<String> f = new ArrayList<>(List.of(Long.toString(r.version()), r.kind().name(), r.time().toString(),
                r.author(), r.comment() == null ? "" : "+" + r.comment(), fileHash,
                Integer.toString(r.changes().size())));
        for (JournalRecord.Change c : r.changes()) {
            f.add(c.key());
            f.add((c.secret() ? "s" : "") + (c.before() != null ? "b" : "") + (c.after() != null ? "a" : "") + "-");
            f.add(c.before() == null ? "" : c.before());
            f.add(c.after() == null ? "" : c.after());
        }
        StringBuilder out = new StringBuilder();
        for (String field : f) {
            if (out.length() > 0) {
                out.append('\t');
            }
            for (int i = 0; i < field.length(); i++) {
                char ch = field.charAt(i);
                switch (ch) {
                    case '\\' -> out.append("\\\\");
                    case '\t' -> out.append("\\t");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    default -> out.append(ch);
                }
            }
        }
        return out.toString();
    }

    private static List<String> fields(String payload) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        for (int i = 0; i < payload.length(); i++) {
            char ch = payload.charAt(i);
            if (ch == '\t') {
                fields.add(field.toString());
                field.setLength(0);
            } else if (ch == '\\' && i + 1 < payload.length()) {
                char next = payload.charAt(++i);
                field.append(switch (next) {
                    case 't' -> '\t';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    default -> next;
                });
            } else {
                field.append(ch);
            }
        }
        fields.add(field.toString());
        return fields;
    }

    private static long crc(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return crc.getValue();
    }
}
