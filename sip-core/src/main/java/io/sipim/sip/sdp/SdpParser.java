package io.sipim.sip.sdp;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads RFC 8866 text into a {@link SessionDescription}, one line at a time.
 *
 * <p>v=, o= and s= must be the first three lines (RFC 8866 §5). After them the parser is lenient
 * about order within a section, since the values do not depend on it, but a line type that RFC
 * 8866 §9 allows once per section must appear at most once, r= and z= need a t= before them, and
 * at least one t= must precede the first m=. A type letter RFC 8866 does not define is rejected:
 * §5 lets a parser ignore or reject such a description, and ignoring would hide the problem.
 */
final class SdpParser {
    private static final String[] ORIGIN_FIELDS =
            {"username", "sess-id", "sess-version", "nettype", "addrtype", "unicast-address"};

    private final String text;
    private final SdpLimits limits;

    private int lineNo;
    private int lineStart;
    private String type;

    private final SessionDescription.Builder session = SessionDescription.builder();
    private final List<Timing> timings = new ArrayList<>();
    private final List<MediaDescription> media = new ArrayList<>();
    private boolean sessionInformation;
    private boolean sessionUri;
    private boolean sessionConnection;
    private boolean sessionKey;
    private MediaDescription.Builder current;
    private boolean mediaInformation;
    private boolean mediaKey;

    SdpParser(String text, SdpLimits limits) {
        this.text = text;
        this.limits = limits;
    }

