package io.sipim.sip.message;

import io.sipim.sip.internal.Lexer;
import io.sipim.sip.internal.ValueParsers;
import java.util.Objects;

/**
 * The Event header (RFC 6665 §8.2.1), e.g. {@code presence}, {@code presence.winfo;id=1}.
 *
 * @param type the event-type: package with optional templates ({@code presence.winfo})
 * @param parameters event-params ({@code id} ...)
 */
public record Event(String type, Parameters parameters) {

    /** Validating constructor. */
    public Event {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(parameters, "parameters");
    }

    public static Event of(String type) {
        return new Event(type, Parameters.EMPTY);
    }

    public static Event parse(String text) {
        Lexer lx = new Lexer(text);
        Event e = ValueParsers.event(lx);
        lx.expectEnd("Event");
        return e;
    }

    /** The event package, the type without templates ({@code presence} for {@code presence.winfo}). */
    public String eventPackage() {
        int dot = type.indexOf('.');
        return dot < 0 ? type : type.substring(0, dot);
    }

    /** The id parameter, or {@code null}. */
    public String id() {
        return parameters.get("id");
    }

    /** Same type (case-insensitive, RFC 6665 §8.2.1) and same id. */
    public boolean matches(Event other) {
        return type.equalsIgnoreCase(other.type) && Objects.equals(id(), other.id());
    }

    @Override
    public String toString() {
        return parameters.appendTo(new StringBuilder(type)).toString();
    }
}
