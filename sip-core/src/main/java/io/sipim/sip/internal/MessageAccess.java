package io.sipim.sip.internal;

import io.sipim.sip.message.Header;
import io.sipim.sip.message.HeaderName;
import io.sipim.sip.message.SipRequest;
import io.sipim.sip.message.SipResponse;
import io.sipim.sip.message.Uri;

/**
 * Lets the parser build messages and headers through package-private constructors of
 * {@code io.sipim.sip.message} without making them public API (the JDK's "shared secrets"
 * pattern). The message package installs the one implementation when it is initialised.
 */
public abstract class MessageAccess {
    private static volatile MessageAccess instance;

    public static void install(MessageAccess access) {
        instance = access;
    }

    public static MessageAccess get() {
        MessageAccess a = instance;
        if (a == null) {
            try {
                Class.forName("io.sipim.sip.message.SipMessage", true, MessageAccess.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
            a = instance;
        }
        return a;
    }

    /**
     * A parsed header whose value is the UTF-8 bytes {@code source[start, end)} (ASCII when {@code ascii}),
     * typed by {@code lexer}; the source must not change afterwards.
     */
    public abstract Header header(HeaderName<?> name, String spelled, byte[] source, int start, int end, boolean ascii,
            Lexer lexer);

    /**
     * A parsed header spelled canonically whose ASCII value {@code source[start, end)} was typed
     * by the caller as {@code typed} (one value, not a list); the source must not change afterwards.
     */
    public abstract Header typedHeader(HeaderName<?> name, byte[] source, int start, int end, Object typed);

    /** The typed value of a list header line holding the first {@code size} (at least two) of {@code values}, kept as is. */
    public abstract Object valueList(Object[] values, int size);

    /**
     * A list of {@code size} tokens, token {@code i} being {@code src[at[off + 2i], at[off + 2i + 1])}
     * (ASCII, checked): each String is made when the token is first read. {@code at} is shared and
     * never written at those indexes again.
     */
    public abstract Object tokenList(byte[] src, int[] at, int off, int size);

    /** A header whose value could not be parsed; kept as text in a partial message. */
    public abstract Header unparsedHeader(HeaderName<?> name, String spelled, String value, boolean ascii);

    public abstract HeaderName<String> extension(String name);

    /**
     * Parameters parsed from {@code src}: {@code 3 * count} indexes from {@code at[off]} (name start,
     * name end, value end; the value after '=', a flag when value end == name end) of ASCII names and
     * values, cut into strings on first use. Neither {@code src} nor that part of {@code at} may
     * change afterwards (they are kept, not copied).
     */
    public abstract io.sipim.sip.message.Parameters parameters(byte[] src, int[] at, int off, int count);

    /** The known header spelled exactly canonically by those bytes, or null. */
    public abstract HeaderName<?> lookupCanonical(byte[] b, int off, int len);

    /** Position of a known header name among all known ones (0..63), -1 for extensions. */
    public abstract int ordinal(HeaderName<?> name);

    /** The message's own header array (not a copy: read only). */
    public abstract Header[] headerArray(io.sipim.sip.message.SipMessage m);

    /** The first typed value of a header line, or null. */
    public abstract Object first(Header h);


    public abstract SipRequest request(String method, Uri uri, String version, Header[] headers, int count, byte[] body);

    public abstract SipResponse response(String version, int status, String reason, Header[] headers, int count, byte[] body);
}
