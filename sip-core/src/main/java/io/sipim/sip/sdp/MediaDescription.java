package io.sipim.sip.sdp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A media description (RFC 8866 §5.14): an {@code m=} line and the {@code i=}, {@code c=},
 * {@code b=}, {@code k=} and {@code a=} lines that follow it.
 *
 * <p>The media type ({@code audio}, {@code video}, {@code message}, {@code application} ...), the
 * proto ({@code RTP/AVP}, {@code TCP/MSRP}, {@code UDP/TLS/RTP/SAVPF} ...) and the formats are kept
 * as text; RFC 4975 §8.1 MSRP streams use {@code message}, {@code TCP/MSRP} and the format
 * {@code *}. Port 0 marks a stream that is rejected or disabled (RFC 3264 §6, §8.2).
 */
public final class MediaDescription {
    private final String media;
    private final int port;
    private final Integer numberOfPorts;
    private final String proto;
    private final List<String> formats;
    private final String information;
    private final List<Connection> connections;
    private final List<Bandwidth> bandwidths;
    private final String key;
    private final List<Attribute> attributes;

    private MediaDescription(Builder b) {
        media = Syntax.token("media", b.media);
        if (b.port < 0 || b.port > 65535) {
            throw new IllegalArgumentException("port must be 0 to 65535: " + b.port);
        }
        port = b.port;
        if (b.numberOfPorts != null && b.numberOfPorts < 1) {
            throw new IllegalArgumentException("number of ports must be positive: " + b.numberOfPorts);
        }
        numberOfPorts = b.numberOfPorts;
        Objects.requireNonNull(b.proto, "proto");
        if (!Syntax.isProto(b.proto)) {
            throw new IllegalArgumentException("proto must be tokens separated by '/': '" + b.proto + "'");
        }
        proto = b.proto;
        formats = Syntax.copy("formats", b.formats);
        if (formats.isEmpty()) {
            // RFC 8866 §9: media-field = ... proto 1*(SP fmt)
            throw new IllegalArgumentException("an m= line needs at least one format");
        }
        for (String f : formats) {
            Syntax.token("format", f);
        }
        information = Syntax.text("i= line", b.information);
        connections = Syntax.copy("connections", b.connections);
        bandwidths = Syntax.copy("bandwidths", b.bandwidths);
        key = Syntax.text("k= line", b.key);
        attributes = Syntax.copy("attributes", b.attributes);
    }

    /** A builder with nothing set but an empty attribute list. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder for {@code m=<media> <port> <proto> <formats>}. */
    public static Builder builder(String media, int port, String proto, String... formats) {
        return new Builder().media(media).port(port).proto(proto).formats(Arrays.asList(formats));
    }

    /**
     * An MSRP stream as an offer or answer carries it (RFC 4975 §8.1):
     * {@code m=message <port> TCP/MSRP *} (or {@code TCP/TLS/MSRP} when {@code tls}), then
     * {@code a=accept-types:} with the types separated by spaces and {@code a=path:} with the
     * endpoint's own MSRP URI. Add {@code a=setup}, {@code a=fingerprint} (RFC 6135, RFC 8122) and
     * the like through {@link #toBuilder()}.
     *
     * @param port the TCP port in the URI (RFC 4975 §8.1: a dummy when a relay is used)
     * @param tls whether the proto is {@code TCP/TLS/MSRP}
     * @param pathUri this endpoint's MSRP URI, or a space-separated path of URIs
     * @param acceptTypes media types accepted, e.g. {@code message/cpim}, {@code text/plain}
     * @throws IllegalArgumentException if {@code acceptTypes} is empty or a value holds CR, LF or NUL
     */
    public static MediaDescription msrp(int port, boolean tls, String pathUri, List<String> acceptTypes) {
        Objects.requireNonNull(pathUri, "pathUri");
        if (acceptTypes.isEmpty()) {
            // RFC 4975 §8.1: a=accept-types is mandatory and lists at least one type.
            throw new IllegalArgumentException("an MSRP media line needs at least one accept type");
        }
        return builder("message", port, tls ? "TCP/TLS/MSRP" : "TCP/MSRP", "*")
                .addAttribute("accept-types", String.join(" ", acceptTypes))
                .addAttribute("path", pathUri)
                .build();
    }

