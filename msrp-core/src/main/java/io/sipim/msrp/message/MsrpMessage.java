package io.sipim.msrp.message;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What MSRP requests and responses share: the transaction id, To-Path and From-Path, and the header
 * fields in wire order. A message value carries no body: bodies stream through the parser and the
 * chunker in pieces, so that a message of any size never has to be held in memory.
 */
public abstract sealed class MsrpMessage permits MsrpRequest, MsrpResponse {

    private final String transactionId;
    private final List<MsrpHeader> headers;
    private final List<MsrpUri> toPath;
    private final List<MsrpUri> fromPath;

    /**
     * @param toPath the parsed To-Path when the caller already has it (a parser's cache), else {@code null}
     * @param fromPath likewise for From-Path
     * @param valueOffsets stream offsets of each header value (a parser's), else {@code null}
     */
    MsrpMessage(String transactionId, List<MsrpHeader> headers, List<MsrpUri> toPath, List<MsrpUri> fromPath,
                long[] valueOffsets) {
        checkIdent(transactionId, "transaction id");
        this.transactionId = transactionId;
        this.headers = List.copyOf(headers);
        if (this.headers.size() < 2 || !this.headers.get(0).is(MsrpHeader.TO_PATH)
                || !this.headers.get(1).is(MsrpHeader.FROM_PATH)) {
            throw new MsrpParseException("To-Path and From-Path must be the first two headers", 400,
                    valueOffsets != null && valueOffsets.length > 0 ? valueOffsets[0] : -1, transactionId);
        }
        this.toPath = toPath != null ? List.copyOf(toPath) : pathOf(this.headers, 0, valueOffsets, transactionId);
        this.fromPath = fromPath != null ? List.copyOf(fromPath)
                : pathOf(this.headers, 1, valueOffsets, transactionId);
        for (int i = 2; i < this.headers.size(); i++) {
            MsrpHeader h = this.headers.get(i);
            if (h.is(MsrpHeader.TO_PATH) || h.is(MsrpHeader.FROM_PATH)) {
                throw new MsrpParseException(h.name() + " appears twice", 400, at(valueOffsets, i), transactionId);
            }
        }
    }

    private static List<MsrpUri> pathOf(List<MsrpHeader> headers, int i, long[] valueOffsets, String tid) {
        try {
            return parsePath(headers.get(i).value());
        } catch (MsrpParseException e) {
            throw new MsrpParseException(e.reason() + " in " + headers.get(i).name(), 400,
                    at(valueOffsets, i) < 0 ? -1 : at(valueOffsets, i) + Math.max(0, e.offset()), tid);
        }
    }

    /** The stream offset of header {@code i}'s value, or -1. */
    static long at(long[] valueOffsets, int i) {
        return valueOffsets != null && i < valueOffsets.length ? valueOffsets[i] : -1;
    }

    /**
     * Parses a To-Path, From-Path or Use-Path value: one or more MSRP URIs separated by single spaces.
     *
     * @throws MsrpParseException 400 with the index in the value
     */
    public static List<MsrpUri> parsePath(String value) {
        List<MsrpUri> uris = new ArrayList<>(2);
        int i = 0;
        int n = value.length();
        while (true) {
            int end = value.indexOf(' ', i);
            if (end < 0) {
                end = n;
            }
            if (end == i) {
                throw new MsrpParseException("empty URI in path", 400, i);
            }
            try {
                uris.add(MsrpUri.parse(value.substring(i, end)));
            } catch (MsrpParseException e) {
                throw e.relocate(i, null);
            }
            if (end == n) {
                return List.copyOf(uris);
            }
            i = end + 1;
        }
    }

