package io.sipim.sip.internal;

import io.sipim.sip.message.AbsoluteUri;
import io.sipim.sip.message.Parameters;
import io.sipim.sip.message.SipUri;
import io.sipim.sip.message.TelUri;

/**
 * The door through which {@link UriParser} hands scanned components to the URI value classes
 * without exposing a "trusted" constructor in the public API (the JDK's SharedSecrets pattern).
 * The value classes install their {@link Factory} from {@link SipUri}'s static initializer.
 */
public final class UriAccess {
    private static volatile Factory factory;

    private UriAccess() {}

    /** Creates URI values from components the parser has already checked. */
    public interface Factory {
        /** A SIP or SIPS URI from checked parts. */
        SipUri sipUri(SipParts parts);

        /** A tel URI from checked parts. */
        TelUri telUri(TelParts parts);

        /** An absolute URI of another scheme; {@code colon} is the index of ':' in {@code text}. */
        AbsoluteUri absoluteUri(String text, int colon);
    }

    /** Components of a SIP URI as scanned: raw forms as written, plain forms unescaped. */
    public static final class SipParts {
        /** The whole URI as written, or null: then it is {@code source[start, end)}, cut on first use. */
        public String text;
        /** The (ASCII) bytes the URI was scanned from, with the URI at [start, end), host at [hostStart, hostEnd). */
        public byte[] source;
        public int start;
        public int end;
        public int hostStart;
        public int hostEnd;
        /** User as written is source[userStart, userEnd) when rawUser is null and userEnd > userStart. */
        public int userStart;
        public int userEnd;
        /** True for sips. */
        public boolean secure;
        /** User unescaped, or null. */
        public String user;
        /** User as written, or null. */
        public String rawUser;
        /** Password unescaped, or null. */
        public String password;
        /** Password as written, or null. */
        public String rawPassword;
        /** Host as written, IPv6 references with their brackets. */
        public String host;
        /** Port, -1 when absent. */
        public int port = -1;
        /** Parameters, unescaped: names at even indexes, values (null: a flag) at odd ones. */
        public String[] params;
        /** Parameters as written, same layout; null while no parameter had an escape. */
        public String[] rawParams;
        /** Number of parameters. */
        public int paramCount;
        /**
         * While no parameter had an escape, the parameters as indexes into {@link #source} (three per
         * parameter, see {@code MessageAccess.parameters}) instead of {@link #params}.
         */
        public int[] paramRanges;
        /** Number of parameters in {@link #paramRanges} from {@link #rangeBase}; 0 once they are strings. */
        public int rangeCount;
        /**
         * Where this URI's ranges start in {@link #paramRanges}: the array serves every URI and
         * parameter list scanned with these parts (one message, see {@link Lexer#rangeBase()}),
         * each keeping its part, so none needs a copy.
         */
        public int rangeBase;
        /** Size of {@link #paramRanges} when first made (at least 64), so that a message seldom grows it. */
        public int rangeCapacity = 64;

        /** {@link #paramRanges}, grown (by copy) to hold at least {@code min} ints from {@link #rangeBase}. */
        public int[] rangeRoom(int min) {
            int[] r = paramRanges;
            int need = rangeBase + min;
            if (r == null) {
                r = paramRanges = new int[Math.max(rangeCapacity, need)];
            } else if (r.length < need) {
                r = paramRanges = java.util.Arrays.copyOf(r, Math.max(need, 2 * r.length));
            }
            return r;
        }

        /** Called once a URI was made from these parts: its ranges are its own from now on. */
        public void claimRanges() {
            rangeBase += 3 * rangeCount;
            rangeCount = 0;
        }
        /** Header names, unescaped. */
        public String[] headerNames;
        /** Header values, unescaped. */
        public String[] headerValues;
        /** Number of headers. */
        public int headerCount;

        /** Forgets a scanned URI so that the parts can take the next one (arrays are kept, never shared). */
        public SipParts reset() {
            text = null;
            source = null;
            start = end = hostStart = hostEnd = userStart = userEnd = 0;
            secure = false;
            user = rawUser = password = rawPassword = host = null;
            port = -1;
            rawParams = null;
            paramCount = 0;
            rangeCount = 0;
            headerCount = 0;
            return this;
        }

