package io.sipim.msrp.parse;

import io.sipim.msrp.message.MsrpHeader;
import io.sipim.msrp.message.MsrpMessage;
import io.sipim.msrp.message.MsrpParseException;
import io.sipim.msrp.message.MsrpRequest;
import io.sipim.msrp.message.MsrpResponse;
import io.sipim.msrp.message.MsrpUri;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The header lines of the frame being parsed. The headers a session repeats on every chunk
 * (To-Path, From-Path, Message-ID, Content-Type, Success-Report, Failure-Report) are cached by
 * their line bytes: a repeated line costs one comparison, no decoding, no URI parsing.
 */
final class Headers {

    private static final String[] KNOWN = {
        MsrpHeader.TO_PATH, MsrpHeader.FROM_PATH, MsrpHeader.MESSAGE_ID, MsrpHeader.CONTENT_TYPE,
        MsrpHeader.SUCCESS_REPORT, MsrpHeader.FAILURE_REPORT, MsrpHeader.BYTE_RANGE, MsrpHeader.STATUS,
        MsrpHeader.USE_PATH, MsrpHeader.CONTENT_ID, MsrpHeader.CONTENT_DESCRIPTION, MsrpHeader.CONTENT_DISPOSITION,
        MsrpHeader.EXPIRES, MsrpHeader.MIN_EXPIRES, MsrpHeader.MAX_EXPIRES, MsrpHeader.WWW_AUTHENTICATE,
        MsrpHeader.AUTHORIZATION, MsrpHeader.AUTHENTICATION_INFO,
    };
    private static final byte[][] KNOWN_LOWER = new byte[KNOWN.length][];
    private static final byte[][] KNOWN_EXACT = new byte[KNOWN.length][];
    private static final int TO_PATH = 0;
    private static final int FROM_PATH = 1;
    private static final int CONTENT_TYPE = 3;
    private static final int USE_PATH = 8;
    /** KNOWN[0, CACHED) are cached by line. */
    private static final int CACHED = 6;

    static {
        for (int i = 0; i < KNOWN.length; i++) {
            KNOWN_LOWER[i] = KNOWN[i].toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
            KNOWN_EXACT[i] = KNOWN[i].getBytes(StandardCharsets.US_ASCII);
        }
    }

    private final MsrpLimits limits;
    private final ArrayList<MsrpHeader> list = new ArrayList<>();
    private final long[] valueOffsets;
    private List<MsrpUri> toPath;
    private List<MsrpUri> fromPath;
    private boolean contentType;

    private final byte[][] cacheLine = new byte[CACHED][];
    private final MsrpHeader[] cacheHeader = new MsrpHeader[CACHED];
    private final int[] cacheValue = new int[CACHED];
    private final List<MsrpUri>[] cachePath;

    @SuppressWarnings("unchecked")
    Headers(MsrpLimits limits) {
        this.limits = limits;
        this.valueOffsets = new long[limits.maxHeaders()];
        this.cachePath = (List<MsrpUri>[]) new List<?>[2];
    }

    void clear() {
        list.clear();
        toPath = null;
        fromPath = null;
        contentType = false;
    }

    boolean hasContentType() {
        return contentType;
    }

