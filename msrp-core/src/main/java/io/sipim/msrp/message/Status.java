package io.sipim.msrp.message;

import java.util.Objects;

/**
 * The Status header of a REPORT (RFC 4975 §9): {@code namespace SP status-code [SP comment]}, for
 * example {@code 000 200 OK}. Namespace {@code 000} is the only one RFC 4975 defines.
 *
 * @param namespace three digits, 0–999
 * @param code the status code, 100–999
 * @param comment the comment, or {@code null}
 */
public record Status(int namespace, int code, String comment) {

    /** {@code 000 200 OK}. */
    public static final Status OK = new Status(0, 200, "OK");

    public Status {
        if (namespace < 0 || namespace > 999) {
            throw new IllegalArgumentException("Status namespace must be 3 digits, was " + namespace);
        }
        if (code < 100 || code > 999) {
            throw new IllegalArgumentException("status code must be 3 digits, was " + code);
        }
        if (comment != null && (comment.indexOf('\r') >= 0 || comment.indexOf('\n') >= 0)) {
            throw new IllegalArgumentException("status comment must not hold CR or LF");
        }
    }

    /** A namespace-000 status with the usual comment for the code. */
    public static Status of(int code) {
        return new Status(0, code, MsrpResponse.defaultComment(code));
    }

    /**
     * Parses {@code 000 200 OK}.
     *
     * @throws MsrpParseException 400 with the index of the offending character
     */
    public static Status parse(CharSequence value) {
        String s = value.toString();
        if (s.length() < 7 || !digits3(s, 0) || s.charAt(3) != ' ' || !digits3(s, 4)) {
            throw new MsrpParseException("Status must be 'namespace code [comment]'", 400, 0);
        }
        String comment = null;
        if (s.length() > 7) {
            if (s.charAt(7) != ' ') {
                throw new MsrpParseException("expected SP after status code", 400, 7);
            }
            comment = s.substring(8);
        }
        int code = Integer.parseInt(s, 4, 7, 10);
        if (code < 100) {
            throw new MsrpParseException("status code below 100", 400, 4);
        }
        return new Status(Integer.parseInt(s, 0, 3, 10), code, comment);
    }

    private static boolean digits3(String s, int at) {
        for (int i = at; i < at + 3; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** Whether the code is 2xx. */
    public boolean isSuccess() {
        return code >= 200 && code < 300;
    }

    @Override
    public String toString() {
        String ns = String.format("%03d %03d", namespace, code);
        return comment == null ? ns : ns + " " + Objects.toString(comment);
    }
}