    static SessionDescription parse(byte[] utf8, SdpLimits limits) {
        if (utf8.length > limits.maxBytes()) {
            throw new SdpParseException("larger than " + limits.maxBytes() + " bytes", null, 0, limits.maxBytes());
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(utf8);
        CharBuffer out = CharBuffer.allocate(utf8.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int at = in.position();
            int line = 1;
            for (int i = 0; i < at; i++) {
                line += utf8[i] == '\n' ? 1 : 0;
            }
            throw new SdpParseException("not valid UTF-8 at byte " + at, null, line, at);
        }
        String text = out.flip().toString();
        try {
            return new SdpParser(text, limits).parse();
        } catch (SdpParseException e) {
            throw e.offset() < 0 ? e : e.withOffset(utf8Length(text, (int) e.offset()));
        }
    }

    private static long utf8Length(String s, int end) {
        long n = 0;
        for (int i = 0; i < end; i++) {
            char c = s.charAt(i);
            n += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
        }
        return n;
    }

    SessionDescription parse() {
        if (text.length() > limits.maxBytes()) {
            throw new SdpParseException("larger than " + limits.maxBytes() + " bytes", null, 0, limits.maxBytes());
        }
        int pos = 0;
        while (pos < text.length()) {
            int nl = text.indexOf('\n', pos);
            int end = nl < 0 ? text.length() : nl;
            int next = nl < 0 ? text.length() : nl + 1;
            // RFC 8866 §5: lines end in CRLF, but parsers should also accept a bare LF.
            int contentEnd = end > pos && text.charAt(end - 1) == '\r' ? end - 1 : end;
            lineNo++;
            lineStart = pos;
            type = null;
            if (lineNo > limits.maxLines()) {
                throw error("more than " + limits.maxLines() + " lines", 0);
            }
            if (contentEnd - pos > limits.maxLineLength()) {
                throw error("line longer than " + limits.maxLineLength() + " characters", limits.maxLineLength());
            }
            if (contentEnd == pos) {
                if (onlyLineEndsFrom(next)) {
                    break; // a stray CRLF after the last line is common and harmless
                }
                throw error("empty line", 0);
            }
            try {
                line(text.substring(pos, contentEnd));
            } catch (IllegalArgumentException e) {
                // The checks below mirror the builders', so this is a safety net, not the usual path.
                throw error(e.getMessage(), 0);
            }
            pos = next;
        }
        return finish();
    }

    private boolean onlyLineEndsFrom(int from) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\r' && c != '\n') {
                return false;
            }
        }
        return true;
    }

    private void line(String line) {
        if (line.length() < 2 || line.charAt(1) != '=') {
            throw error("expected '<type>=' at the start of the line (RFC 8866 §5: no spaces around '=')", 0);
        }
        char t = line.charAt(0);
        if (t < 'a' || t > 'z') {
            throw error("'" + printable(t) + "' is not a line type", 0);
        }
        type = String.valueOf(t);
        String value = line.substring(2);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == 0) {
                throw error((c == 0 ? "NUL" : "CR") + " inside a line", 2 + i);
            }
        }
        if (lineNo <= 3) {
            header(t, value);
        } else if (current == null) {
            sessionLine(t, value);
        } else {
            mediaLine(t, value);
        }
    }

    /** RFC 8866 §5: a description starts v=, o=, s=, in that order. */
    private void header(char t, String value) {
        char expected = "vos".charAt(lineNo - 1);
        if (t != expected) {
            throw error("expected " + expected + "= line, found " + t + "=", 0);
        }
        switch (t) {
            case 'v' -> {
                if (!value.equals("0")) {
                    throw error("version '" + value + "' is not 0, the only version (RFC 8866 §5.1)", 2);
                }
            }
            case 'o' -> session.origin(origin(value));
            default -> session.sessionName(value);
        }
    }

    private void sessionLine(char t, String value) {
        switch (t) {
            case 'i' -> {
                sessionInformation = once(sessionInformation);
                session.information(value);
            }
            case 'u' -> {
                sessionUri = once(sessionUri);
                session.uri(value);
            }
            case 'e' -> session.addEmail(value);
            case 'p' -> session.addPhone(value);
            case 'c' -> {
                sessionConnection = once(sessionConnection);
                session.connection(connection(value));
            }
            case 'b' -> session.addBandwidth(bandwidth(value));
            case 't' -> timings.add(timing(value));
            case 'r' -> {
                int last = lastTiming();
                if (value.isEmpty()) {
                    throw error("empty repeat", 2);
                }
                timings.set(last, timings.get(last).withRepeat(value));
            }
            case 'z' -> {
                int last = lastTiming();
                if (timings.get(last).zone() != null) {
                    throw error("more than one z= line for a t= line", 0);
                }
                if (value.isEmpty()) {
                    throw error("empty time zone adjustment", 2);
                }
                timings.set(last, timings.get(last).withZone(value));
            }
            case 'k' -> {
                sessionKey = once(sessionKey);
                session.key(value);
            }
            case 'a' -> session.addAttribute(attribute(value));
            case 'm' -> startMedia(value);
            case 'v', 'o', 's' -> throw error("only one " + t + "= line is allowed, as line " + ("vos".indexOf(t) + 1), 0);
            default -> throw unknown(t);
        }
    }

    private void mediaLine(char t, String value) {
        switch (t) {
            case 'i' -> {
                mediaInformation = once(mediaInformation);
                current.information(value);
            }
            case 'c' -> current.addConnection(connection(value));
            case 'b' -> current.addBandwidth(bandwidth(value));
            case 'k' -> {
                mediaKey = once(mediaKey);
                current.key(value);
            }
            case 'a' -> current.addAttribute(attribute(value));
            case 'm' -> startMedia(value);
            case 'v', 'o', 's', 'u', 'e', 'p', 't', 'r', 'z' ->
                    throw error(t + "= is a session-level line and cannot follow an m= line (RFC 8866 §5)", 0);
            default -> throw unknown(t);
        }
    }

    private SdpParseException unknown(char t) {
        // RFC 8866 §5: a parser must ignore or reject a description with a type letter it does not understand.
        return error("unknown line type '" + t + "'", 0);
    }

    private boolean once(boolean seen) {
        if (seen) {
            throw error("more than one " + type + "= line in this section (RFC 8866 §9)", 0);
        }
        return true;
    }

    private int lastTiming() {
        if (timings.isEmpty()) {
            throw error(type + "= line before any t= line (RFC 8866 §5.10)", 0);
        }
        return timings.size() - 1;
    }

    private void startMedia(String value) {
        if (timings.isEmpty()) {
            type = null;
            throw error("missing t= line before the first m= line (RFC 8866 §5.9)", 0);
        }
        if (media.size() + (current != null ? 1 : 0) >= limits.maxMediaDescriptions()) {
            throw error("more than " + limits.maxMediaDescriptions() + " media descriptions", 0);
        }
        if (current != null) {
            media.add(current.build());
        }
        current = media(value);
        mediaInformation = false;
        mediaKey = false;
    }

    private SessionDescription finish() {
        type = null;
        if (lineNo < 3) {
            lineNo++;
            lineStart = text.length();
            throw error("missing " + "vos".charAt(lineNo - 1) + "= line", 0);
        }
        if (timings.isEmpty()) {
            lineStart = text.length();
            throw error("missing t= line (RFC 8866 §5.9: at least one is required)", 0);
        }
        if (current != null) {
            media.add(current.build());
        }
        return session.timings(timings).media(media).build();
    }

    private Origin origin(String value) {
        String[] f = fields(value, 6, String.join(" ", ORIGIN_FIELDS));
        int at = 2;
        for (int i = 0; i < f.length; i++) {
            boolean number = i == 1 || i == 2;
            boolean ok = number ? Syntax.isDigits(f[i]) : i == 3 || i == 4 ? Syntax.isToken(f[i]) : Syntax.isNonWs(f[i]);
            if (!ok) {
                throw error(ORIGIN_FIELDS[i] + " '" + f[i] + "' is " + (number ? "not a number" : "not valid"), at);
            }
            at += f[i].length() + 1;
        }
        return Origin.builder().username(f[0]).sessionId(f[1]).sessionVersion(f[2]).netType(f[3])
                .addrType(f[4]).unicastAddress(f[5]).build();
    }

    private Connection connection(String value) {
        String[] f = fields(value, 3, "nettype addrtype connection-address");
        requireToken("nettype", f[0], 2);
        requireToken("addrtype", f[1], 3 + f[0].length());
        int at = 4 + f[0].length() + f[1].length();
        Connection.Builder b = Connection.builder().netType(f[0]).addrType(f[1]);
        String address = f[2];
        boolean ip4 = f[1].equals("IP4");
        if (ip4 || f[1].equals("IP6")) {
            // RFC 8866 §5.7: IP4 multicast is addr/ttl[/count], IP6 multicast addr[/count].
            String[] parts = address.split("/", -1);
            if (parts.length > (ip4 ? 3 : 2)) {
                throw error("too many '/' in " + f[1] + " address '" + address + "'", at);
            }
            address = parts[0];
            if (parts.length > 1) {
                int first = number(ip4 ? "TTL" : "number of addresses", parts[1], at, ip4 ? 0 : 1, ip4 ? 255 : 65535);
                if (ip4) {
                    b.ttl(first);
                } else {
                    b.numberOfAddresses(first);
                }
            }
            if (parts.length > 2) {
                b.numberOfAddresses(number("number of addresses", parts[2], at, 1, 65535));
            }
        }
        if (!Syntax.isNonWs(address)) {
            throw error("connection address '" + address + "' is not valid", at);
        }
        return b.address(address).build();
    }

    private Bandwidth bandwidth(String value) {
        int colon = value.indexOf(':');
        if (colon < 0) {
            throw error("expected <bwtype>:<bandwidth>", 2);
        }
        requireToken("bwtype", value.substring(0, colon), 2);
        long v = longValue("bandwidth", value.substring(colon + 1), 3 + colon);
        return Bandwidth.of(value.substring(0, colon), v);
    }

    private Timing timing(String value) {
        String[] f = fields(value, 2, "start-time stop-time");
        return Timing.of(longValue("start time", f[0], 2), longValue("stop time", f[1], 3 + f[0].length()));
    }

    private Attribute attribute(String value) {
        int colon = value.indexOf(':');
        String name = colon < 0 ? value : value.substring(0, colon);
        if (!Syntax.isToken(name)) {
            throw error("attribute name '" + name + "' is not a token", 2);
        }
        return Attribute.parse(value);
    }

    private MediaDescription.Builder media(String value) {
        String[] f = value.split(" ", -1);
        if (f.length < 4) {
            throw error("expected <media> <port> <proto> <fmt> ..., found " + f.length + " fields", 2);
        }
        requireToken("media", f[0], 2);
        int at = 3 + f[0].length();
        MediaDescription.Builder b = MediaDescription.builder().media(f[0]);
        String port = f[1];
        int slash = port.indexOf('/');
        if (slash >= 0) {
            b.numberOfPorts(number("number of ports", port.substring(slash + 1), at + slash + 1, 1, 65535));
            port = port.substring(0, slash);
        }
        b.port(number("port", port, at, 0, 65535));
        at += f[1].length() + 1;
        if (!Syntax.isProto(f[2])) {
            throw error("proto '" + f[2] + "' is not valid", at);
        }
        b.proto(f[2]);
        at += f[2].length() + 1;
        for (int i = 3; i < f.length; i++) {
            requireToken("format", f[i], at);
            b.addFormat(f[i]);
            at += f[i].length() + 1;
        }
        return b;
    }

    private String[] fields(String value, int count, String grammar) {
        String[] f = value.split(" ", -1);
        if (f.length != count) {
            throw error("expected " + count + " fields (" + grammar + ") separated by single spaces, found "
                    + f.length, 2);
        }
        return f;
    }

    private void requireToken(String what, String value, int column) {
        if (!Syntax.isToken(value)) {
            throw error(what + " '" + value + "' is not a token", column);
        }
    }

    private int number(String what, String value, int column, int min, int max) {
        if (!Syntax.isDigits(value)) {
            throw error(what + " '" + value + "' is not a number", column);
        }
        if (value.length() > 9 || Integer.parseInt(value) < min || Integer.parseInt(value) > max) {
            throw error(what + " " + value + " is not in " + min + " to " + max, column);
        }
        return Integer.parseInt(value);
    }

    private long longValue(String what, String value, int column) {
        if (!Syntax.isDigits(value)) {
            throw error(what + " '" + value + "' is not a number", column);
        }
        if (value.length() > 18) {
            throw error(what + " " + value + " is too large", column);
        }
        return Long.parseLong(value);
    }

    private SdpParseException error(String reason, int column) {
        return new SdpParseException(reason, type, lineNo, (long) lineStart + column);
    }

    private static String printable(char c) {
        return c >= 0x20 && c < 0x7F ? String.valueOf(c) : String.format("\\u%04x", (int) c);
    }
}
