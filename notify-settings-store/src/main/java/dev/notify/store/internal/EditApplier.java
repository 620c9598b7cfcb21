package dev.notify.store.internal;

import dev.notify.Problem;
import dev.notify.SettingsException;
import dev.notify.store.ChangeSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Applies a change set's edits to stored entries, encrypting secret values; validation is the caller's. */
final class EditApplier {

    private final StoredEntries entries;

    EditApplier(StoredEntries entries) {
        this.entries = entries;
    }

    /**
     * The entries after the edits.
     *
     * @throws SettingsException naming each edit that cannot be made (a secret without an encryption key, a server
     *     that does not exist); never with a value
     */
    Map<String, String> apply(Map<String, String> before, ChangeSet changes) {
        Map<String, String> after = new LinkedHashMap<>(before);
        List<Problem> problems = new ArrayList<>();
        for (ChangeSet.Edit edit : changes.edits()) {
            String key = edit.key();
            switch (edit.kind()) {
                case SET -> set(after, edit, problems);
                case UNSET -> after.remove(key);
                case ADD_SERVER -> {
                    String inherits = "servers." + key + ".inherits";
                    edit.value().filter(p -> !p.isBlank()).ifPresentOrElse(parent -> after.put(inherits, parent.strip()),
                            () -> after.remove(inherits));
                }
                case REMOVE_SERVER -> {
                    String prefix = "servers." + key + ".";
                    if (!after.keySet().removeIf(k -> k.startsWith(prefix))) {
                        problems.add(new Problem("servers." + key, "no such server"));
                    }
                }
                default -> throw new IllegalStateException("unknown edit " + edit.kind());
            }
        }
        if (!problems.isEmpty()) {
            throw new SettingsException(problems);
        }
        return after;
    }

    private void set(Map<String, String> after, ChangeSet.Edit edit, List<Problem> problems) {
        String key = edit.key();
        boolean secret = entries.isSecret(key);
        if (edit.secret().isPresent() && !secret) {
            problems.add(new Problem(key, entries.setting(key).isPresent() ? "is not a secret; set it as text"
                    : "unknown setting"));
            return;
        }
        String text = edit.secret().map(s -> s.reveal()).orElseGet(() -> edit.value().orElse("")).strip();
        if (!secret || text.isEmpty() || StoredEntries.isReference(text)) {
            after.put(key, text);
        } else if (!entries.cipher().canEncrypt()) {
            problems.add(new Problem(key, "is a secret and no encryption key is configured: give it as a reference"
                    + " (${env:NAME} or ${file:PATH}) or configure an encryption key"));
        } else {
            after.put(key, entries.cipher().encrypt(key, text));
        }
    }
}
