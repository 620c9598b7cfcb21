package dev.notify.graph.internal;

import dev.notify.DeliveryException;
import dev.notify.PermanentDeliveryException;
import dev.notify.TransientDeliveryException;
import dev.notify.json.Json;
import dev.notify.json.JsonException;
import dev.notify.message.Attachment;
import dev.notify.spi.Backoff;
import dev.notify.spi.RetryAfter;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;

/**
 * Uploads one attachment through a Graph upload session: {@code PUT} requests of at most the chunk size, each with
 * its {@code Content-Range}, read from the attachment's stream as they are sent so that no more than a copy buffer is
 * held. The upload URL is pre-authorised: the requests carry no {@code Authorization} header (Graph answers 401 to
 * one that does). A chunk answered with 429 or 5xx, or lost on the way, is resumed from the session's
 * {@code nextExpectedRanges} after the back-off (honouring {@code Retry-After}), up to the attempts allowed.
 * When Graph no longer knows the upload URL (404: the session expired), a new session is opened and the attachment
 * uploaded again from its start, once; a second expiry ends the upload.
 *
 * <p>This class is immutable and threadsafe; each {@link #upload} is independent.
 */
final class ChunkedUpload {

    private static final MediaType OCTET_STREAM = MediaType.get("application/octet-stream");
    private static final int COPY_BUFFER = 64 * 1024;

    private final OkHttpClient http;
    private final int chunkBytes;
    private final Backoff backoff;
    private final int attemptsPerChunk;
    private final Clock clock;

    /**
     * @param chunkBytes       a multiple of 320 KiB, at most 3840 KiB
     * @param attemptsPerChunk attempts per chunk, the first included
     */
    ChunkedUpload(OkHttpClient http, int chunkBytes, Backoff backoff, int attemptsPerChunk, Clock clock) {
        this.http = http;
        this.chunkBytes = chunkBytes;
        this.backoff = backoff;
        this.attemptsPerChunk = attemptsPerChunk;
        this.clock = clock;
    }

    /** An upload session as Graph created it: its pre-authorised URL and the ranges it expects first. */
    record Session(URI uploadUrl, List<String> nextExpectedRanges) {
    }

    /**
     * How an upload went: how many chunks were sent, how many of them were resumed after a failure, and how many
     * times a new session was opened after one expired.
     */
    record Outcome(int chunks, int resumes, int restarts) {
    }

    /**
     * Opens a session with {@code open} and sends the whole content of {@code attachment} to it, starting at the
     * session's first expected byte; opens one new session with {@code open} if the first one expires.
     *
     * @throws TransientDeliveryException when a chunk failed transiently as often as allowed, or a session expired
     *                                    twice
     * @throws PermanentDeliveryException when Graph refused a chunk for good
     */
    Outcome upload(Supplier<Session> open, Attachment attachment) {
        long total = attachment.length();
        Session session = open.get();
        URI uploadUrl = session.uploadUrl();
        long next = firstExpected(session.nextExpectedRanges()).orElse(0L);
        int chunks = 0;
        int resumes = 0;
        int restarts = 0;
        int failures = 0;
        try (Cursor cursor = new Cursor(attachment)) {
            while (next < total) {
                long end = Math.min(next + chunkBytes, total) - 1;
                String range = "bytes " + next + "-" + end + "/" + total;
                Failure failure;
                try {
                    cursor.seek(next);
                    try (Response response = http.newCall(put(uploadUrl, range, cursor, end - next + 1)).execute()) {
                        chunks++;
                        int status = response.code();
                        if (status == 200 || status == 201 || status == 202) {
                            failures = 0;
                            Optional<Long> expected = status == 201 ? Optional.empty()
                                    : firstExpected(expectedRanges(response));
                            next = expected.orElse(end + 1);
                            if (status == 201 && next < total) {
                                throw new PermanentDeliveryException("Microsoft Graph completed the upload of "
                                        + attachment.fileName() + " at " + range + " before its last byte");
                            }
                            if (status == 201) {
                                return new Outcome(chunks, resumes, restarts);
                            }
                            continue;
                        }
                        failure = failure(response, attachment, range);
                    }
                } catch (IOException e) {
                    failure = new Failure(true, true, false, "no answer to the chunk " + range + " of " + attachment.fileName()
                            + " (" + e + ")", Optional.empty(), e);
                }
                if (failure.expired() && restarts == 0) {
                    session = open.get();
                    uploadUrl = session.uploadUrl();
                    next = firstExpected(session.nextExpectedRanges()).orElse(0L);
                    restarts++;
                    failures = 0;
                    continue;
                }
                failures++;
                if (!failure.resumable() || failures >= attemptsPerChunk) {
                    throw failure.exception(failures);
                }
                pause(backoff.delay(failures, failure.retryAfter()));
                next = status(uploadUrl).orElse(next);
                resumes++;
            }
            return new Outcome(chunks, resumes, restarts);
        } catch (IOException e) {
            throw new TransientDeliveryException("cannot read attachment " + attachment.fileName() + ": " + e,
                    DeliveryException.Details.of(), e);
        }
    }