    /** A builder holding this description's fields. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The media type, e.g. {@code audio} or {@code message}. */
    public String media() {
        return media;
    }

    /** The transport port; 0 for a rejected or disabled stream. */
    public int port() {
        return port;
    }

    /** The number of ports after {@code port/}, if the m= line gives one (RFC 8866 §5.14). */
    public OptionalInt numberOfPorts() {
        return numberOfPorts == null ? OptionalInt.empty() : OptionalInt.of(numberOfPorts);
    }

    /** The transport protocol, e.g. {@code RTP/AVP} or {@code TCP/MSRP}. */
    public String proto() {
        return proto;
    }

    /** The media formats in order of preference (RTP payload types, or {@code *} for MSRP). */
    public List<String> formats() {
        return formats;
    }

    /** The {@code i=} text, or {@code null}. */
    public String information() {
        return information;
    }

    /** The {@code c=} lines; RFC 8866 §5.7 allows several (for multicast), usually there is one or none. */
    public List<Connection> connections() {
        return connections;
    }

    /** The first {@code c=} line, or {@code null} when the session-level one applies. */
    public Connection connection() {
        return connections.isEmpty() ? null : connections.get(0);
    }

    /** The {@code b=} lines. */
    public List<Bandwidth> bandwidths() {
        return bandwidths;
    }

    /** The {@code k=} text (obsolete, RFC 8866 §5.12), or {@code null}. */
    public String key() {
        return key;
    }

    /** All {@code a=} lines, in order. */
    public List<Attribute> attributes() {
        return attributes;
    }

    /** The first attribute with this name (case-sensitive), or {@code null}. */
    public Attribute attribute(String name) {
        return Attribute.first(attributes, name);
    }

    /** Every attribute with this name (case-sensitive), in order. */
    public List<Attribute> attributes(String name) {
        return Attribute.all(attributes, name);
    }

    /** Whether an attribute with this name is present. */
    public boolean hasAttribute(String name) {
        return attribute(name) != null;
    }

    /**
     * The direction this media line states, {@link Direction#SENDRECV} when it states none. To let a
     * session-level direction apply (RFC 8866 §6.7), use {@link SessionDescription#direction(MediaDescription)}.
     */
    public Direction direction() {
        Direction d = Direction.find(attributes);
        return d != null ? d : Direction.SENDRECV;
    }

