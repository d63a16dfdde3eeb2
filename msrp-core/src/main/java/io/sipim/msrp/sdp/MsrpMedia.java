package io.sipim.msrp.sdp;

import io.sipim.msrp.message.MsrpParseException;
import io.sipim.msrp.message.MsrpUri;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * An MSRP media description as SDP carries it (RFC 4975 §8): {@code m=message <port> TCP/MSRP *}
 * (or {@code TCP/TLS/MSRP}) and its attributes, typed where msrp-core knows them and kept as
 * (name, value) text otherwise, in order.
 *
 * <p>What RFC 4975 requires is checked: the proto is {@code TCP/MSRP} or {@code TCP/TLS/MSRP}
 * (§8.1); {@code a=path} (§8.2) and {@code a=accept-types} (§8.6) are present; the path's first
 * URI, the one the peer connects to, is {@code msrps} exactly when the proto is
 * {@code TCP/TLS/MSRP} (§8.1, §14); an attribute that can appear once does.
 *
 * <p>msrp-core has no SDP types: {@link #fromAttributes} takes the port, the proto and the
 * attribute lines of a parsed media description, and {@link #attributes()} gives back what to put
 * into one.
 */
public final class MsrpMedia {

    /** The media type of the m-line, {@value}. */
    public static final String MEDIA = "message";
    /** The proto for MSRP over TCP, {@value}. */
    public static final String PROTO_TCP = "TCP/MSRP";
    /** The proto for MSRP over TLS, {@value}. */
    public static final String PROTO_TLS = "TCP/TLS/MSRP";
    /** The only format MSRP uses, {@value} (RFC 4975 §8.1: the types are in accept-types). */
    public static final String FORMAT = "*";

    /** Attributes that may appear at most once. */
    private static final Set<String> SINGLE = Set.of(Path.NAME, AcceptTypes.NAME, AcceptTypes.WRAPPED_NAME,
            MaxSize.NAME, Setup.NAME, FileSelector.NAME, FileTransferId.NAME, FileDisposition.NAME, FileDate.NAME,
            FileIcon.NAME, FileRange.NAME);

    private final int port;
    private final boolean secure;
    private final Path path;
    private final AcceptTypes acceptTypes;
    private final AcceptTypes acceptWrappedTypes;
    private final MaxSize maxSize;
    private final Setup setup;
    private final List<Fingerprint> fingerprints;
    private final FileSelector fileSelector;
    private final FileTransferId fileTransferId;
    private final FileDisposition fileDisposition;
    private final FileDate fileDate;
    private final FileIcon fileIcon;
    private final FileRange fileRange;
    private final List<Map.Entry<String, String>> otherAttributes;

    private MsrpMedia(Builder b) {
        this.port = b.port;
        this.secure = b.secure;
        this.path = b.path;
        this.acceptTypes = b.acceptTypes;
        this.acceptWrappedTypes = b.acceptWrappedTypes;
        this.maxSize = b.maxSize;
        this.setup = b.setup;
        this.fingerprints = List.copyOf(b.fingerprints);
        this.fileSelector = b.fileSelector;
        this.fileTransferId = b.fileTransferId;
        this.fileDisposition = b.fileDisposition;
        this.fileDate = b.fileDate;
        this.fileIcon = b.fileIcon;
        this.fileRange = b.fileRange;
        this.otherAttributes = Collections.unmodifiableList(new ArrayList<>(b.otherAttributes));
    }

    /**
     * A builder for a media description with this port and path; whether it is {@code TCP/TLS/MSRP}
     * follows from the path's first URI. {@link Builder#acceptTypes} must be set.
     */
    public static Builder builder(int port, Path path) {
        return new Builder(port, path);
    }

    /** A builder holding this description's parts. */
    public Builder toBuilder() {
        Builder b = new Builder(port, path);
        b.acceptTypes = acceptTypes;
        b.acceptWrappedTypes = acceptWrappedTypes;
        b.maxSize = maxSize;
        b.setup = setup;
        b.fingerprints.addAll(fingerprints);
        b.fileSelector = fileSelector;
        b.fileTransferId = fileTransferId;
        b.fileDisposition = fileDisposition;
        b.fileDate = fileDate;
        b.fileIcon = fileIcon;
        b.fileRange = fileRange;
        b.otherAttributes.addAll(otherAttributes);
        return b;
    }

    /**
     * Reads an MSRP media description from its m-line's port and proto and its attribute lines
     * (name, and the value after the colon or {@code null} for a property attribute such as
     * {@code a=sendonly}), in order. Unknown attributes are kept, in order.
     *
     * @throws MsrpParseException 400 for what RFC 4975 forbids; for a bad attribute value the
     *     reason names the attribute and the offset is the index in its value, otherwise the offset is -1
     */
    public static MsrpMedia fromAttributes(int port, String proto, List<Map.Entry<String, String>> attributes) {
        if (port < 0 || port > 65535) {
            throw new MsrpParseException("m-line port out of range: " + port, 400, -1);
        }
        boolean secure;
        if (PROTO_TCP.equalsIgnoreCase(proto)) {
            secure = false;
        } else if (PROTO_TLS.equalsIgnoreCase(proto)) {
            secure = true;
        } else {
            throw new MsrpParseException("MSRP proto must be TCP/MSRP or TCP/TLS/MSRP, was " + proto, 400, -1);
        }
        Builder b = new Builder(port, null);
        b.secure = secure;
        List<String> seen = new ArrayList<>();
        for (Map.Entry<String, String> a : attributes) {
            if (a == null) {
                throw new MsrpParseException("null attribute", 400, -1);
            }
            String name = a.getKey();
            String value = a.getValue();
            if (name == null || name.isEmpty()) {
                throw new MsrpParseException("attribute without a name", 400, -1);
            }
            if (SINGLE.contains(name)) {
                if (seen.contains(name)) {
                    throw new MsrpParseException("a=" + name + " appears twice", 400, -1);
                }
                seen.add(name);
            }
            switch (name) {
                case Path.NAME -> b.path = read(name, value, Path::parse);
                case AcceptTypes.NAME -> b.acceptTypes = read(name, value, AcceptTypes::parse);
                case AcceptTypes.WRAPPED_NAME -> b.acceptWrappedTypes = read(name, value, AcceptTypes::parse);
                case MaxSize.NAME -> b.maxSize = read(name, value, MaxSize::parse);
                case Setup.NAME -> b.setup = read(name, value, Setup::parse);
                case Fingerprint.NAME -> b.fingerprints.add(read(name, value, Fingerprint::parse));
                case FileSelector.NAME -> b.fileSelector = read(name, value, FileSelector::parse);
                case FileTransferId.NAME -> b.fileTransferId = read(name, value, FileTransferId::parse);
                case FileDisposition.NAME -> b.fileDisposition = read(name, value, FileDisposition::parse);
                case FileDate.NAME -> b.fileDate = read(name, value, FileDate::parse);
                case FileIcon.NAME -> b.fileIcon = read(name, value, FileIcon::parse);
                case FileRange.NAME -> b.fileRange = read(name, value, FileRange::parse);
                default -> {
                    String bad = badOtherAttribute(name, value);
                    if (bad != null) {
                        throw new MsrpParseException(bad, 400, -1);
                    }
                    b.otherAttributes.add(new SimpleImmutableEntry<>(name, value));
                }
            }
        }
        String problem = b.problem();
        if (problem != null) {
            throw new MsrpParseException(problem, 400, -1);
        }
        return new MsrpMedia(b);
    }

    /**
     * Why an attribute kept as text could not be written back into SDP, or null: RFC 8866 §9
     * makes the name a token and the value a byte-string (no NUL, CR or LF).
     */
    private static String badOtherAttribute(String name, String value) {
        if (SdpText.sdpTokenEnd(name, 0) != name.length()) {
            return "attribute name is not a token: " + name;
        }
        if (value != null && (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0 || value.indexOf(0) >= 0)) {
            return "a=" + name + " value contains NUL, CR or LF";
        }
        return null;
    }

    private static <T> T read(String name, String value, Function<String, T> parser) {
        if (value == null) {
            throw new MsrpParseException("a=" + name + " needs a value", 400, -1);
        }
        try {
            return parser.apply(value);
        } catch (MsrpParseException e) {
            throw new MsrpParseException("a=" + name + ": " + e.reason(), 400, e.offset());
        }
    }

    /** The m-line port. */
    public int port() {
        return port;
    }

    /** Whether the proto is {@code TCP/TLS/MSRP}. */
    public boolean secure() {
        return secure;
    }

    /** {@code TCP/MSRP} or {@code TCP/TLS/MSRP}. */
    public String proto() {
        return secure ? PROTO_TLS : PROTO_TCP;
    }

    /** The text after {@code m=}: {@code message 9 TCP/MSRP *}. */
    public String mediaLine() {
        return MEDIA + " " + port + " " + proto() + " " + FORMAT;
    }

    /** {@code a=path}. */
    public Path path() {
        return path;
    }

    /** {@code a=accept-types}. */
    public AcceptTypes acceptTypes() {
        return acceptTypes;
    }

    /** {@code a=accept-wrapped-types}. */
    public Optional<AcceptTypes> acceptWrappedTypes() {
        return Optional.ofNullable(acceptWrappedTypes);
    }

    /** {@code a=max-size}. */
    public Optional<MaxSize> maxSize() {
        return Optional.ofNullable(maxSize);
    }

    /** {@code a=setup}. */
    public Optional<Setup> setup() {
        return Optional.ofNullable(setup);
    }

    /** The {@code a=fingerprint} lines, in order (RFC 8122 §5 allows several). */
    public List<Fingerprint> fingerprints() {
        return fingerprints;
    }

    /** {@code a=file-selector}. */
    public Optional<FileSelector> fileSelector() {
        return Optional.ofNullable(fileSelector);
    }

    /** {@code a=file-transfer-id}. */
    public Optional<FileTransferId> fileTransferId() {
        return Optional.ofNullable(fileTransferId);
    }

    /** {@code a=file-disposition}. */
    public Optional<FileDisposition> fileDisposition() {
        return Optional.ofNullable(fileDisposition);
    }

    /** {@code a=file-date}. */
    public Optional<FileDate> fileDate() {
        return Optional.ofNullable(fileDate);
    }

    /** {@code a=file-icon}. */
    public Optional<FileIcon> fileIcon() {
        return Optional.ofNullable(fileIcon);
    }

    /** {@code a=file-range}. */
    public Optional<FileRange> fileRange() {
        return Optional.ofNullable(fileRange);
    }

    /** The attributes msrp-core does not know, in order; a {@code null} value for a property attribute. */
    public List<Map.Entry<String, String>> otherAttributes() {
        return otherAttributes;
    }

    /** Whether a body of {@code contentType} is acceptable by {@code a=accept-types} (RFC 4975 §8.6). */
    public boolean accepts(String contentType) {
        return acceptTypes.matches(contentType);
    }

    /**
     * All attributes as (name, value) text, in the order path, accept-types, accept-wrapped-types,
     * max-size, setup, fingerprint, the file attributes, then the others as given; a {@code null}
     * value is a property attribute ({@code a=name}).
     */
    public List<Map.Entry<String, String>> attributes() {
        List<Map.Entry<String, String>> out = new ArrayList<>(8 + otherAttributes.size());
        add(out, Path.NAME, path);
        add(out, AcceptTypes.NAME, acceptTypes);
        add(out, AcceptTypes.WRAPPED_NAME, acceptWrappedTypes);
        add(out, MaxSize.NAME, maxSize);
        add(out, Setup.NAME, setup);
        for (Fingerprint f : fingerprints) {
            add(out, Fingerprint.NAME, f);
        }
        add(out, FileSelector.NAME, fileSelector);
        add(out, FileTransferId.NAME, fileTransferId);
        add(out, FileDisposition.NAME, fileDisposition);
        add(out, FileDate.NAME, fileDate);
        add(out, FileIcon.NAME, fileIcon);
        add(out, FileRange.NAME, fileRange);
        out.addAll(otherAttributes);
        return Collections.unmodifiableList(out);
    }

    private static void add(List<Map.Entry<String, String>> out, String name, Object value) {
        if (value != null) {
            out.add(new SimpleImmutableEntry<>(name, value.toString()));
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MsrpMedia m && port == m.port && secure == m.secure && attributes().equals(m.attributes());
    }

    @Override
    public int hashCode() {
        return Objects.hash(port, secure, attributes());
    }

    /** The SDP lines: {@code m=message 9 TCP/MSRP *} and the {@code a=} lines, each ending in CRLF. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(256).append("m=").append(mediaLine()).append("\r\n");
        for (Map.Entry<String, String> a : attributes()) {
            sb.append("a=").append(a.getKey());
            if (a.getValue() != null) {
                sb.append(':').append(a.getValue());
            }
            sb.append("\r\n");
        }
        return sb.toString();
    }

    /** Builds an {@link MsrpMedia}. */
    public static final class Builder {
        private final int port;
        private boolean secure;
        private Path path;
        private AcceptTypes acceptTypes;
        private AcceptTypes acceptWrappedTypes;
        private MaxSize maxSize;
        private Setup setup;
        private final List<Fingerprint> fingerprints = new ArrayList<>(1);
        private FileSelector fileSelector;
        private FileTransferId fileTransferId;
        private FileDisposition fileDisposition;
        private FileDate fileDate;
        private FileIcon fileIcon;
        private FileRange fileRange;
        private final List<Map.Entry<String, String>> otherAttributes = new ArrayList<>();

        private Builder(int port, Path path) {
            this.port = port;
            this.path = path;
            this.secure = path != null && path.first().secure();
        }

        public Builder acceptTypes(AcceptTypes acceptTypes) {
            this.acceptTypes = acceptTypes;
            return this;
        }

        /** {@code a=accept-types} from entries such as {@code message/cpim}, {@code text/plain}. */
        public Builder acceptTypes(String... entries) {
            return acceptTypes(AcceptTypes.of(entries));
        }

        public Builder acceptWrappedTypes(AcceptTypes acceptWrappedTypes) {
            this.acceptWrappedTypes = acceptWrappedTypes;
            return this;
        }

        public Builder maxSize(MaxSize maxSize) {
            this.maxSize = maxSize;
            return this;
        }

        public Builder setup(Setup setup) {
            this.setup = setup;
            return this;
        }

        /** Adds an {@code a=fingerprint}. */
        public Builder fingerprint(Fingerprint fingerprint) {
            fingerprints.add(Objects.requireNonNull(fingerprint, "fingerprint"));
            return this;
        }

        public Builder fileSelector(FileSelector fileSelector) {
            this.fileSelector = fileSelector;
            return this;
        }

        public Builder fileTransferId(FileTransferId fileTransferId) {
            this.fileTransferId = fileTransferId;
            return this;
        }

        public Builder fileDisposition(FileDisposition fileDisposition) {
            this.fileDisposition = fileDisposition;
            return this;
        }

        public Builder fileDate(FileDate fileDate) {
            this.fileDate = fileDate;
            return this;
        }

        public Builder fileIcon(FileIcon fileIcon) {
            this.fileIcon = fileIcon;
            return this;
        }

        public Builder fileRange(FileRange fileRange) {
            this.fileRange = fileRange;
            return this;
        }

        /**
         * Adds an attribute msrp-core does not type ({@code sendonly}, {@code connection} …);
         * {@code value} is {@code null} for a property attribute.
         *
         * @throws IllegalArgumentException for a name this class types (use its setter)
         */
        public Builder attribute(String name, String value) {
            Objects.requireNonNull(name, "name");
            if (SINGLE.contains(name) || name.equals(Fingerprint.NAME)) {
                throw new IllegalArgumentException("a=" + name + " has its own setter");
            }
            String bad = name.isEmpty() ? "empty attribute name" : badOtherAttribute(name, value);
            if (bad != null) {
                throw new IllegalArgumentException(bad);
            }
            otherAttributes.add(new SimpleImmutableEntry<>(name, value));
            return this;
        }

        /** What RFC 4975 forbids in the parts set so far, or null. */
        private String problem() {
            if (path == null) {
                return "an MSRP media description needs a=path (RFC 4975 §8.2)";
            }
            if (acceptTypes == null) {
                return "an MSRP media description needs a=accept-types (RFC 4975 §8.6)";
            }
            MsrpUri first = path.first();
            if (first.secure() != secure) {
                return "the path's first URI is " + first.scheme() + " but the proto is " + (secure ? PROTO_TLS : PROTO_TCP)
                        + " (RFC 4975 §8.1)";
            }
            return null;
        }

        /**
         * Builds the description.
         *
         * @throws IllegalStateException if accept-types is missing
         * @throws IllegalArgumentException if the port is out of range
         */
        public MsrpMedia build() {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
            Objects.requireNonNull(path, "path");
            String problem = problem();
            if (problem != null) {
                throw new IllegalStateException(problem);
            }
            return new MsrpMedia(this);
        }
    }
}
