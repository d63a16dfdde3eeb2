package io.sipim.msrp.sdp;

import io.sipim.msrp.message.MsrpParseException;
import java.util.Locale;

/**
 * The {@code a=setup} attribute (RFC 4145 §4, used for MSRP by RFC 6135): which endpoint opens the
 * TCP (or TLS) connection.
 *
 * <pre>setup-attr = "a=setup:" role
 * role = "active" / "passive" / "actpass" / "holdconn"</pre>
 *
 * <p>RFC 6135 replaces RFC 4975's rule that the offerer always connects: the {@link #ACTIVE}
 * endpoint opens the connection, the {@link #PASSIVE} one listens. An offer says
 * {@link #ACTPASS} to let the answerer choose; the answer is then {@code active} or
 * {@code passive}, never {@code actpass}.
 */
public enum Setup {
    /** Opens the connection. */
    ACTIVE("active"),
    /** Accepts the connection. */
    PASSIVE("passive"),
    /** Either; only in an offer. */
    ACTPASS("actpass"),
    /** No connection for now. */
    HOLDCONN("holdconn");

    /** The attribute name, {@value}. */
    public static final String NAME = "setup";

    private final String value;

    Setup(String value) {
        this.value = value;
    }

    /**
     * Parses the role after {@code a=setup:}; case is ignored.
     *
     * @throws MsrpParseException 400, index 0, for anything else
     */
    public static Setup parse(String value) {
        switch (value.toLowerCase(Locale.ROOT)) {
            case "active":
                return ACTIVE;
            case "passive":
                return PASSIVE;
            case "actpass":
                return ACTPASS;
            case "holdconn":
                return HOLDCONN;
            default:
                throw SdpText.error("setup must be active, passive, actpass or holdconn", 0);
        }
    }

    /**
     * The role an answerer takes for {@code offer} (RFC 4145 §4.1): {@code active} → {@code passive},
     * {@code passive} → {@code active}, {@code actpass} → {@code active} (the answerer connects, so
     * an offerer behind NAT need not be reachable; RFC 6135), {@code holdconn} → {@code holdconn}.
     */
    public static Setup answerTo(Setup offer) {
        return answerTo(offer, ACTIVE);
    }

    /**
     * As {@link #answerTo(Setup)}, but answering an {@code actpass} offer with {@code preferred}
     * ({@link #ACTIVE} or {@link #PASSIVE}).
     *
     * @throws IllegalArgumentException if {@code preferred} is neither active nor passive
     */
    public static Setup answerTo(Setup offer, Setup preferred) {
        if (preferred != ACTIVE && preferred != PASSIVE) {
            throw new IllegalArgumentException("an answer to actpass is active or passive, not " + preferred);
        }
        switch (offer) {
            case ACTIVE:
                return PASSIVE;
            case PASSIVE:
                return ACTIVE;
            case ACTPASS:
                return preferred;
            default:
                return HOLDCONN;
        }
    }

    /**
     * Whether this role is an allowed answer to {@code offer} (RFC 4145 §4.1): the opposite role,
     * either role to {@code actpass}, and {@code holdconn} to anything (no connection for now).
     */
    public boolean isAnswerTo(Setup offer) {
        if (this == HOLDCONN) {
            return true;
        }
        switch (offer) {
            case ACTIVE:
                return this == PASSIVE;
            case PASSIVE:
                return this == ACTIVE;
            case ACTPASS:
                return this == ACTIVE || this == PASSIVE;
            default:
                return false;
        }
    }

    /**
     * Whether the endpoint that took this role, in a completed exchange, opens the connection
     * (RFC 6135: the active endpoint connects). Only {@link #ACTIVE} does.
     */
    public boolean opensConnection() {
        return this == ACTIVE;
    }

    /**
     * Whether the offerer opens the connection, given the negotiated roles (RFC 6135): it does
     * when the answer is {@code passive}, and not when the answer is {@code active} or
     * {@code holdconn}. If the answer has no {@code a=setup}, the offerer connects (RFC 4975
     * §8.5's rule, and RFC 4145's defaults of active offerer, passive answerer).
     *
     * @param answer the answer's role, or {@code null} if the answer has no {@code a=setup}
     * @throws IllegalArgumentException if {@code answer} is not a valid answer to {@code offer}
     */
    public static boolean offererConnects(Setup offer, Setup answer) {
        if (answer == null) {
            return offer != HOLDCONN;
        }
        if (offer != null && !answer.isAnswerTo(offer)) {
            throw new IllegalArgumentException("setup " + answer + " does not answer " + offer);
        }
        return answer == PASSIVE;
    }

    /** The wire form, as {@link #toString()}. */
    public String value() {
        return value;
    }

    /** {@code active}, {@code passive}, {@code actpass} or {@code holdconn}. */
    @Override
    public String toString() {
        return value;
    }
}
