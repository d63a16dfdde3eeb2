package io.sipim.sip.sdp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A session description (RFC 8866): the session-level lines and the media descriptions that
 * follow them.
 *
 * <p>Read one with {@link #parse(String)} or {@link #parse(byte[])}; {@link #toString()} writes the
 * lines back in the order of RFC 8866 §5 with CRLF line ends, so a canonical description is
 * reproduced exactly and {@code parse(d.toString()).equals(d)} holds for every value.
 *
 * <pre>{@code
 * SessionDescription offer = SessionDescription.builder()
 *         .origin(Origin.builder().sessionId(2890844526L).sessionVersion(2890844526L)
 *                 .unicastAddress("atlanta.example.com").build())
 *         .connection(Connection.of("IP4", "atlanta.example.com"))
 *         .addMedia(MediaDescription.msrp(7394, false,
 *                 "msrp://atlanta.example.com:7654/jshA7weztas;tcp", List.of("text/plain")))
 *         .build();
 * }</pre>
 */
public final class SessionDescription {
    private final Origin origin;
    private final String sessionName;
    private final String information;
    private final String uri;
    private final List<String> emails;
    private final List<String> phones;
    private final Connection connection;
    private final List<Bandwidth> bandwidths;
    private final List<Timing> timings;
    private final String key;
    private final List<Attribute> attributes;
    private final List<MediaDescription> media;

    private SessionDescription(Builder b) {
        origin = Objects.requireNonNull(b.origin, "origin");
        sessionName = Syntax.text("s= line", Objects.requireNonNull(b.sessionName, "sessionName"));
        information = Syntax.text("i= line", b.information);
        uri = Syntax.text("u= line", b.uri);
        emails = Syntax.copy("emails", b.emails);
        emails.forEach(e -> Syntax.text("e= line", e));
        phones = Syntax.copy("phones", b.phones);
        phones.forEach(p -> Syntax.text("p= line", p));
        connection = b.connection;
        bandwidths = Syntax.copy("bandwidths", b.bandwidths);
        // RFC 8866 §9: 1*time-description. SIP sessions are unbounded (RFC 3264 §5: t=0 0).
        timings = b.timings.isEmpty() ? List.of(Timing.PERMANENT) : Syntax.copy("timings", b.timings);
        key = Syntax.text("k= line", b.key);
        attributes = Syntax.copy("attributes", b.attributes);
        media = Syntax.copy("media", b.media);
    }

    /**
     * Reads a session description with the default {@link SdpLimits}.
     *
     * @throws SdpParseException if the text is not a valid description or exceeds a limit
     */
    public static SessionDescription parse(String text) {
        return parse(text, SdpLimits.DEFAULT);
    }

    /**
     * Reads a session description. Lines may end in CRLF or, leniently, LF alone (RFC 8866 §5); the
     * last line end may be missing.
     *
     * @throws SdpParseException if the text is not a valid description or exceeds a limit
     */
    public static SessionDescription parse(String text, SdpLimits limits) {
        return new SdpParser(text, limits).parse();
    }

    /**
     * Reads a UTF-8 session description with the default {@link SdpLimits}.
     *
     * @throws SdpParseException if the bytes are not valid UTF-8 or not a valid description
     */
    public static SessionDescription parse(byte[] utf8) {
        return parse(utf8, SdpLimits.DEFAULT);
    }

    /**
     * Reads a UTF-8 session description; offsets in errors are byte offsets.
     *
     * @throws SdpParseException if the bytes are not valid UTF-8, not a valid description or exceed a limit
     */
    public static SessionDescription parse(byte[] utf8, SdpLimits limits) {
        return SdpParser.parse(utf8, limits);
    }

    /** A builder with session name {@code -}, no origin and, unless one is added, {@code t=0 0}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this description's fields. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** This description with {@code sess-version} one higher, for a new offer in the same session (RFC 3264 §8). */
    public SessionDescription nextVersion() {
        return toBuilder().origin(origin.nextVersion()).build();
    }

    /** The protocol version, {@code v=0}: the only one RFC 8866 §5.1 defines. */
    public int version() {
        return 0;
    }

    /** The {@code o=} line. */
    public Origin origin() {
        return origin;
    }

    /** The {@code s=} text; RFC 8866 §5.3 suggests a single space, or {@code -}, when there is no name. */
    public String sessionName() {
        return sessionName;
    }

    /** The session-level {@code i=} text, or {@code null}. */
    public String information() {
        return information;
    }

    /** The {@code u=} URI, or {@code null}. */
    public String uri() {
        return uri;
    }

    /** The {@code e=} lines. */
    public List<String> emails() {
        return emails;
    }

    /** The {@code p=} lines. */
    public List<String> phones() {
        return phones;
    }

    /** The session-level {@code c=} line, or {@code null} when every media description has its own. */
    public Connection connection() {
        return connection;
    }

    /** The session-level {@code b=} lines. */
    public List<Bandwidth> bandwidths() {
        return bandwidths;
    }

    /** The time descriptions; at least one. */
    public List<Timing> timings() {
        return timings;
    }

    /** The session-level {@code k=} text (obsolete, RFC 8866 §5.12), or {@code null}. */
    public String key() {
        return key;
    }

    /** The session-level {@code a=} lines, in order. */
    public List<Attribute> attributes() {
        return attributes;
    }

    /** The media descriptions, in order; RFC 3264 matches offer and answer by this position. */
    public List<MediaDescription> media() {
        return media;
    }

    /** The first session-level attribute with this name (case-sensitive), or {@code null}. */
    public Attribute attribute(String name) {
        return Attribute.first(attributes, name);
    }

    /** Every session-level attribute with this name (case-sensitive), in order. */
    public List<Attribute> attributes(String name) {
        return Attribute.all(attributes, name);
    }

    /** Whether a session-level attribute with this name is present. */
    public boolean hasAttribute(String name) {
        return attribute(name) != null;
    }

    /** The session-level direction, {@link Direction#SENDRECV} when none is stated. */
    public Direction direction() {
        Direction d = Direction.find(attributes);
        return d != null ? d : Direction.SENDRECV;
    }

    /**
     * The direction that applies to a media description: its own direction attribute, else the
     * session-level one, else {@link Direction#SENDRECV} (RFC 8866 §6.7, RFC 3264 §5.1).
     */
    public Direction direction(MediaDescription m) {
        Direction d = Direction.find(m.attributes());
        return d != null ? d : direction();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SessionDescription s && origin.equals(s.origin) && sessionName.equals(s.sessionName)
                && Objects.equals(information, s.information) && Objects.equals(uri, s.uri)
                && emails.equals(s.emails) && phones.equals(s.phones) && Objects.equals(connection, s.connection)
                && bandwidths.equals(s.bandwidths) && timings.equals(s.timings) && Objects.equals(key, s.key)
                && attributes.equals(s.attributes) && media.equals(s.media);
    }

    @Override
    public int hashCode() {
        return Objects.hash(origin, sessionName, information, uri, emails, phones, connection, bandwidths, timings,
                key, attributes, media);
    }

    /** The description as sent: RFC 8866 §5 order, every line ended by CRLF. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(512);
        sb.append("v=0\r\n");
        line(sb, 'o', origin);
        line(sb, 's', sessionName);
        line(sb, 'i', information);
        line(sb, 'u', uri);
        emails.forEach(e -> line(sb, 'e', e));
        phones.forEach(p -> line(sb, 'p', p));
        line(sb, 'c', connection);
        bandwidths.forEach(b -> line(sb, 'b', b));
        timings.forEach(t -> t.appendTo(sb));
        line(sb, 'k', key);
        attributes.forEach(a -> line(sb, 'a', a));
        media.forEach(m -> m.appendTo(sb));
        return sb.toString();
    }

    /** {@link #toString()} encoded as UTF-8, ready to be a SIP message body. */
    public byte[] toBytes() {
        return toString().getBytes(StandardCharsets.UTF_8);
    }

    static void line(StringBuilder sb, char type, Object value) {
        if (value != null) {
            sb.append(type).append('=').append(value).append("\r\n");
        }
    }

    /** Builds a {@link SessionDescription}; only the origin is required. */
    public static final class Builder {
        private Origin origin;
        private String sessionName = "-";
        private String information;
        private String uri;
        private List<String> emails = new ArrayList<>();
        private List<String> phones = new ArrayList<>();
        private Connection connection;
        private List<Bandwidth> bandwidths = new ArrayList<>();
        private List<Timing> timings = new ArrayList<>();
        private String key;
        private List<Attribute> attributes = new ArrayList<>();
        private List<MediaDescription> media = new ArrayList<>();

        private Builder() {
        }

        private Builder(SessionDescription s) {
            origin = s.origin;
            sessionName = s.sessionName;
            information = s.information;
            uri = s.uri;
            emails = new ArrayList<>(s.emails);
            phones = new ArrayList<>(s.phones);
            connection = s.connection;
            bandwidths = new ArrayList<>(s.bandwidths);
            timings = new ArrayList<>(s.timings);
            key = s.key;
            attributes = new ArrayList<>(s.attributes);
            media = new ArrayList<>(s.media);
        }

        /** Sets the {@code o=} line. */
        public Builder origin(Origin value) {
            origin = value;
            return this;
        }

        /** Sets the {@code s=} text. */
        public Builder sessionName(String value) {
            sessionName = value;
            return this;
        }

        /** Sets the {@code i=} text, or removes it with {@code null}. */
        public Builder information(String value) {
            information = value;
            return this;
        }

        /** Sets the {@code u=} URI, or removes it with {@code null}. */
        public Builder uri(String value) {
            uri = value;
            return this;
        }

        /** Replaces the {@code e=} lines. */
        public Builder emails(List<String> values) {
            emails = new ArrayList<>(values);
            return this;
        }

        /** Appends an {@code e=} line. */
        public Builder addEmail(String value) {
            emails.add(value);
            return this;
        }

        /** Replaces the {@code p=} lines. */
        public Builder phones(List<String> values) {
            phones = new ArrayList<>(values);
            return this;
        }

        /** Appends a {@code p=} line. */
        public Builder addPhone(String value) {
            phones.add(value);
            return this;
        }

        /** Sets the session-level {@code c=} line, or removes it with {@code null}. */
        public Builder connection(Connection value) {
            connection = value;
            return this;
        }

        /** Replaces the session-level {@code b=} lines. */
        public Builder bandwidths(List<Bandwidth> values) {
            bandwidths = new ArrayList<>(values);
            return this;
        }

        /** Appends a session-level {@code b=} line. */
        public Builder addBandwidth(Bandwidth value) {
            bandwidths.add(value);
            return this;
        }

        /** Replaces the time descriptions; an empty list means {@code t=0 0}. */
        public Builder timings(List<Timing> values) {
            timings = new ArrayList<>(values);
            return this;
        }

        /** Appends a time description. */
        public Builder addTiming(Timing value) {
            timings.add(value);
            return this;
        }

        /** Sets the {@code k=} text, or removes it with {@code null}. */
        public Builder key(String value) {
            key = value;
            return this;
        }

        /** Replaces the session-level attributes. */
        public Builder attributes(List<Attribute> values) {
            attributes = new ArrayList<>(values);
            return this;
        }

        /** Appends a session-level attribute. */
        public Builder addAttribute(Attribute value) {
            attributes.add(Objects.requireNonNull(value, "attribute"));
            return this;
        }

        /** Appends a session-level property attribute, {@code a=name}. */
        public Builder addAttribute(String name) {
            return addAttribute(Attribute.of(name));
        }

        /** Appends a session-level value attribute, {@code a=name:value}. */
        public Builder addAttribute(String name, String value) {
            return addAttribute(Attribute.of(name, value));
        }

        /** Removes every session-level attribute with this name. */
        public Builder removeAttributes(String name) {
            attributes.removeIf(a -> a.name().equals(name));
            return this;
        }

        /** Replaces the media descriptions. */
        public Builder media(List<MediaDescription> values) {
            media = new ArrayList<>(values);
            return this;
        }

        /** Appends a media description. */
        public Builder addMedia(MediaDescription value) {
            media.add(Objects.requireNonNull(value, "media"));
            return this;
        }

        /**
         * The session description.
         *
         * @throws NullPointerException if the origin is unset
         * @throws IllegalArgumentException if a text field holds CR, LF or NUL
         */
        public SessionDescription build() {
            return new SessionDescription(this);
        }
    }
}
