package io.sipim.msrp.sdp;

import io.sipim.msrp.message.MsrpParseException;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The {@code a=file-selector} attribute (RFC 5547 §5, grammar in §6): which file an offer sends
 * or asks for, by any subset of its name, media type, size and hash, in any order.
 *
 * <pre>file-selector-attr = "file-selector" [":" selector *(SP selector)]
 * selector = filename-selector / filesize-selector / filetype-selector / hash-selector
 * filename-selector = "name:" DQUOTE filename-string DQUOTE
 * filetype-selector = "type:" type "/" subtype *(";" ft-parameter)
 * ft-parameter = attribute "=" DQUOTE filename-string DQUOTE
 * filesize-selector = "size:" filesize-value
 * hash-selector = "hash:" hash-algorithm ":" hash-value</pre>
 *
 * <p>A {@code filename-string} is UTF-8 text in which NUL, CR, LF, {@code "} and {@code %} are
 * percent-encoded; {@link #name()} is the decoded name. {@link #toString()} writes the selectors
 * in the order name, type, size, hash, as RFC 5547's examples do.
 */
public final class FileSelector {

    /** The attribute name, {@value}. */
    public static final String NAME = "file-selector";

    private final String name;
    private final String type;
    private final long size;
    private final Hash hash;

    private FileSelector(String name, String type, long size, Hash hash) {
        this.name = name;
        this.type = type;
        this.size = size;
        this.hash = hash;
    }

    /** A builder; at least one selector must be set. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this selector's parts. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.name = name;
        b.type = type;
        b.size = size;
        b.hash = hash;
        return b;
    }

    /**
     * Parses the text after {@code a=file-selector:}.
     *
     * @throws MsrpParseException 400 with the index of the offending character
     */
    public static FileSelector parse(String value) {
        int n = value.length();
        String name = null;
        String type = null;
        long size = -1;
        Hash hash = null;
        int i = 0;
        while (true) {
            int colon = value.indexOf(':', i);
            int space = value.indexOf(' ', i);
            if (colon < 0 || (space >= 0 && space < colon)) {
                throw SdpText.error("expected name:, type:, size: or hash:", i);
            }
            String key = value.substring(i, colon).toLowerCase(Locale.ROOT);
            int start = colon + 1;
            switch (key) {
                case "name" -> {
                    if (name != null) {
                        throw SdpText.error("file-selector has two names", i);
                    }
                    if (start >= n || value.charAt(start) != '"') {
                        throw SdpText.error("file name must be in double quotes", start);
                    }
                    int end = SdpText.filenameStringEnd(value, start + 1);
                    if (end >= n || value.charAt(end) != '"') {
                        throw SdpText.error("file name needs a closing double quote", end);
                    }
                    if (end == start + 1) {
                        throw SdpText.error("empty file name", end);
                    }
                    name = SdpText.percentDecode(value, start + 1, end, "file name");
                    i = end + 1;
                }
                case "type" -> {
                    if (type != null) {
                        throw SdpText.error("file-selector has two types", i);
                    }
                    i = typeEnd(value, start);
                    type = value.substring(start, i);
                }
                case "size" -> {
                    if (size >= 0) {
                        throw SdpText.error("file-selector has two sizes", i);
                    }
                    i = SdpText.digitsEnd(value, start);
                    size = SdpText.parseLong(value, start, i, "file size");
                }
                case "hash" -> {
                    if (hash != null) {
                        throw SdpText.error("file-selector has two hashes", i);
                    }
                    int algEnd = SdpText.sdpTokenEnd(value, start);
                    if (algEnd == start) {
                        throw SdpText.error("hash needs an algorithm", start);
                    }
                    if (algEnd >= n || value.charAt(algEnd) != ':') {
                        throw SdpText.error("hash needs ':' after the algorithm", algEnd);
                    }
                    i = algEnd + 1;
                    while (i < n && value.charAt(i) != ' ') {
                        i++;
                    }
                    byte[] bytes = SdpText.parseHexList(value, algEnd + 1, i, "hash");
                    hash = new Hash(value.substring(start, algEnd).toLowerCase(Locale.ROOT), bytes);
                }
                default -> throw SdpText.error("unknown file selector '" + key + "'", i);
            }
            if (i == n) {
                return new FileSelector(name, type, size, hash);
            }
            if (value.charAt(i) != ' ') {
                throw SdpText.error("file selectors are separated by one space", i);
            }
            i++;
        }
    }

    /** The end of {@code type "/" subtype *(";" attribute "=" DQUOTE filename-string DQUOTE)} at {@code i}. */
    private static int typeEnd(String s, int i) {
        int n = s.length();
        int t = SdpText.mimeTokenEnd(s, i);
        if (t == i) {
            throw SdpText.error("file type needs a media type", i);
        }
        if (t >= n || s.charAt(t) != '/') {
            throw SdpText.error("file type needs '/'", t);
        }
        int sub = SdpText.mimeTokenEnd(s, t + 1);
        if (sub == t + 1) {
            throw SdpText.error("file type needs a subtype", sub);
        }
        i = sub;
        while (i < n && s.charAt(i) == ';') {
            int attr = SdpText.mimeTokenEnd(s, i + 1);
            if (attr == i + 1) {
                throw SdpText.error("file type parameter needs a name", attr);
            }
            if (attr >= n || s.charAt(attr) != '=') {
                throw SdpText.error("file type parameter needs '='", attr);
            }
            if (attr + 1 >= n || s.charAt(attr + 1) != '"') {
                throw SdpText.error("file type parameter value must be in double quotes", attr + 1);
            }
            int end = SdpText.filenameStringEnd(s, attr + 2);
            if (end >= n || s.charAt(end) != '"') {
                throw SdpText.error("file type parameter value needs a closing double quote", end);
            }
            if (end == attr + 2) {
                throw SdpText.error("empty file type parameter value", end);
            }
            SdpText.percentDecode(s, attr + 2, end, "file type parameter");
            i = end + 1;
        }
        return i;
    }

    /** The decoded file name. */
    public Optional<String> name() {
        return Optional.ofNullable(name);
    }

    /** The media type as written, with its parameters ({@code image/jpeg}, {@code text/plain;charset="UTF-8"}). */
    public Optional<String> type() {
        return Optional.ofNullable(type);
    }

    /** The size in octets. */
    public OptionalLong size() {
        return size >= 0 ? OptionalLong.of(size) : OptionalLong.empty();
    }

    /** The hash of the file's content. */
    public Optional<Hash> hash() {
        return Optional.ofNullable(hash);
    }

    /** The wire form, as {@link #toString()}. */
    public String value() {
        return toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FileSelector f && Objects.equals(name, f.name) && Objects.equals(type, f.type)
                && size == f.size && Objects.equals(hash, f.hash);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, type, size, hash);
    }

    /** {@code name:"My cool picture.jpg" type:image/jpeg size:32349 hash:sha-1:72:24:…}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(128);
        if (name != null) {
            sb.append("name:\"").append(SdpText.percentEncode(name)).append('"');
        }
        if (type != null) {
            sb.append(sb.length() > 0 ? " " : "").append("type:").append(type);
        }
        if (size >= 0) {
            sb.append(sb.length() > 0 ? " " : "").append("size:").append(size);
        }
        if (hash != null) {
            sb.append(sb.length() > 0 ? " " : "").append("hash:").append(hash);
        }
        return sb.toString();
    }

    /**
     * A file's hash in a file selector (RFC 5547 §6): an algorithm from IANA's Hash Function
     * Textual Names registry ({@code sha-1} is the one RFC 5547 defines) and the octets.
     */
    public static final class Hash {
        private final String algorithm;
        private final byte[] value;

        private Hash(String algorithm, byte[] value) {
            this.algorithm = algorithm;
            this.value = value;
        }

        /**
         * A hash with a known value.
         *
         * @throws IllegalArgumentException if the algorithm is not a token or the value is empty
         */
        public static Hash of(String algorithm, byte[] value) {
            Objects.requireNonNull(algorithm, "algorithm");
            if (value.length == 0) {
                throw new IllegalArgumentException("a hash needs at least one octet");
            }
            try {
                SdpText.requireSdpToken(algorithm, "hash algorithm");
            } catch (MsrpParseException e) {
                throw new IllegalArgumentException("not a hash algorithm name: " + algorithm, e);
            }
            return new Hash(algorithm.toLowerCase(Locale.ROOT), value.clone());
        }

        /** The SHA-1 of {@code content} (RFC 5547 §6: {@code hash:sha-1:…}). */
        public static Hash sha1(byte[] content) {
            return new Hash("sha-1", sha1Digest().digest(content));
        }

        /** The SHA-1 of everything {@code in} yields; the stream is read to its end, not closed. */
        public static Hash sha1(InputStream in) throws IOException {
            MessageDigest md = sha1Digest();
            byte[] buf = new byte[16384];
            for (int r; (r = in.read(buf)) >= 0;) {
                md.update(buf, 0, r);
            }
            return new Hash("sha-1", md.digest());
        }

        private static MessageDigest sha1Digest() {
            try {
                return MessageDigest.getInstance("SHA-1");
            } catch (NoSuchAlgorithmException e) {
                // every Java platform must provide SHA-1 (MessageDigest javadoc)
                throw new IllegalStateException(e);
            }
        }

        /** Whether this is a SHA-1 hash equal to that of {@code content}; other algorithms never match. */
        public boolean matches(byte[] content) {
            return algorithm.equals("sha-1") && MessageDigest.isEqual(value, sha1Digest().digest(content));
        }

        /** The algorithm name in lower case ({@code sha-1}). */
        public String algorithm() {
            return algorithm;
        }

        /** A copy of the hash octets. */
        public byte[] value() {
            return value.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Hash h && algorithm.equals(h.algorithm) && Arrays.equals(value, h.value);
        }

        @Override
        public int hashCode() {
            return 31 * algorithm.hashCode() + Arrays.hashCode(value);
        }

        /** {@code sha-1:72:24:5F:…}. */
        @Override
        public String toString() {
            return algorithm + ":" + SdpText.formatHexList(value);
        }
    }

    /** Builds a {@link FileSelector}. */
    public static final class Builder {
        private String name;
        private String type;
        private long size = -1;
        private Hash hash;

        private Builder() {
        }

        /** The file name (any text; encoded as RFC 5547 §6 requires), or {@code null} for none. */
        public Builder name(String name) {
            if (name != null && name.isEmpty()) {
                throw new IllegalArgumentException("a file name cannot be empty");
            }
            this.name = name;
            return this;
        }

        /**
         * The media type, with optional parameters in RFC 5547's form ({@code text/plain;charset="UTF-8"}),
         * or {@code null} for none.
         *
         * @throws IllegalArgumentException if it breaks the grammar
         */
        public Builder type(String type) {
            if (type != null) {
                try {
                    if (typeEnd(type, 0) != type.length()) {
                        throw new IllegalArgumentException("not a file type: " + type);
                    }
                } catch (MsrpParseException e) {
                    throw new IllegalArgumentException("not a file type: " + type + ": " + e.reason(), e);
                }
            }
            this.type = type;
            return this;
        }

        /** The size in octets, or -1 for none. */
        public Builder size(long size) {
            if (size < -1) {
                throw new IllegalArgumentException("file size must be >= 0, was " + size);
            }
            this.size = size;
            return this;
        }

        /** The hash, or {@code null} for none. */
        public Builder hash(Hash hash) {
            this.hash = hash;
            return this;
        }

        /** Sets the size and the SHA-1 hash of {@code content}. */
        public Builder content(byte[] content) {
            return size(content.length).hash(Hash.sha1(content));
        }

        /**
         * Builds the selector.
         *
         * @throws IllegalStateException if no selector was set
         */
        public FileSelector build() {
            if (name == null && type == null && size < 0 && hash == null) {
                throw new IllegalStateException("a file selector needs a name, type, size or hash");
            }
            return new FileSelector(name, type, size, hash);
        }
    }
}
