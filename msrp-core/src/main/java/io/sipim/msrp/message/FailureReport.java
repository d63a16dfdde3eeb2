package io.sipim.msrp.message;

/** The Failure-Report header (RFC 4975 §7.1.2): when the receiver reports a failure. */
public enum FailureReport {
    /** {@code yes} (the default when the header is absent): a failure response and a failure REPORT. */
    YES("yes"),
    /** {@code no}: no response at all, no REPORT. */
    NO("no"),
    /** {@code partial}: a failure REPORT but no 200 response. */
    PARTIAL("partial");

    private final String token;

    FailureReport(String token) {
        this.token = token;
    }

    /** The wire token. */
    public String token() {
        return token;
    }

    /** The value for a token (case-insensitive), or {@code null} if it is none of yes/no/partial. */
    public static FailureReport of(String token) {
        for (FailureReport f : values()) {
            if (f.token.equalsIgnoreCase(token)) {
                return f;
            }
        }
        return null;
    }
}