        /**
         * Appends a parameter without escapes: name {@code s[nameStart, nameEnd)}, value after '='
         * up to {@code valueEnd} (a flag when {@code valueEnd == nameEnd}).
         */
        public void addParameterRange(byte[] s, int nameStart, int nameEnd, int valueEnd) {
            if (paramCount > 0) {
                // an earlier parameter had an escape: all are strings from there on
                String name = Tokens.token(s, nameStart, nameEnd);
                String value = valueEnd == nameEnd ? null : Tokens.value(s, nameEnd + 1, valueEnd);
                addParameter(s, name, value, name, value);
                return;
            }
            int i = rangeBase + 3 * rangeCount;
            rangeRoom(3 * rangeCount + 3);
            paramRanges[i] = nameStart;
            paramRanges[i + 1] = nameEnd;
            paramRanges[i + 2] = valueEnd;
            rangeCount++;
        }

        /** Appends one parameter of {@code s} as strings (after those kept as ranges, which become strings first). */
        public void addParameter(byte[] s, String rawName, String rawValue, String name, String value) {
            if (rangeCount > 0) {
                int n = rangeCount;
                rangeCount = 0;
                for (int k = rangeBase; k < rangeBase + 3 * n; k += 3) {
                    int ne = paramRanges[k + 1];
                    int ve = paramRanges[k + 2];
                    String n0 = Tokens.token(s, paramRanges[k], ne);
                    String v0 = ve == ne ? null : Tokens.value(s, ne + 1, ve);
                    addParameter(n0, v0, n0, v0);
                }
            }
            addParameter(rawName, rawValue, name, value);
        }

        /** Appends one parameter. */
        public void addParameter(String rawName, String rawValue, String name, String value) {
            int i = 2 * paramCount;
            if (params == null) {
                params = new String[8];
            } else if (i == params.length) {
                params = java.util.Arrays.copyOf(params, i * 2);
                if (rawParams != null) {
                    rawParams = java.util.Arrays.copyOf(rawParams, i * 2);
                }
            }
            if (rawParams == null && (name != rawName || value != rawValue)) {
                // First escape: from here on keep the written forms apart.
                rawParams = java.util.Arrays.copyOf(params, params.length);
            }
            params[i] = name;
            params[i + 1] = value;
            if (rawParams != null) {
                rawParams[i] = rawName;
                rawParams[i + 1] = rawValue;
            }
            paramCount++;
        }

        /** Appends one header. */
        public void addHeader(String name, String value) {
            if (headerNames == null) {
                headerNames = new String[2];
                headerValues = new String[2];
            } else if (headerCount == headerNames.length) {
                headerNames = java.util.Arrays.copyOf(headerNames, headerCount * 2);
                headerValues = java.util.Arrays.copyOf(headerValues, headerCount * 2);
            }
            headerNames[headerCount] = name;
            headerValues[headerCount++] = value;
        }
    }

    /** Components of a tel URI as scanned. */
    public static final class TelParts {
        /** The whole URI as written. */
        public String text;
        /** The number as written, with its visual separators. */
        public String number;
        /** True for a global number ({@code +} ...). */
        public boolean global;
        /** The parameters in order, values unescaped. */
        public final Parameters.Builder params = Parameters.builder();

        /** Appends one parameter. */
        public void addParameter(String name, String value) {
            params.add(name, value);
        }
    }

    /** Called once by the message package. */
    public static void install(Factory f) {
        if (factory != null) {
            throw new IllegalStateException("URI factory already installed");
        }
        factory = f;
    }

    /** The installed factory, initializing the message package first if nothing touched it yet. */
    public static Factory factory() {
        Factory f = factory;
        if (f == null) {
            try {
                Class.forName(SipUri.class.getName(), true, UriAccess.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
            f = factory;
        }
        return f;
    }
}
