package io.sipim.sip.message;

import io.sipim.sip.internal.Lexer;
import io.sipim.sip.internal.ValueParsers;
import java.util.Objects;

/**
 * The Subscription-State header (RFC 6665 §8.2.3), e.g.
 * {@code active;expires=3600} or {@code terminated;reason=timeout}.
 *
 * @param state {@code active}, {@code pending}, {@code terminated} or an extension token
 * @param parameters {@code reason}, {@code expires}, {@code retry-after} and extensions
 */
public record SubscriptionState(String state, Parameters parameters) {

    public static final String ACTIVE = "active";
    public static final String PENDING = "pending";
    public static final String TERMINATED = "terminated";

    /** Validating constructor. */
    public SubscriptionState {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(parameters, "parameters");
    }

    public static SubscriptionState parse(String text) {
        Lexer lx = new Lexer(text);
        SubscriptionState s = ValueParsers.subscriptionState(lx);
        lx.expectEnd("Subscription-State");
        return s;
    }

    public boolean isTerminated() {
        return TERMINATED.equalsIgnoreCase(state);
    }

    /** The reason parameter, or {@code null}. */
    public String reason() {
        return parameters.get("reason");
    }

    /** The expires parameter in seconds, or -1. */
    public long expires() {
        return ValueParsers.deltaSecondsOrMinusOne(parameters.get("expires"));
    }

    /** The retry-after parameter in seconds, or -1. */
    public long retryAfter() {
        return ValueParsers.deltaSecondsOrMinusOne(parameters.get("retry-after"));
    }

    @Override
    public String toString() {
        return parameters.appendTo(new StringBuilder(state)).toString();
    }
}