    private record Failure(boolean transientFailure, boolean resumable, boolean expired, String said, Optional<Duration> retryAfter,
            Throwable cause) {

        DeliveryException exception(int failures) {
            DeliveryException.Details details = DeliveryException.Details.of();
            if (retryAfter.isPresent()) {
                details = details.retryAfter(retryAfter.get());
            }
            String text = said + (transientFailure ? " (" + failures + " attempt" + (failures == 1 ? "" : "s")
                    + " of this chunk)" : "");
            return transientFailure ? new TransientDeliveryException(text, details, cause)
                    : new PermanentDeliveryException(text, details, cause);
        }
    }

    private Failure failure(Response response, Attachment attachment, String range) {
        int status = response.code();
        Optional<Duration> retryAfter = Optional.ofNullable(response.header("Retry-After"))
                .flatMap(v -> RetryAfter.parse(v, clock.instant()));
        String said = "HTTP " + status + Optional.ofNullable(response.header("request-id"))
                .map(id -> "; request-id " + id).orElse("");
        if (status == 404) {
            return new Failure(true, false, true, "the upload session of " + attachment.fileName() + " expired or is "
                    + "unknown to Microsoft Graph at chunk " + range + " (" + said + "), after a new session had "
                    + "replaced an expired one; the message is sent again from the start on the next attempt",
                    retryAfter, null);
        }
        if (status == 429 || status >= 500) {
            return new Failure(true, true, false, "Microsoft Graph failed the chunk " + range + " of " + attachment.fileName()
                    + " (" + said + ")", retryAfter, null);
        }
        return new Failure(false, false, false, "Microsoft Graph refused the chunk " + range + " of " + attachment.fileName() + " ("
                + said + ")", retryAfter, null);
    }

    /** The session's next expected byte, asked with {@code GET} on the upload URL; empty when it cannot tell. */
    private Optional<Long> status(URI uploadUrl) {
        Request request = new Request.Builder().url(uploadUrl.toString()).get().build();
        try (Response response = http.newCall(request).execute()) {
            return response.code() == 200 ? firstExpected(expectedRanges(response)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static List<String> expectedRanges(Response response) throws IOException {
        if (response.body() == null) {
            return List.of();
        }
        String text = response.body().string();
        if (text.isBlank()) {
            return List.of();
        }
        try {
            if (Json.parse(text) instanceof Map<?, ?> map && map.get("nextExpectedRanges") instanceof List<?> list) {
                return list.stream().filter(String.class::isInstance).map(String.class::cast).toList();
            }
        } catch (JsonException e) {
            return List.of();
        }
        return List.of();
    }

    /** The start of the first range, {@code "26214400-"} or {@code "0-524287"}. */
    static Optional<Long> firstExpected(List<String> ranges) {
        if (ranges == null || ranges.isEmpty()) {
            return Optional.empty();
        }
        String first = ranges.get(0);
        int dash = first.indexOf('-');
        try {
            return Optional.of(Long.parseLong(dash < 0 ? first : first.substring(0, dash)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Request put(URI uploadUrl, String range, Cursor cursor, long length) {
        return new Request.Builder()
                .url(uploadUrl.toString())
                .header("Content-Range", range)
                .put(new ChunkBody(cursor, length))
                .build();
    }

    private static void pause(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransientDeliveryException("interrupted while waiting to resume an upload",
                    DeliveryException.Details.of(), e);
        }
    }

    /** The attachment's stream and the position read so far; reopened to go back. */
    private static final class Cursor implements AutoCloseable {

        private final Attachment attachment;
        private InputStream in;
        private long position;

        Cursor(Attachment attachment) {
            this.attachment = attachment;
        }

        void seek(long offset) throws IOException {
            if (in == null || offset < position) {
                close();
                in = attachment.openStream();
                position = 0;
            }
            in.skipNBytes(offset - position);
            position = offset;
        }

        int read(byte[] buffer, int length) throws IOException {
            int n = in.read(buffer, 0, length);
            if (n > 0) {
                position += n;
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            if (in != null) {
                InputStream open = in;
                in = null;
                open.close();
            }
        }
    }

    /** One chunk, copied from the cursor as OkHttp writes it: sent once, never buffered whole. */
    private static final class ChunkBody extends RequestBody {

        private final Cursor cursor;
        private final long length;

        ChunkBody(Cursor cursor, long length) {
            this.cursor = cursor;
            this.length = length;
        }

        @Override
        public MediaType contentType() {
            return OCTET_STREAM;
        }

        @Override
        public long contentLength() {
            return length;
        }

        @Override
        public boolean isOneShot() {
            return true;
        }

        @Override
        public void writeTo(BufferedSink sink) throws IOException {
            byte[] buffer = new byte[(int) Math.min(COPY_BUFFER, Math.max(length, 1))];
            long left = length;
            while (left > 0) {
                int n = cursor.read(buffer, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    throw new IOException("the attachment ended " + left + " bytes early");
                }
                sink.write(buffer, 0, n);
                left -= n;
            }
        }
    }
}
