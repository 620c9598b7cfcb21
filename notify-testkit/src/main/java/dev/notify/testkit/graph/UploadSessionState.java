package dev.notify.testkit.graph;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** One upload session: what was announced and what arrived, digested as it arrives. Threadsafe. */
final class UploadSessionState {

    final String id;
    final String draftId;
    final String name;
    final String contentType;
    final long size;
    private final MessageDigest digest;
    private final List<String> ranges = new ArrayList<>();
    private long received;
    private int putsWithBearerToken;
    private int expireAfterChunks = Integer.MAX_VALUE;

    UploadSessionState(String id, String draftId, String name, String contentType, long size) {
        this.id = id;
        this.draftId = draftId;
        this.name = name;
        this.contentType = contentType;
        this.size = size;
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    synchronized long received() {
        return received;
    }

    synchronized void expireAfterChunks(int chunks) {
        expireAfterChunks = chunks;
    }

    /** Whether the session has taken the chunks it was to take before it expires. */
    synchronized boolean expired() {
        return ranges.size() >= expireAfterChunks;
    }

    synchronized void bearerTokenSeen() {
        putsWithBearerToken++;
    }

    /** Takes the chunk {@code start..} of {@code body}; the caller checked that it starts at {@link #received()}. */
    synchronized void accept(String range, byte[] body) {
        digest.update(body);
        received += body.length;
        ranges.add(range);
    }

    synchronized UploadedAttachment snapshot() {
        String sha256;
        try {
            sha256 = HexFormat.of().formatHex(((MessageDigest) digest.clone()).digest());
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
        return new UploadedAttachment(draftId, name, contentType, size, received, sha256, ranges, putsWithBearerToken);
    }
}
