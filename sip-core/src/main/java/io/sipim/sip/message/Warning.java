package io.sipim.sip.message;

import io.sipim.sip.internal.Lexer;
import io.sipim.sip.internal.ValueParsers;
import java.util.Objects;

/**
 * One Warning header value (RFC 3261 §20.43): {@code 307 isi.edu "Session parameter 'foo' not understood"}.
 *
 * @param code the three-digit warn-code
 * @param agent the warn-agent (host[:port] or pseudonym)
 * @param text the warn-text without its quotes
 */
public record Warning(int code, String agent, String text) {

    /** Validating constructor. */
    public Warning {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(text, "text");
        if (code < 100 || code > 999) {
            throw new IllegalArgumentException("warn-code " + code + " is not three digits");
        }
    }

    public static Warning parse(String text) {
        Lexer lx = new Lexer(text);
        Warning w = ValueParsers.warning(lx);
        lx.expectEnd("Warning");
        return w;
    }

    @Override
    public String toString() {
        return code + " " + agent + " " + Lexer.quote(text);
    }
}
