package io.sipim.sip.message;

import io.sipim.sip.internal.Lexer;
import io.sipim.sip.internal.ValueParsers;
import java.time.Duration;
import java.util.Objects;

/**
 * The Retry-After header (RFC 3261 §20.33): {@code delta-seconds [ comment ] *( SEMI retry-param )}.
 *
 * @param seconds the delay
 * @param comment the comment without its parentheses, or {@code null}
 * @param parameters retry-params ({@code duration} ...)
 */
public record RetryAfter(long seconds, String comment, Parameters parameters) {

    /** Validating constructor. */
    public RetryAfter {
        Objects.requireNonNull(parameters, "parameters");
        if (seconds < 0 || seconds > ValueParsers.MAX_DELTA_SECONDS) {
            throw new IllegalArgumentException("Retry-After " + seconds + " out of range");
        }
    }

    public static RetryAfter parse(String text) {
        Lexer lx = new Lexer(text);
        RetryAfter r = ValueParsers.retryAfter(lx);
        lx.expectEnd("Retry-After");
        return r;
    }

    public Duration delay() {
        return Duration.ofSeconds(seconds);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder().append(seconds);
        if (comment != null) {
            sb.append(" (").append(comment).append(')');
        }
        return parameters.appendTo(sb).toString();
    }
}
