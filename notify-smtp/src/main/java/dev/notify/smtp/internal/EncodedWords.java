package dev.notify.smtp.internal;

import jakarta.mail.internet.MimeUtility;
import jakarta.mail.util.StreamProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * RFC 2047 encoded words for header values in UTF-8, byte for byte as Jakarta Mail's
 * {@code MimeUtility.encodeText} and {@code encodeWord} write them, with the B and Q encoders of the session's
 * {@link StreamProvider}: MimeUtility looks its StreamProvider up with the ServiceLoader, scanning the class
 * path, for every word it encodes. A value that is all ASCII is returned as it is.
 *
 * <p>This class is threadsafe.
 */
final class EncodedWords {

    private static final String CHARSET = "UTF-8";
    /** Characters a Q-encoded phrase (a display name) must encode; unstructured text only encodes three. */
    private static final String PHRASE_SPECIALS = "=_?\"#$%&'(),.:;<>@[\\]^`{|}~";
    private static final String TEXT_SPECIALS = "=_?";
    /** RFC 2047's 75 octets per encoded word, less "=?", "?", the encoding, "?", "?=" and the charset. */
    private static final int WORD_ROOM = 75 - 7 - CHARSET.length();
    /** Bytes per word of {@link #foldedBase64}: 45 bytes are 60 base64 characters, 72 with the word's delimiters. */
    private static final int FOLDED_WORD_BYTES = 45;
    /**
     * What separates the encoded words of one value: a space, or CR LF and a space when the system property
     * {@code mail.mime.foldencodedwords} is set. Asked of Jakarta Mail once, so that the two always agree.
     */
    private static final String SEPARATOR = jakartaSeparator();

    private final StreamProvider streams;

    EncodedWords(StreamProvider streams) {
        this.streams = streams;
    }

    /** Unstructured text (a Subject), as {@code MimeUtility.encodeText(text, "UTF-8", null)}. */
    String text(String text) {
        return encode(text, false);
    }

    /** A phrase (a display name), as {@code MimeUtility.encodeWord(phrase, "UTF-8", null)}. */
    String phrase(String phrase) {
        return encode(phrase, true);
    }

    /**
     * The value as base64 encoded words of at most 45 bytes each, one per line: for a value with a run that
     * folding at white space cannot bring under the line limit.
     */
    static String foldedBase64(String value) {
        StringBuilder out = new StringBuilder();
        ByteArrayOutputStream word = new ByteArrayOutputStream();
        for (int i = 0; i < value.length(); ) {
            int codePoint = value.codePointAt(i);
            byte[] bytes = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8);
            if (word.size() + bytes.length > FOLDED_WORD_BYTES) {
                appendBase64Word(out, word);
            }
            word.writeBytes(bytes);
            i += Character.charCount(codePoint);
        }
        appendBase64Word(out, word);
        return out.toString();
    }

    private static void appendBase64Word(StringBuilder out, ByteArrayOutputStream word) {
        if (word.size() == 0) {
            return;
        }
        if (out.length() > 0) {
            out.append("\r\n ");
        }
        out.append("=?UTF-8?B?").append(Base64.getEncoder().encodeToString(word.toByteArray())).append("?=");
        word.reset();
    }

    /** Q when most characters are ASCII, else B, as MimeUtility chooses. */
    private String encode(String value, boolean phrase) {
        int ascii = 0;
        int other = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= 0x7F || (c < 0x20 && c != '\r' && c != '\n' && c != '\t')) {
                other++;
            } else {
                ascii++;
            }
        }
        if (other == 0) {
            return value;
        }
        boolean base64 = ascii <= other;
        StringBuilder out = new StringBuilder();
        encode(value, base64, phrase, "=?" + CHARSET + "?" + (base64 ? "B" : "Q") + "?", true, out);
        return out.toString();
    }

    /** Halves the value until each part's encoding fits in a word, never between the chars of a surrogate pair. */
    private void encode(String value, boolean base64, boolean phrase, String prefix, boolean first,
            StringBuilder out) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        int length = base64 ? (bytes.length + 2) / 3 * 4 : qLength(bytes, phrase);
        int size = value.length();
        if (length > WORD_ROOM && size > 1) {
            int split = size / 2;
            if (Character.isHighSurrogate(value.charAt(split - 1))) {
                split--;
            }
            if (split > 0) {
                encode(value.substring(0, split), base64, phrase, prefix, first, out);
            }
            encode(value.substring(split, size), base64, phrase, prefix, false, out);
            return;
        }
        MimeWriter.Bytes encoded = new MimeWriter.Bytes(length);
        try (OutputStream encoder = base64 ? streams.outputB(encoded) : streams.outputQ(encoded, phrase)) {
            encoder.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("a byte array cannot fail", e);
        }
        if (!first) {
            out.append(SEPARATOR);
        }
        out.append(prefix).append(new String(encoded.toByteArray(), StandardCharsets.ISO_8859_1)).append("?=");
    }

    private static int qLength(byte[] bytes, boolean phrase) {
        String specials = phrase ? PHRASE_SPECIALS : TEXT_SPECIALS;
        int length = 0;
        for (byte b : bytes) {
            int c = b & 0xFF;
            length += c < 0x20 || c >= 0x7F || specials.indexOf(c) >= 0 ? 3 : 1;
        }
        return length;
    }

    private static String jakartaSeparator() {
        try {
            return MimeUtility.encodeWord("\u00e9".repeat(WORD_ROOM), CHARSET, "B").contains("\r\n") ? "\r\n " : " ";
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException("UTF-8 is required by every Java platform", e);
        }
    }
}
