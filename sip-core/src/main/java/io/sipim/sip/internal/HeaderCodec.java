package io.sipim.sip.internal;

/**
 * Parses and formats one element of a header field value (one Via of a Via line, one Contact of a
 * Contact line ...). {@link #parse} starts at the lexer's position and stops after the element,
 * before the comma that separates list elements or the end of the value.
 *
 * @param <T> the typed value
 */
public interface HeaderCodec<T> {

    T parse(Lexer lexer);

    /** Appends the element as it is written on the wire. */
    default void format(T value, StringBuilder out) {
        out.append(value);
    }
}
