package io.sipim.msrp.sdp;

import io.sipim.msrp.message.MsrpParseException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code a=file-date} attribute (RFC 5547 §6): the file's creation, modification and last read
 * dates, any subset in any order, each an RFC 5322 §3.3 {@code date-time} in double quotes.
 *
 * <pre>file-date-attr = "file-date" ":" date-param *(SP date-param)
 * date-param = c-date-param / m-date-param / r-date-param
 * c-date-param = "creation:" DQUOTE date-time DQUOTE
 * m-date-param = "modification:" DQUOTE date-time DQUOTE
 * r-date-param = "read:" DQUOTE date-time DQUOTE</pre>
 *
 * <p>Dates have whole seconds and a numeric zone offset, as RFC 5547 asks; {@code GMT} is accepted
 * when parsing. {@link #toString()} writes creation, modification, read in that order.
 */
public final class FileDate {

    /** The attribute name, {@value}. */
    public static final String NAME = "file-date";

    /** {@code Mon, 10 Mar 2008 10:20:30 +0100}: RFC 5322 with a numeric zone. */
    private static final DateTimeFormatter WRITE =
            DateTimeFormatter.ofPattern("EEE, d MMM uuuu HH:mm:ss xx", Locale.ENGLISH);

    private final ZonedDateTime creation;
    private final ZonedDateTime modification;
    private final ZonedDateTime read;

    private FileDate(ZonedDateTime creation, ZonedDateTime modification, ZonedDateTime read) {
        this.creation = creation;
        this.modification = modification;
        this.read = read;
    }

    /** A builder; at least one date must be set. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Parses the text after {@code a=file-date:}.
     *
     * @throws MsrpParseException 400 with the index of the offending character
     */
    public static FileDate parse(String value) {
        int n = value.length();
        ZonedDateTime[] dates = new ZonedDateTime[3];
        int i = 0;
        while (true) {
            int colon = value.indexOf(':', i);
            int space = value.indexOf(' ', i);
            if (colon < 0 || (space >= 0 && space < colon)) {
                throw SdpText.error("expected creation:, modification: or read:", i);
            }
            int which;
            switch (value.substring(i, colon).toLowerCase(Locale.ROOT)) {
                case "creation" -> which = 0;
                case "modification" -> which = 1;
                case "read" -> which = 2;
                default -> throw SdpText.error("expected creation:, modification: or read:", i);
            }
            if (dates[which] != null) {
                throw SdpText.error("file-date gives the same date twice", i);
            }
            int open = colon + 1;
            if (open >= n || value.charAt(open) != '"') {
                throw SdpText.error("date must be in double quotes", open);
            }
            int close = value.indexOf('"', open + 1);
            if (close < 0) {
                throw SdpText.error("date needs a closing double quote", n);
            }
            dates[which] = parseDate(value, open + 1, close);
            i = close + 1;
            if (i == n) {
                return new FileDate(dates[0], dates[1], dates[2]);
            }
            if (value.charAt(i) != ' ') {
                throw SdpText.error("file-date parameters are separated by one space", i);
            }
            i++;
        }
    }

    private static ZonedDateTime parseDate(String s, int from, int to) {
        String text = s.substring(from, to);
        try {
            ZonedDateTime t = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME);
            return normalize(t);
        } catch (DateTimeParseException e) {
            throw SdpText.error("not an RFC 5322 date: " + e.getMessage(), from + Math.min(e.getErrorIndex(), text.length()));
        } catch (DateTimeException | ArithmeticException e) {
            throw SdpText.error("not an RFC 5322 date: " + e.getMessage(), from);
        }
    }

    /**
     * The date as it can be written: whole seconds, the zone a plain offset; an offset with
     * seconds, which {@code +HHMM} cannot express, becomes UTC.
     */
    private static ZonedDateTime normalize(ZonedDateTime t) {
        ZoneOffset offset = t.getOffset();
        ZonedDateTime z = offset.getTotalSeconds() % 60 == 0 ? t.withZoneSameInstant(offset)
                : t.withZoneSameInstant(ZoneOffset.UTC);
        z = z.truncatedTo(ChronoUnit.SECONDS);
        if (z.getYear() < 1 || z.getYear() > 9999) {
            throw new DateTimeException("file-date year must have four digits: " + z.getYear());
        }
        return z;
    }

    /** When the file was created. */
    public Optional<ZonedDateTime> creation() {
        return Optional.ofNullable(creation);
    }

    /** When the file was last modified. */
    public Optional<ZonedDateTime> modification() {
        return Optional.ofNullable(modification);
    }

    /** When the file was last read. */
    public Optional<ZonedDateTime> read() {
        return Optional.ofNullable(read);
    }

    /** {@link #creation()} as an instant. */
    public Optional<Instant> creationInstant() {
        return creation().map(ZonedDateTime::toInstant);
    }

    /** {@link #modification()} as an instant. */
    public Optional<Instant> modificationInstant() {
        return modification().map(ZonedDateTime::toInstant);
    }

    /** {@link #read()} as an instant. */
    public Optional<Instant> readInstant() {
        return read().map(ZonedDateTime::toInstant);
    }

    /** The wire form, as {@link #toString()}. */
    public String value() {
        return toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FileDate d && Objects.equals(creation, d.creation)
                && Objects.equals(modification, d.modification) && Objects.equals(read, d.read);
    }

    @Override
    public int hashCode() {
        return Objects.hash(creation, modification, read);
    }

    /** {@code creation:"Mon, 10 Mar 2008 10:20:30 +0100" modification:"…"}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(120);
        append(sb, "creation", creation);
        append(sb, "modification", modification);
        append(sb, "read", read);
        return sb.toString();
    }

    private static void append(StringBuilder sb, String key, ZonedDateTime t) {
        if (t != null) {
            sb.append(sb.length() > 0 ? " " : "").append(key).append(":\"").append(WRITE.format(t)).append('"');
        }
    }

    /** Builds a {@link FileDate}; dates are cut to whole seconds. */
    public static final class Builder {
        private ZonedDateTime creation;
        private ZonedDateTime modification;
        private ZonedDateTime read;

        private Builder() {
        }

        /** The creation date, or {@code null}. */
        public Builder creation(ZonedDateTime t) {
            this.creation = check(t);
            return this;
        }

        /** The creation date in UTC. */
        public Builder creation(Instant t) {
            return creation(t.atZone(ZoneOffset.UTC));
        }

        /** The modification date, or {@code null}. */
        public Builder modification(ZonedDateTime t) {
            this.modification = check(t);
            return this;
        }

        /** The modification date in UTC. */
        public Builder modification(Instant t) {
            return modification(t.atZone(ZoneOffset.UTC));
        }

        /** The last read date, or {@code null}. */
        public Builder read(ZonedDateTime t) {
            this.read = check(t);
            return this;
        }

        /** The last read date in UTC. */
        public Builder read(Instant t) {
            return read(t.atZone(ZoneOffset.UTC));
        }

        private static ZonedDateTime check(ZonedDateTime t) {
            if (t == null) {
                return null;
            }
            try {
                return normalize(t);
            } catch (DateTimeException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }

        /**
         * Builds the value.
         *
         * @throws IllegalStateException if no date was set
         */
        public FileDate build() {
            if (creation == null && modification == null && read == null) {
                throw new IllegalStateException("a file-date needs at least one date");
            }
            return new FileDate(creation, modification, read);
        }
    }
}
