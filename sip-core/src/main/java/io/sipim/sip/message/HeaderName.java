package io.sipim.sip.message;

import io.sipim.sip.internal.AddressParser;
import io.sipim.sip.internal.AuthParser;
import io.sipim.sip.internal.HeaderCodec;
import io.sipim.sip.internal.ValueParsers;
import io.sipim.sip.internal.ViaParser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A header field name together with how its value is typed: {@code HeaderName.VIA} gives
 * {@link Via} values, {@code HeaderName.CSEQ} a {@link CSeq}. Known names are singletons, so
 * {@code ==} works for them; names compare case-insensitively and compact forms
 * ({@code v}, {@code i}, {@code m} ...) map to their full name (RFC 3261 §7.3.3). Any other name
 * is an extension header whose value is its text.
 *
 * @param <T> the type of one value
 */
public final class HeaderName<T> {

    /** How a header may occur in a message. */
    public enum Kind {
        /** At most once, one value (To, From, Call-ID, CSeq, Content-Length ...). */
        SINGLE,
        /** Comma-separated values, and the line may repeat (Via, Contact, Route, Allow ...; RFC 3261 §7.3.1). */
        LIST,
        /** May repeat, one value per line; commas belong to the value (WWW-Authenticate, extension headers). */
        REPEATED
    }

    private static final List<HeaderName<?>> KNOWN = new ArrayList<>();
    private static final HeaderName<?>[] BY_COMPACT = new HeaderName<?>[128];
    private static final int TABLE_SIZE = 512;
    private static final HeaderName<?>[] TABLE = new HeaderName<?>[TABLE_SIZE];
    /** Known names by their exact canonical spelling, keyed on its first 16 bytes as two longs. */
    private static final int CANON_SIZE = 256;
    private static final HeaderName<?>[] CANON = new HeaderName<?>[CANON_SIZE];

