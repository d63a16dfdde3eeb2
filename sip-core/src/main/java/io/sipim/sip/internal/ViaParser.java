package io.sipim.sip.internal;

import io.sipim.sip.message.Parameters;
import io.sipim.sip.message.Via;
import io.sipim.sip.parse.SipParseException;

/**
 * via-parm (RFC 3261 §25.1): {@code sent-protocol LWS sent-by *( SEMI via-params )}, with the
 * via-params checked as the grammar types them (ttl, maddr, received, branch; RFC 3581 rport).
 */
public final class ViaParser {
    private ViaParser() {}

    public static final HeaderCodec<Via> CODEC = ViaParser::parse;

    /** "SIP/2.0/" as eight bytes read big-endian. */
    private static final long SIP_2_0 = 0x5349502f322e302fL;
    private static final java.lang.invoke.VarHandle LONG_BE = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
            long[].class, java.nio.ByteOrder.BIG_ENDIAN);

    public static Via parse(Lexer lx) {
        byte[] s = lx.source();
        int p = lx.pos();
        int e = lx.end();
        if (p + 8 < e && (long) LONG_BE.get(s, p) == SIP_2_0) {
            // "SIP/2.0/" transport SP sent-by, as nearly every Via is written
            int ts = p + 8;
            int te = CharClass.skipToken(s, ts, e);
            if (te > ts && te + 1 < e && s[te] == ' ' && s[te + 1] != ' ' && s[te + 1] != '\t') {
                String transport = Tokens.token(s, ts, te);
                lx.pos(te + 1);
                return sentBy(lx, "SIP", "2.0", transport);
            }
        }
        String name = lx.token("protocol name");
        lx.expectSep('/');
        String version = lx.token("protocol version");
        lx.expectSep('/');
        String transport = lx.token("transport");
        if (!lx.skipWs()) {
            throw lx.error(lx.atEnd() ? "missing sent-by" : "expected white space before sent-by");
        }
        return sentBy(lx, name, version, transport);
    }

    /** {@code sent-by *( SEMI via-params )}, the lexer at the host. */
    private static Via sentBy(Lexer lx, String name, String version, String transport) {
        String host = HostParser.host(lx);
        int port = -1;
        if (lx.acceptSep(':')) {
            port = HostParser.port(lx);
        }
        Parameters params = ParamParser.parse(lx, true);
        return new Via(name, version, transport, host, port, params);
    }

    /**
     * Checks one via-param as the grammar types it: name {@code s[ns, ne)}, value {@code v[vs, ve)}
     * as written ({@code v == null} for a flag). Errors are at the lexer position.
     */
    static void check(byte[] s, int ns, int ne, byte[] v, int vs, int ve, Lexer lx) {
        switch (ne - ns) {
            case 3:
                if (named(s, ns, "ttl")) {
                    long ttl = v == null ? -1 : ValueParsers.deltaSecondsOrMinusOne(v, vs, ve);
                    if (ttl < 0 || ttl > 255) {
                        throw error(lx, "Via ttl must be 0-255");
                    }
                }
                break;
            case 5:
                if (named(s, ns, "rport")) {
                    long p = v == null ? 0 : ValueParsers.deltaSecondsOrMinusOne(v, vs, ve);
                    if (p < 0 || p > 65535) {
                        throw error(lx, "Via rport must be a port number");
                    }
                } else if (named(s, ns, "maddr") && (v == null || ve > vs && v[vs] == '"')) {
                    throw error(lx, "Via maddr must be a host");
                }
                break;
            case 6:
                if (named(s, ns, "branch") && (v == null || ve == vs || CharClass.skipToken(v, vs, ve) != ve)) {
                    throw error(lx, "Via branch must be a token");
                }
                break;
            case 8:
                if (named(s, ns, "received") && (v == null || !HostParser.isIpAddress(v, vs, ve))) {
                    throw error(lx, "Via received must be an IPv4 or IPv6 address");
                }
                break;
            default:
                break;
        }
    }

    /** True when {@code s} from {@code from} spells the lower-case letters {@code name} in any case. */
    private static boolean named(byte[] s, int from, String name) {
        for (int i = 0; i < name.length(); i++) {
            // | 0x20 folds only A-Z onto a-z among the bytes that could spell a letter
            if ((s[from + i] | 0x20) != name.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static SipParseException error(Lexer lx, String reason) {
        return new SipParseException(reason, 400, lx.pos());
    }
}
