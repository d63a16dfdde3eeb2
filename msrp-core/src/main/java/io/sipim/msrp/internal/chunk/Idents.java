package io.sipim.msrp.internal.chunk;

/** RFC 4975 §9 idents (Message-ID, transaction id): {@code ALPHANUM 3*31ident-char}. */
final class Idents {
    private Idents() {
    }

    /** Returns {@code id} if it is an ident, else throws {@link IllegalArgumentException} naming {@code what}. */
    static String check(String id, String what) {
        if (id == null || id.length() < 4 || id.length() > 32 || !alphanum(id.charAt(0))) {
            throw new IllegalArgumentException(what + " must be 4 to 32 characters starting with a letter or digit: "
                    + id);
        }
        for (int i = 1; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!alphanum(c) && c != '.' && c != '-' && c != '+' && c != '%' && c != '=') {
                throw new IllegalArgumentException("bad character '" + c + "' at " + i + " in " + what + " " + id);
            }
        }
        return id;
    }

    private static boolean alphanum(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
}