    /** Whether the stream is rejected or disabled: port 0 (RFC 3264 §6, §8.2). */
    public boolean isRejected() {
        return port == 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MediaDescription m && media.equals(m.media) && port == m.port
                && Objects.equals(numberOfPorts, m.numberOfPorts) && proto.equals(m.proto)
                && formats.equals(m.formats) && Objects.equals(information, m.information)
                && connections.equals(m.connections) && bandwidths.equals(m.bandwidths)
                && Objects.equals(key, m.key) && attributes.equals(m.attributes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(media, port, numberOfPorts, proto, formats, information, connections, bandwidths,
                key, attributes);
    }

    /** The lines of this media description in RFC 8866 §5 order, each ended by CRLF. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(128);
        appendTo(sb);
        return sb.toString();
    }

    void appendTo(StringBuilder sb) {
        sb.append("m=").append(media).append(' ').append(port);
        if (numberOfPorts != null) {
            sb.append('/').append(numberOfPorts);
        }
        sb.append(' ').append(proto);
        for (String f : formats) {
            sb.append(' ').append(f);
        }
        sb.append("\r\n");
        SessionDescription.line(sb, 'i', information);
        for (Connection c : connections) {
            SessionDescription.line(sb, 'c', c);
        }
        for (Bandwidth b : bandwidths) {
            SessionDescription.line(sb, 'b', b);
        }
        SessionDescription.line(sb, 'k', key);
        for (Attribute a : attributes) {
            SessionDescription.line(sb, 'a', a);
        }
    }

    /** Builds a {@link MediaDescription}; {@link #build()} checks the RFC 8866 §9 grammar. */
    public static final class Builder {
        private String media;
        private int port;
        private Integer numberOfPorts;
        private String proto;
        private List<String> formats = new ArrayList<>();
        private String information;
        private List<Connection> connections = new ArrayList<>();
        private List<Bandwidth> bandwidths = new ArrayList<>();
        private String key;
        private List<Attribute> attributes = new ArrayList<>();

        private Builder() {
        }

        private Builder(MediaDescription m) {
            media = m.media;
            port = m.port;
            numberOfPorts = m.numberOfPorts;
            proto = m.proto;
            formats = new ArrayList<>(m.formats);
            information = m.information;
            connections = new ArrayList<>(m.connections);
            bandwidths = new ArrayList<>(m.bandwidths);
            key = m.key;
            attributes = new ArrayList<>(m.attributes);
        }

        /** Sets the media type. */
        public Builder media(String value) {
            media = value;
            return this;
        }

        /** Sets the port; 0 rejects or disables the stream. */
        public Builder port(int value) {
            port = value;
            return this;
        }

        /** Sets the number of ports ({@code port/n}), or removes it with {@code null}. */
        public Builder numberOfPorts(Integer value) {
            numberOfPorts = value;
            return this;
        }

        /** Sets the transport protocol. */
        public Builder proto(String value) {
            proto = value;
            return this;
        }

        /** Replaces the formats. */
        public Builder formats(List<String> values) {
            formats = new ArrayList<>(values);
            return this;
        }

        /** Appends a format. */
        public Builder addFormat(String value) {
            formats.add(value);
            return this;
        }

        /** Sets the {@code i=} text, or removes it with {@code null}. */
        public Builder information(String value) {
            information = value;
            return this;
        }

        /** Replaces the {@code c=} lines with this one, or with none when {@code null}. */
        public Builder connection(Connection value) {
            connections = new ArrayList<>();
            if (value != null) {
                connections.add(value);
            }
            return this;
        }

        /** Replaces the {@code c=} lines. */
        public Builder connections(List<Connection> values) {
            connections = new ArrayList<>(values);
            return this;
        }

        /** Appends a {@code c=} line. */
        public Builder addConnection(Connection value) {
            connections.add(Objects.requireNonNull(value, "connection"));
            return this;
        }

        /** Replaces the {@code b=} lines. */
        public Builder bandwidths(List<Bandwidth> values) {
            bandwidths = new ArrayList<>(values);
            return this;
        }

        /** Appends a {@code b=} line. */
        public Builder addBandwidth(Bandwidth value) {
            bandwidths.add(value);
            return this;
        }

        /** Sets the {@code k=} text, or removes it with {@code null}. */
        public Builder key(String value) {
            key = value;
            return this;
        }

        /** Replaces the attributes. */
        public Builder attributes(List<Attribute> values) {
            attributes = new ArrayList<>(values);
            return this;
        }

        /** Appends an attribute. */
        public Builder addAttribute(Attribute value) {
            attributes.add(Objects.requireNonNull(value, "attribute"));
            return this;
        }

        /** Appends a property attribute, {@code a=name}. */
        public Builder addAttribute(String name) {
            return addAttribute(Attribute.of(name));
        }

        /** Appends a value attribute, {@code a=name:value}. */
        public Builder addAttribute(String name, String value) {
            return addAttribute(Attribute.of(name, value));
        }

        /** Removes every attribute with this name. */
        public Builder removeAttributes(String name) {
            attributes.removeIf(a -> a.name().equals(name));
            return this;
        }

        /** Replaces any direction attribute with this one, appended last. */
        public Builder direction(Direction value) {
            attributes.removeIf(a -> a.isProperty() && Direction.fromAttributeName(a.name()) != null);
            attributes.add(value.attribute());
            return this;
        }

        /**
         * The media description.
         *
         * @throws NullPointerException if media or proto is unset
         * @throws IllegalArgumentException if a field does not match the RFC 8866 §9 grammar
         */
        public MediaDescription build() {
            return new MediaDescription(this);
        }
    }
}
