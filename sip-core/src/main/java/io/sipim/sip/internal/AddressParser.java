package io.sipim.sip.internal;

import io.sipim.sip.message.NameAddr;
import io.sipim.sip.message.Parameters;
import io.sipim.sip.message.Uri;
import io.sipim.sip.parse.SipParseException;

/**
 * {@code ( name-addr / addr-spec ) *( SEMI generic-param )} (RFC 3261 §25.1: from-spec, to-param,
 * contact-param, rec-route ...).
 */
public final class AddressParser {
    private AddressParser() {}

    /** Codec for headers that accept both forms (From, To, Contact, Reply-To, Refer-To ...). */
    public static final HeaderCodec<NameAddr> ADDRESS = lx -> parse(lx, false);
    /** Codec for headers that require name-addr (Route, Record-Route, Path, Service-Route). */
    public static final HeaderCodec<NameAddr> NAME_ADDR = lx -> parse(lx, true);
    /** Codec for Contact, which also allows the wildcard {@code *}. */
    public static final HeaderCodec<NameAddr> CONTACT = lx -> {
        if (lx.peek() == '*') {
            int save = lx.pos();
            lx.skip();
            lx.skipWs();
            if (lx.atEnd()) {
                return NameAddr.WILDCARD;
            }
            lx.pos(save);
        }
        return parse(lx, false);
    };

    /**
     * Parses one address. With {@code requireAngle} the URI must be enclosed in {@code <>}.
     */
    public static NameAddr parse(Lexer lx, boolean requireAngle) {
        byte[] s = lx.source();
        int c = lx.peek();
        String display = null;
        if (c == '"') {
            display = lx.quotedStringContent();
            lx.skipWs();
            if (lx.peek() != '<') {
                throw lx.error("expected '<' after the display name");
            }
        } else if (c != '<') {
            // *(token LWS) '<'  or an addr-spec: look ahead for '<' after tokens and white space.
            int start = lx.pos();
            int p = start;
            int lastTokenEnd = -1;
            while (p < lx.end()) {
                int ch = s[p];
                if (CharClass.isToken(ch)) {
                    p++;
                    lastTokenEnd = p;
                } else if (CharClass.isWsp(ch)) {
                    p++;
                } else {
                    break;
                }
            }
            if (p < lx.end() && s[p] == '<' && lastTokenEnd > 0) {
                display = Lexer.ascii(s, start, lastTokenEnd);
                lx.pos(p);
            } else if (p < lx.end() && s[p] != '<' && s[p] != ':' && lastTokenEnd > 0
                    && CharClass.indexOf(s, '<', p, lx.end()) >= 0) {
                // RFC 4475 baddn: only tokens may stand unquoted before '<'.
                throw new SipParseException("display name holding " + Lexer.describe(s[p] & 0xff)
                        + " must be a quoted string", 400, p);
            } else {
                if (requireAngle) {
                    throw lx.error("the URI must be enclosed in '<' '>'");
                }
                return addrSpec(lx);
            }
        }
        // LAQUOT addr-spec RAQUOT: no white space inside the brackets (RFC 4475 badaspec).
        lx.expect('<');
        int uriStart = lx.pos();
        if (CharClass.isWsp(lx.peek())) {
            throw lx.error("white space after '<' (RFC 3261 §25.1 LAQUOT; RFC 4475 badaspec)");
        }
        int close = CharClass.indexOf(s, '>', uriStart, lx.end());
        if (close < 0) {
            throw new SipParseException("missing '>' after the URI", 400, uriStart - 1);
        }
        if (CharClass.isWsp(s[close - 1])) {
            throw new SipParseException("white space before '>' (RFC 4475 badaspec)", 400, close - 1);
        }
        checkLength(lx, uriStart, close);
        Uri uri = UriParser.parse(s, uriStart, close, lx.uriParts());
        lx.pos(close + 1);
        Parameters params = ParamParser.parse(lx);
        return new NameAddr(display, uri, params);
    }

    private static void checkLength(Lexer lx, int start, int end) {
        if (end - start > lx.maxUriLength()) {
            throw new SipParseException("URI longer than " + lx.maxUriLength() + " characters", 400, start);
        }
    }

    /**
     * addr-spec form: the URI ends at the first ';' (header parameters follow), ',' or white
     * space, so it cannot carry URI parameters or headers (RFC 3261 §20.10).
     */
    private static NameAddr addrSpec(Lexer lx) {
        byte[] s = lx.source();
        int start = lx.pos();
        int p = start;
        while (p < lx.end()) {
            int ch = s[p];
            if (ch == ';' || ch == ',' || CharClass.isWsp(ch)) {
                break;
            }
            if (ch == '?') {
                // RFC 4475 regbadct: a URI with headers must be in name-addr form.
                throw new SipParseException("a URI with headers must be enclosed in '<' '>'", 400, p);
            }
            p++;
        }
        if (p == start) {
            throw lx.error(lx.atEnd() ? "missing address" : "expected an address but found " + Lexer.describe(s[p] & 0xff));
        }
        checkLength(lx, start, p);
        Uri uri = UriParser.parse(s, start, p, lx.uriParts());
        lx.pos(p);
        Parameters params = ParamParser.parse(lx);
        return new NameAddr(null, uri, params);
    }
}