    // RFC 3261 §20
    public static final HeaderName<MediaType> ACCEPT = known("Accept", 0, Kind.LIST, ValueParsers.MEDIA_TYPE);
    public static final HeaderName<String> ACCEPT_ENCODING = known("Accept-Encoding", 0, Kind.LIST, ValueParsers.TOKEN_PARAMS);
    public static final HeaderName<String> ACCEPT_LANGUAGE = known("Accept-Language", 0, Kind.LIST, ValueParsers.TOKEN_PARAMS);
    public static final HeaderName<NameAddr> ALERT_INFO = known("Alert-Info", 0, Kind.LIST, AddressParser.NAME_ADDR);
    public static final HeaderName<String> ALLOW = known("Allow", 0, Kind.LIST, ValueParsers.TOKEN);
    public static final HeaderName<Parameters> AUTHENTICATION_INFO = known("Authentication-Info", 0, Kind.SINGLE, AuthParser.AUTH_INFO);
    public static final HeaderName<Credentials> AUTHORIZATION = known("Authorization", 0, Kind.REPEATED, AuthParser.CREDENTIALS);
    public static final HeaderName<String> CALL_ID = known("Call-ID", 'i', Kind.SINGLE, ValueParsers.CALL_ID);
    public static final HeaderName<NameAddr> CALL_INFO = known("Call-Info", 0, Kind.LIST, AddressParser.NAME_ADDR);
    public static final HeaderName<NameAddr> CONTACT = known("Contact", 'm', Kind.LIST, AddressParser.CONTACT);
    public static final HeaderName<ContentDisposition> CONTENT_DISPOSITION = known("Content-Disposition", 0, Kind.SINGLE, ValueParsers.CONTENT_DISPOSITION);
    public static final HeaderName<String> CONTENT_ENCODING = known("Content-Encoding", 'e', Kind.LIST, ValueParsers.TOKEN);
    public static final HeaderName<String> CONTENT_LANGUAGE = known("Content-Language", 0, Kind.LIST, ValueParsers.TOKEN);
    public static final HeaderName<Long> CONTENT_LENGTH = known("Content-Length", 'l', Kind.SINGLE, ValueParsers.CONTENT_LENGTH);
    public static final HeaderName<MediaType> CONTENT_TYPE = known("Content-Type", 'c', Kind.SINGLE, ValueParsers.MEDIA_TYPE);
    public static final HeaderName<CSeq> CSEQ = known("CSeq", 0, Kind.SINGLE, ValueParsers.CSEQ);
    public static final HeaderName<SipDate> DATE = known("Date", 0, Kind.SINGLE, ValueParsers.DATE);
    public static final HeaderName<NameAddr> ERROR_INFO = known("Error-Info", 0, Kind.LIST, AddressParser.NAME_ADDR);
    public static final HeaderName<Long> EXPIRES = known("Expires", 0, Kind.SINGLE, ValueParsers.DELTA_SECONDS);
    public static final HeaderName<NameAddr> FROM = known("From", 'f', Kind.SINGLE, AddressParser.ADDRESS);
    public static final HeaderName<String> IN_REPLY_TO = known("In-Reply-To", 0, Kind.LIST, ValueParsers.CALL_ID);
    public static final HeaderName<Integer> MAX_FORWARDS = known("Max-Forwards", 0, Kind.SINGLE, ValueParsers.MAX_FORWARDS);
    public static final HeaderName<String> MIME_VERSION = known("MIME-Version", 0, Kind.SINGLE, ValueParsers.TEXT);
    public static final HeaderName<Long> MIN_EXPIRES = known("Min-Expires", 0, Kind.SINGLE, ValueParsers.DELTA_SECONDS);
    public static final HeaderName<String> ORGANIZATION = known("Organization", 0, Kind.SINGLE, ValueParsers.TEXT);
    public static final HeaderName<String> PRIORITY = known("Priority", 0, Kind.SINGLE, ValueParsers.TOKEN);
    public static final HeaderName<Challenge> PROXY_AUTHENTICATE = known("Proxy-Authenticate", 0, Kind.REPEATED, AuthParser.CHALLENGE);
    public static final HeaderName<Credentials> PROXY_AUTHORIZATION = known("Proxy-Authorization", 0, Kind.REPEATED, AuthParser.CREDENTIALS);
    public static final HeaderName<String> PROXY_REQUIRE = known("Proxy-Require", 0, Kind.LIST, ValueParsers.TOKEN);
    public static final HeaderName<NameAddr> RECORD_ROUTE = known("Record-Route", 0, Kind.LIST, AddressParser.NAME_ADDR);
    public static final HeaderName<NameAddr> REPLY_TO = known("Reply-To", 0, Kind.SINGLE, AddressParser.ADDRESS);
    public static final HeaderName<String> REQUIRE = known("Require", 0, Kind.LIST, ValueParsers.TOKEN);
    public static final HeaderName<RetryAfter> RETRY_AFTER = known("Retry-After", 0, Kind.SINGLE, ValueParsers.RETRY_AFTER);
    public static final HeaderName<NameAddr> ROUTE = known("Route", 0, Kind.LIST, AddressParser.NAME_ADDR);
    public static final HeaderName<String> SERVER = known("Server", 0, Kind.SINGLE, ValueParsers.TEXT);
    public static final HeaderName<String> SUBJECT = known("Subject", 's', Kind.SINGLE, ValueParsers.TEXT);
    public static final HeaderName<String> SUPPORTED = known("Supported", 'k', Kind.LIST, ValueParsers.TOKEN);
    public static final HeaderName<String> TIMESTAMP = known("Timestamp", 0, Kind.SINGLE, ValueParsers.TEXT);
    public static final HeaderName<NameAddr> TO = known("To", 't', Kind.SINGLE, AddressParser.ADDRESS);
    public static final HeaderName<String> UNSUPPORTED = known("Unsupported", 0, Kind.LIST, ValueParsers.TOKEN);
    public static final HeaderName<String> USER_AGENT = known("User-Agent", 0, Kind.SINGLE, ValueParsers.TEXT);
    public static final HeaderName<Via> VIA = known("Via", 'v', Kind.LIST, ViaParser.CODEC);
    public static final HeaderName<Warning> WARNING = known("Warning", 0, Kind.LIST, ValueParsers.WARNING);
    public static final HeaderName<Challenge> WWW_AUTHENTICATE = known("WWW-Authenticate", 0, Kind.REPEATED, AuthParser.CHALLENGE);

