package io.sipim.msrp.message;

import java.util.Objects;

/**
 * One header field as it appeared on the wire (or was built): its name and its value text, without
 * the {@code ": "} and the CRLF. Known headers are also available typed on {@link MsrpMessage};
 * every header, known or not, is kept here in order.
 */
public record MsrpHeader(String name, String value) {

    public static final String TO_PATH = "To-Path";
    public static final String FROM_PATH = "From-Path";
    public static final String MESSAGE_ID = "Message-ID";
    public static final String BYTE_RANGE = "Byte-Range";
    public static final String SUCCESS_REPORT = "Success-Report";
    public static final String FAILURE_REPORT = "Failure-Report";
    public static final String STATUS = "Status";
    public static final String CONTENT_TYPE = "Content-Type";
    public static final String CONTENT_ID = "Content-ID";
    public static final String CONTENT_DESCRIPTION = "Content-Description";
    public static final String CONTENT_DISPOSITION = "Content-Disposition";
    /** RFC 4976 §5. */
    public static final String USE_PATH = "Use-Path";
    /** RFC 4976 §5. */
    public static final String EXPIRES = "Expires";
    /** RFC 4976 §5. */
    public static final String MIN_EXPIRES = "Min-Expires";
    /** RFC 4976 §5. */
    public static final String MAX_EXPIRES = "Max-Expires";
    public static final String WWW_AUTHENTICATE = "WWW-Authenticate";
    public static final String AUTHORIZATION = "Authorization";
    public static final String AUTHENTICATION_INFO = "Authentication-Info";

    /** Checks the name is an RFC 4975 token and the value holds no CR, LF or NUL. */
    public MsrpHeader {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("empty header name");
        }
        for (int i = 0; i < name.length(); i++) {
            if (!MsrpUri.isToken(name.charAt(i))) {
                throw new IllegalArgumentException("bad character 0x" + Integer.toHexString(name.charAt(i))
                        + " at " + i + " in header name " + name);
            }
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n' || c == 0) {
                throw new IllegalArgumentException("bad character 0x" + Integer.toHexString(c) + " at " + i
                        + " in value of header " + name);
            }
        }
    }

    /** Whether this header has the given name, compared without regard to case. */
    public boolean is(String headerName) {
        return name.equalsIgnoreCase(headerName);
    }

    @Override
    public String toString() {
        return name + ": " + value;
    }
}
