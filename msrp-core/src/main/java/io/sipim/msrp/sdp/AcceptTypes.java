package io.sipim.msrp.sdp;

import io.sipim.msrp.message.MsrpParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code a=accept-types} and {@code a=accept-wrapped-types} attributes (RFC 4975 §8.6): the
 * media types an endpoint accepts in MSRP bodies, or only inside a wrapper such as
 * {@code message/cpim}. An entry is {@code *} (anything), {@code type/*} (any subtype) or
 * {@code type/subtype}.
 *
 * <pre>format-list = format-entry *( SP format-entry)
 * format-entry = "*" / (type "/" subtype) / (type "/" "*")</pre>
 *
 * <p>Media type names are case-insensitive (RFC 2045 §5.1), so entries are kept in lower case.
 */
public final class AcceptTypes {

    /** The attribute name {@value}. */
    public static final String NAME = "accept-types";
    /** The attribute name {@value}. */
    public static final String WRAPPED_NAME = "accept-wrapped-types";

    private final List<String> entries;

    private AcceptTypes(List<String> entries) {
        this.entries = entries;
    }

    /**
     * A list of entries such as {@code text/plain}, {@code message/cpim}, {@code image/*}, {@code *}.
     *
     * @throws IllegalArgumentException if the list is empty or an entry breaks the grammar
     */
    public static AcceptTypes of(List<String> entries) {
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("accept-types needs at least one entry");
        }
        try {
            AcceptTypes parsed = parse(String.join(" ", entries));
            if (parsed.entries.size() != entries.size()) {
                throw new IllegalArgumentException("an accept-types entry contains a space: " + entries);
            }
            return parsed;
        } catch (MsrpParseException e) {
            throw new IllegalArgumentException("bad accept-types entry in " + entries + ": " + e.reason(), e);
        }
    }

    /** A list of entries; see {@link #of(List)}. */
    public static AcceptTypes of(String... entries) {
        return of(List.of(entries));
    }

    /**
     * Parses the text after {@code a=accept-types:} or {@code a=accept-wrapped-types:}.
     *
     * @throws MsrpParseException 400 with the index of the offending character
     */
    public static AcceptTypes parse(String value) {
        List<String> entries = new ArrayList<>(4);
        int n = value.length();
        int i = 0;
        while (true) {
            int start = i;
            if (i < n && value.charAt(i) == '*' && (i + 1 == n || value.charAt(i + 1) == ' ')) {
                i++;
            } else {
                i = SdpText.mimeTokenEnd(value, i);
                if (i == start) {
                    throw SdpText.error("expected a media type or *", i);
                }
                if (i >= n || value.charAt(i) != '/') {
                    throw SdpText.error("media type needs '/'", i);
                }
                int sub = ++i;
                i = SdpText.mimeTokenEnd(value, i);
                if (i == sub) {
                    throw SdpText.error("media type needs a subtype or *", i);
                }
            }
            entries.add(value.substring(start, i).toLowerCase(Locale.ROOT));
            if (i == n) {
                return new AcceptTypes(List.copyOf(entries));
            }
            if (value.charAt(i) != ' ') {
                throw SdpText.error("accept-types entries are separated by one space", i);
            }
            i++;
        }
    }

    /** The entries in order, in lower case; never empty. */
    public List<String> entries() {
        return entries;
    }

    /**
     * Whether a body of {@code contentType} (a Content-Type value, parameters allowed) is acceptable
     * under RFC 4975 §8.6's wildcard rules: {@code *} matches any type, {@code type/*} any subtype
     * of {@code type}, otherwise type and subtype must be equal, ignoring case. A content type that
     * cannot be read matches nothing.
     */
    public boolean matches(String contentType) {
        String[] ts = typeAndSubtype(contentType);
        if (ts == null) {
            return false;
        }
        for (String e : entries) {
            if (e.equals("*")) {
                return true;
            }
            int slash = e.indexOf('/');
            if (e.regionMatches(0, ts[0], 0, slash) && slash == ts[0].length()) {
                String sub = e.substring(slash + 1);
                if (sub.equals("*") || sub.equals(ts[1])) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether the list contains the entry {@code *}. */
    public boolean acceptsAnything() {
        return entries.contains("*");
    }

    /** {type, subtype} in lower case, or null if {@code contentType} is not {@code type/subtype[;params]}. */
    private static String[] typeAndSubtype(String contentType) {
        if (contentType == null) {
            return null;
        }
        String s = contentType.strip();
        int semi = s.indexOf(';');
        if (semi >= 0) {
            s = s.substring(0, semi).strip();
        }
        int slash = s.indexOf('/');
        if (slash <= 0 || slash == s.length() - 1) {
            return null;
        }
        String type = s.substring(0, slash).strip();
        String sub = s.substring(slash + 1).strip();
        if (type.isEmpty() || sub.isEmpty() || SdpText.mimeTokenEnd(type, 0) != type.length()
                || SdpText.mimeTokenEnd(sub, 0) != sub.length() || type.equals("*") || sub.equals("*")) {
            return null;
        }
        return new String[] {type.toLowerCase(Locale.ROOT), sub.toLowerCase(Locale.ROOT)};
    }

    /** The wire form, as {@link #toString()}. */
    public String value() {
        return toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AcceptTypes a && entries.equals(a.entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }

    @Override
    public String toString() {
        return String.join(" ", entries);
    }
}
