package io.sipim.msrp.sdp;

import io.sipim.msrp.message.MsrpParseException;
import io.sipim.msrp.message.MsrpUri;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The {@code a=path} attribute (RFC 4975 §8.2): the MSRP URIs a peer sends to, first the one it
 * connects to (a relay's, RFC 4976, or the endpoint's own), last the endpoint's own URI.
 *
 * <pre>path-attribute = "path" ":" MSRP-URI *(SP MSRP-URI)</pre>
 *
 * <p>Equality compares the URIs as RFC 4975 §6.1 does ({@link MsrpUri#equals}).
 */
public final class Path {

    /** The attribute name, {@value}. */
    public static final String NAME = "path";

    private final List<MsrpUri> uris;

    private Path(List<MsrpUri> uris) {
        this.uris = uris;
    }

    /**
     * A path of one or more URIs.
     *
     * @throws IllegalArgumentException if {@code uris} is empty
     */
    public static Path of(List<MsrpUri> uris) {
        List<MsrpUri> copy = List.copyOf(uris);
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("a path needs at least one MSRP URI");
        }
        return new Path(copy);
    }

    /** A path of one or more URIs. */
    public static Path of(MsrpUri first, MsrpUri... more) {
        List<MsrpUri> list = new ArrayList<>(1 + more.length);
        list.add(Objects.requireNonNull(first, "first"));
        list.addAll(List.of(more));
        return new Path(List.copyOf(list));
    }

    /**
     * Parses the text after {@code a=path:}: URIs separated by single spaces.
     *
     * @throws MsrpParseException 400 with the index in {@code value} of the offending character
     */
    public static Path parse(String value) {
        List<MsrpUri> uris = new ArrayList<>(2);
        int n = value.length();
        int i = 0;
        while (true) {
            int end = value.indexOf(' ', i);
            if (end < 0) {
                end = n;
            }
            if (end == i) {
                throw SdpText.error(i == n ? "path needs an MSRP URI" : "path URIs are separated by one space", i);
            }
            try {
                uris.add(MsrpUri.parse(value.substring(i, end)));
            } catch (MsrpParseException e) {
                throw new MsrpParseException(e.reason(), 400, i + Math.max(0, e.offset()));
            }
            if (end == n) {
                return new Path(List.copyOf(uris));
            }
            i = end + 1;
        }
    }

    /** The URIs in order; never empty. */
    public List<MsrpUri> uris() {
        return uris;
    }

    /** The URI a peer connects to (the first hop). */
    public MsrpUri first() {
        return uris.get(0);
    }

    /** The endpoint's own URI (the last one). */
    public MsrpUri endpoint() {
        return uris.get(uris.size() - 1);
    }

    /** The wire form, as {@link #toString()}. */
    public String value() {
        return toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Path p && uris.equals(p.uris);
    }

    @Override
    public int hashCode() {
        return uris.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(64 * uris.size());
        for (MsrpUri u : uris) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(u);
        }
        return sb.toString();
    }
}