    // SIMPLE (RFC 6665, RFC 3903), registration (RFC 3327, RFC 3608), REFER (RFC 3515, RFC 3892) ...
    public static final HeaderName<Event> EVENT = known("Event", 'o', Kind.SINGLE, ValueParsers.EVENT);
    public static final HeaderName<String> ALLOW_EVENTS = known("Allow-Events", 'u', Kind.LIST, ValueParsers.TOKEN);
    public static final HeaderName<SubscriptionState> SUBSCRIPTION_STATE = known("Subscription-State", 0, Kind.SINGLE, ValueParsers.SUBSCRIPTION_STATE);
    public static final HeaderName<String> SIP_ETAG = known("SIP-ETag", 0, Kind.SINGLE, ValueParsers.TOKEN);
    public static final HeaderName<String> SIP_IF_MATCH = known("SIP-If-Match", 0, Kind.SINGLE, ValueParsers.TOKEN);
    public static final HeaderName<NameAddr> PATH = known("Path", 0, Kind.LIST, AddressParser.NAME_ADDR);
    public static final HeaderName<NameAddr> SERVICE_ROUTE = known("Service-Route", 0, Kind.LIST, AddressParser.NAME_ADDR);
    public static final HeaderName<NameAddr> REFER_TO = known("Refer-To", 'r', Kind.SINGLE, AddressParser.ADDRESS);
    public static final HeaderName<NameAddr> REFERRED_BY = known("Referred-By", 'b', Kind.SINGLE, AddressParser.ADDRESS);
    public static final HeaderName<NameAddr> P_ASSERTED_IDENTITY = known("P-Asserted-Identity", 0, Kind.LIST, AddressParser.ADDRESS);
    public static final HeaderName<String> SESSION_EXPIRES = known("Session-Expires", 'x', Kind.SINGLE, ValueParsers.TOKEN_PARAMS);
    public static final HeaderName<String> IDENTITY = known("Identity", 'y', Kind.REPEATED, ValueParsers.TEXT);

    private final String name;
    private final String lowerName;
    private final byte[] bytes;
    /** The first 16 bytes of the canonical name, little-endian, zero-padded: compared as two longs. */
    private final long key1;
    private final long key2;
    private final char compact;
    private final Kind kind;
    private final HeaderCodec<T> codec;
    private final boolean known;
    /** Position among the known names (0..63), -1 for extension headers. */
    private final int ordinal;

    private HeaderName(String name, char compact, Kind kind, HeaderCodec<T> codec, boolean known) {
        this.name = name;
        this.lowerName = name.toLowerCase(Locale.ROOT);
        this.bytes = name.getBytes(StandardCharsets.ISO_8859_1);
        this.key1 = pack(bytes, 0);
        this.key2 = pack(bytes, 8);
        this.compact = compact;
        this.kind = kind;
        this.codec = codec;
        this.known = known;
        this.ordinal = known ? KNOWN.size() : -1;
    }

    private static <T> HeaderName<T> known(String name, int compact, Kind kind, HeaderCodec<T> codec) {
        HeaderName<T> h = new HeaderName<>(name, (char) compact, kind, codec, true);
        if (h.ordinal >= 64) {
            throw new AssertionError("known header names must fit a 64-bit set");
        }
        KNOWN.add(h);
        if (compact != 0) {
            BY_COMPACT[compact] = h;
            BY_COMPACT[Character.toUpperCase(compact)] = h;
        }
        int slot = hash(h.bytes, 0, h.bytes.length) & (TABLE_SIZE - 1);
        while (TABLE[slot] != null) {
            slot = (slot + 1) & (TABLE_SIZE - 1);
        }
        int c = canonSlot(h.key1, h.key2, h.bytes.length);
        while (CANON[c] != null) {
            c = (c + 1) & (CANON_SIZE - 1);
        }
        CANON[c] = h;
        TABLE[slot] = h;
        return h;
    }

    private static int hash(byte[] b, int off, int len) {
        int h = 0;
        for (int i = off; i < off + len; i++) {
            h = h * 31 + (b[i] | 0x20);
        }
        h += len * 0x9E3779B9;
        return h ^ (h >>> 9);
    }

    private static final java.lang.invoke.VarHandle LONG_LE = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
            long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    /** The low {@code n} bytes set (all of them from 8 up). */
    private static long mask(int n) {
        return n >= 8 ? -1L : (1L << (n << 3)) - 1;
    }

    /** Up to eight bytes of {@code b} from {@code from}, little-endian, zero-padded. */
    private static long pack(byte[] b, int from) {
        long k = 0;
        for (int i = Math.min(b.length, from + 8) - 1; i >= from; i--) {
            k = k << 8 | (b[i] & 0xff);
        }
        return k;
    }


