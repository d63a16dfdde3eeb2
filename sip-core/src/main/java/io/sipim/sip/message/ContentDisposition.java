package io.sipim.sip.message;

import io.sipim.sip.internal.Lexer;
import io.sipim.sip.internal.ValueParsers;
import java.util.Objects;

/**
 * The Content-Disposition header (RFC 3261 §20.11), e.g. {@code session;handling=required}.
 *
 * @param type the disposition type ({@code render}, {@code session}, {@code icon}, {@code alert}, ...)
 * @param parameters disp-params ({@code handling} ...)
 */
public record ContentDisposition(String type, Parameters parameters) {

    /** Validating constructor. */
    public ContentDisposition {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(parameters, "parameters");
    }

    public static ContentDisposition parse(String text) {
        Lexer lx = new Lexer(text);
        ContentDisposition d = ValueParsers.contentDisposition(lx);
        lx.expectEnd("Content-Disposition");
        return d;
    }

    /** True unless {@code handling=optional} (the default handling is required, §20.11). */
    public boolean handlingRequired() {
        return !"optional".equalsIgnoreCase(parameters.get("handling"));
    }

    @Override
    public String toString() {
        return parameters.appendTo(new StringBuilder(type)).toString();
    }
}