    /** Formats a path as its header value. */
    public static String formatPath(List<MsrpUri> path) {
        if (path.isEmpty()) {
            throw new IllegalArgumentException("a path needs at least one URI");
        }
        StringBuilder sb = new StringBuilder(64 * path.size());
        for (MsrpUri u : path) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(u);
        }
        return sb.toString();
    }

    static void checkIdent(String id, String what) {
        // RFC 4975 §9: ident = ALPHANUM 3*31ident-char; ident-char = ALPHANUM / "." / "-" / "+" / "%" / "="
        if (id == null || id.length() < 4 || id.length() > 32 || !MsrpUri.isAlphanum(id.charAt(0))) {
            throw new MsrpParseException(what + " must be 4 to 32 characters starting with a letter or digit", 400,
                    -1, null);
        }
        for (int i = 1; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!MsrpUri.isAlphanum(c) && c != '.' && c != '-' && c != '+' && c != '%' && c != '=') {
                throw new MsrpParseException("bad character in " + what, 400, i, null);
            }
        }
    }

    /** The transaction id of the start line; the end-line repeats it. */
    public final String transactionId() {
        return transactionId;
    }

    /** To-Path: the URIs the message travels to, next hop first. */
    public final List<MsrpUri> toPath() {
        return toPath;
    }

    /** From-Path: the URIs back to the sender, nearest hop first. */
    public final List<MsrpUri> fromPath() {
        return fromPath;
    }

    /** Every header in wire order, To-Path and From-Path first. */
    public final List<MsrpHeader> headers() {
        return headers;
    }

    /** The value of the first header with this name (case-insensitive). */
    public final Optional<String> header(String name) {
        for (MsrpHeader h : headers) {
            if (h.is(name)) {
                return Optional.of(h.value());
            }
        }
        return Optional.empty();
    }

    /** The values of every header with this name, in order. */
    public final List<String> headers(String name) {
        List<String> values = new ArrayList<>(1);
        for (MsrpHeader h : headers) {
            if (h.is(name)) {
                values.add(h.value());
            }
        }
        return values;
    }

    /** A header holding a non-negative decimal number (Expires, Min-Expires, Max-Expires), if present. */
    public final OptionalLong numericHeader(String name) {
        Optional<String> v = header(name);
        if (v.isEmpty()) {
            return OptionalLong.empty();
        }
        String s = v.get();
        if (s.isEmpty() || s.length() > 18) {
            throw new MsrpParseException("bad number in " + name, 400, -1, transactionId);
        }
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw new MsrpParseException("bad number in " + name, 400, i, transactionId);
            }
            n = n * 10 + (c - '0');
        }
        return OptionalLong.of(n);
    }

    /** RFC 4976 Expires, in seconds. */
    public final OptionalLong expires() {
        return numericHeader(MsrpHeader.EXPIRES);
    }

    /** RFC 4976 Use-Path; empty if absent. */
    public final List<MsrpUri> usePath() {
        return header(MsrpHeader.USE_PATH).map(MsrpMessage::parsePath).orElse(List.of());
    }

    /** Base for request and response builders: the header list with To-Path and From-Path kept first. */
    @SuppressWarnings("unchecked")
    abstract static class HeaderBuilder<B extends HeaderBuilder<B>> {
        String transactionId;
        String toPath;
        String fromPath;
        final List<MsrpHeader> others = new ArrayList<>();

        public B transactionId(String transactionId) {
            this.transactionId = transactionId;
            return (B) this;
        }

        public B toPath(List<MsrpUri> path) {
            this.toPath = formatPath(path);
            return (B) this;
        }

        public B toPath(MsrpUri... path) {
            return toPath(List.of(path));
        }

        public B fromPath(List<MsrpUri> path) {
            this.fromPath = formatPath(path);
            return (B) this;
        }

        public B fromPath(MsrpUri... path) {
            return fromPath(List.of(path));
        }

        /** Adds a header after those already set. */
        public B header(String name, String value) {
            if (name.equalsIgnoreCase(MsrpHeader.TO_PATH)) {
                this.toPath = value;
            } else if (name.equalsIgnoreCase(MsrpHeader.FROM_PATH)) {
                this.fromPath = value;
            } else {
                others.add(new MsrpHeader(name, value));
            }
            return (B) this;
        }

        /** Replaces every header of this name with one, kept at the place of the first. */
        public B setHeader(String name, String value) {
            MsrpHeader h = new MsrpHeader(name, value);
            for (int i = 0; i < others.size(); i++) {
                if (others.get(i).is(name)) {
                    others.set(i, h);
                    others.removeIf(o -> o != h && o.is(name));
                    return (B) this;
                }
            }
            return header(name, value);
        }

        /** Removes every header of this name. */
        public B removeHeader(String name) {
            others.removeIf(o -> o.is(name));
            return (B) this;
        }

        /** RFC 4976 Expires, in seconds. */
        public B expires(long seconds) {
            return setHeader(MsrpHeader.EXPIRES, Long.toString(seconds));
        }

        List<MsrpHeader> headerList() {
            if (toPath == null || fromPath == null) {
                throw new IllegalStateException("To-Path and From-Path are required");
            }
            List<MsrpHeader> all = new ArrayList<>(others.size() + 2);
            all.add(new MsrpHeader(MsrpHeader.TO_PATH, toPath));
            all.add(new MsrpHeader(MsrpHeader.FROM_PATH, fromPath));
            all.addAll(others);
            return all;
        }

        void copyFrom(MsrpMessage m) {
            transactionId = m.transactionId();
            toPath = m.headers().get(0).value();
            fromPath = m.headers().get(1).value();
            others.addAll(m.headers().subList(2, m.headers().size()));
        }
    }
}