    /**
     * The known header called {@code name} (full or compact form, any case), or a new extension
     * header name whose values are text.
     */
    public static HeaderName<?> of(String name) {
        Objects.requireNonNull(name, "name");
        byte[] b = name.getBytes(StandardCharsets.ISO_8859_1);
        HeaderName<?> h = lookup(b, 0, b.length);
        if (h != null) {
            return h;
        }
        if (!io.sipim.sip.internal.CharClass.isToken(name)) {
            throw new IllegalArgumentException("header name '" + name + "' is not a token");
        }
        return extension(name);
    }

    /** An extension header name (not one SIPIM types); its values are text. */
    static HeaderName<String> extension(String name) {
        return new HeaderName<>(name, (char) 0, Kind.REPEATED, ValueParsers.TEXT, false);
    }

    /**
     * The known header whose name (full or compact, any case) is {@code len} bytes of {@code b}
     * from {@code off}, or {@code null}. Does not allocate.
     */
    public static HeaderName<?> lookup(byte[] b, int off, int len) {
        if (len == 1) {
            int c = b[off];
            return c > 0 ? BY_COMPACT[c] : null;
        }
        int slot = hash(b, off, len) & (TABLE_SIZE - 1);
        HeaderName<?> h;
        while ((h = TABLE[slot]) != null) {
            if (h.bytes.length == len && equalsIgnoreCase(h.bytes, b, off)) {
                return h;
            }
            slot = (slot + 1) & (TABLE_SIZE - 1);
        }
        return null;
    }

    /**
     * The known header whose canonical spelling (e.g. {@code Call-ID}) is exactly {@code len} bytes of
     * {@code b} from {@code off}, or {@code null}: the common case, one exact compare.
     */
    static HeaderName<?> lookupCanonical(byte[] b, int off, int len) {
        if (len < 2) {
            return null;
        }
        if (off + 16 > b.length) {
            HeaderName<?> h = lookup(b, off, len);
            return h != null && h.spelledCanonically(b, off, len) ? h : null;
        }
        // Two loads and a multiply find the slot; equal keys and length mean equal bytes up to 16.
        long k1 = (long) LONG_LE.get(b, off) & mask(len);
        long k2 = len > 8 ? (long) LONG_LE.get(b, off + 8) & mask(len - 8) : 0;
        int slot = canonSlot(k1, k2, len);
        HeaderName<?> h;
        while ((h = CANON[slot]) != null) {
            if (h.key1 == k1 && h.key2 == k2 && h.bytes.length == len && (len <= 16 || h.spelledCanonically(b, off, len))) {
                return h;
            }
            slot = (slot + 1) & (CANON_SIZE - 1);
        }
        return null;
    }

    private static int canonSlot(long k1, long k2, int len) {
        long h = k1 * 0x9E3779B97F4A7C15L + k2 * 0xC2B2AE3D27D4EB4FL + len;
        return (int) (h >>> 40) & (CANON_SIZE - 1);
    }

    private static boolean equalsIgnoreCase(byte[] known, byte[] b, int off) {
        for (int i = 0; i < known.length; i++) {
            int x = known[i];
            int y = b[off + i];
            if (x != y && ((x | 0x20) != (y | 0x20) || !io.sipim.sip.internal.CharClass.isAlpha(x))) {
                return false;
            }
        }
        return true;
    }

    /** Every header name SIPIM types. */
    public static List<HeaderName<?>> known() {
        return Collections.unmodifiableList(KNOWN);
    }

    /** True when {@code bytes} (full name as given) equals this name's canonical spelling. */
    boolean spelledCanonically(byte[] b, int off, int len) {
        if (len != bytes.length) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            if (bytes[i] != b[off + i]) {
                return false;
            }
        }
        return true;
    }

    /** The canonical name, e.g. {@code Call-ID}. */
    public String name() {
        return name;
    }

    /** The compact form (RFC 3261 §7.3.3), or 0 when the header has none. */
    public char compactForm() {
        return compact;
    }

    public Kind kind() {
        return kind;
    }

    /** True for headers SIPIM types; false for extension headers. */
    public boolean isKnown() {
        return known;
    }

    int ordinal() {
        return ordinal;
    }

    HeaderCodec<T> codec() {
        return codec;
    }

    /** True when {@code other} names the same header (case-insensitive, compact forms resolved). */
    public boolean is(String other) {
        return other.equalsIgnoreCase(name) || other.length() == 1 && compact != 0
                && Character.toLowerCase(other.charAt(0)) == compact;
    }

    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof HeaderName<?> h && h.lowerName.equals(lowerName);
    }

    @Override
    public int hashCode() {
        return lowerName.hashCode();
    }

    @Override
    public String toString() {
        return name;
    }
}