    /**
     * Adds the header line {@code s[f, t)} (without CRLF) that starts at stream offset {@code at}.
     *
     * @return the error, or {@code null}
     */
    MsrpParseException add(ByteBuffer s, int f, int t, long at, String tid) {
        int index = list.size();
        if (index >= limits.maxHeaders()) {
            return new MsrpParseException("more than " + limits.maxHeaders() + " header lines", 400, at, tid);
        }
        int k = f;
        while (k < t && Ascii.isToken(s.get(k))) {
            k++;
        }
        if (k == t || s.get(k) != ':' || k == f) {
            return new MsrpParseException(k == f ? "empty header name" : k == t ? "header line lacks ':'"
                    : "bad character in header name", 400, at + (k - f), tid);
        }
        int nameEnd = k;
        int id = known(s, f, nameEnd);
        if (index == 0 && id != TO_PATH) {
            return new MsrpParseException("the first header must be To-Path", 400, at, tid);
        }
        if (index == 1 && id != FROM_PATH) {
            return new MsrpParseException("the second header must be From-Path", 400, at, tid);
        }
        if (index >= 2 && (id == TO_PATH || id == FROM_PATH)) {
            return new MsrpParseException(KNOWN[id] + " appears twice", 400, at, tid);
        }
        MsrpHeader h;
        List<MsrpUri> path = null;
        long valueAt;
        byte[] cached = id >= 0 && id < CACHED ? cacheLine[id] : null;
        if (cached != null && cached.length == t - f && Ascii.equals(s, f, cached, 0, t - f)) {
            // the same bytes as a line already checked: only the offset is new
            h = cacheHeader[id];
            path = id <= FROM_PATH ? cachePath[id] : null;
            valueAt = at + cacheValue[id];
        } else {
            k = nameEnd + 1;
            while (k < t && (s.get(k) == ' ' || s.get(k) == '\t')) {
                k++;
            }
            int v = k;
            for (; k < t; k++) {
                byte b = s.get(k);
                if (b == '\r' || b == 0) {
                    return new MsrpParseException("bad character in value of header", 400, at + (k - f), tid);
                }
            }
            valueAt = at + (v - f);
            String name = id >= 0 && Ascii.equals(s, f, KNOWN_EXACT[id], 0, nameEnd - f) ? KNOWN[id]
                    : Ascii.string(s, f, nameEnd);
            String value = Ascii.utf8(s, v, t);
            h = new MsrpHeader(name, value);
            if (id == TO_PATH || id == FROM_PATH || id == USE_PATH) {
                int uris = 1;
                for (int i = v; i < t; i++) {
                    if (s.get(i) == ' ') {
                        uris++;
                    }
                }
                if (uris > limits.maxPathUris()) {
                    return new MsrpParseException("more than " + limits.maxPathUris() + " URIs in " + name, 400,
                            valueAt, tid);
                }
            }
            if (id == TO_PATH || id == FROM_PATH) {
                try {
                    path = MsrpMessage.parsePath(value);
                } catch (MsrpParseException e) {
                    return new MsrpParseException(e.reason() + " in " + name, 400, valueAt + Math.max(0, e.offset()),
                            tid);
                }
            }
            if (id >= 0 && id < CACHED) {
                byte[] line = new byte[t - f];
                s.get(f, line);
                cacheLine[id] = line;
                cacheHeader[id] = h;
                cacheValue[id] = v - f;
                if (path != null) {
                    cachePath[id] = path;
                }
            }
        }
        if (id == TO_PATH) {
            toPath = path;
        } else if (id == FROM_PATH) {
            fromPath = path;
        } else if (id == CONTENT_TYPE) {
            contentType = true;
        }
        valueOffsets[index] = valueAt;
        list.add(h);
        return null;
    }

    /** To-Path of the frame being read, if it was read and well formed; else null. */
    List<MsrpUri> toPath() {
        return toPath;
    }

    /** From-Path of the frame being read, if it was read and well formed; else null. */
    List<MsrpUri> fromPath() {
        return fromPath;
    }

    private static int known(ByteBuffer s, int f, int to) {
        int n = to - f;
        for (int i = 0; i < KNOWN_LOWER.length; i++) {
            if (KNOWN_LOWER[i].length == n && Ascii.equalsLower(s, f, n, KNOWN_LOWER[i])) {
                return i;
            }
        }
        return -1;
    }

    /** The request; {@code at} is the offset reported when To-Path or From-Path is missing. */
    MsrpRequest request(String tid, String method, long at) {
        checkPaths(tid, at);
        return MsrpRequest.parsed(tid, method, list, toPath, fromPath, valueOffsets);
    }

    MsrpResponse response(String tid, int code, String comment, long at) {
        checkPaths(tid, at);
        return MsrpResponse.parsed(tid, code, comment, list, toPath, fromPath, valueOffsets);
    }

    private void checkPaths(String tid, long at) {
        if (list.size() < 2) {
            throw new MsrpParseException("To-Path and From-Path are required", 400, at, tid);
        }
    }
}
