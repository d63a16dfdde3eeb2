package io.sipim.sip.message;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The Date header (RFC 3261 §20.17): an RFC 1123 date that must be in GMT, e.g.
 * {@code Sat, 13 Nov 2010 23:29:00 GMT}.
 *
 * <p>A malformed date does not make a message invalid: RFC 4475 §3.1.2.12 (baddate) asks a
 * proxy to forward such a request and a UA to ignore the value. So the text is always kept and
 * {@link #dateTime()} is empty when it is not a valid SIP date.
 *
 * @param text the value as written
 */
public record SipDate(String text) {

    private static final DateTimeFormatter RFC1123 = DateTimeFormatter.RFC_1123_DATE_TIME.withLocale(Locale.ROOT);

    /** Validating constructor. */
    public SipDate {
        Objects.requireNonNull(text, "text");
    }

    /** The Date value for an instant, in GMT. */
    public static SipDate of(ZonedDateTime time) {
        return new SipDate(DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ROOT)
                .format(time.withZoneSameInstant(java.time.ZoneOffset.UTC)));
    }

    /** The date, when the text is a valid rfc1123-date in GMT (RFC 3261 §25.1 SIP-date). */
    public Optional<ZonedDateTime> dateTime() {
        if (!text.endsWith(" GMT")) {
            return Optional.empty();
        }
        try {
            return Optional.of(ZonedDateTime.parse(text, RFC1123));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return text;
    }
}
