package io.sipim.msrp.session;

/**
 * How an outgoing message ended (RFC 4975 §7.2, §7.3): a 2xx means delivered, anything else is the
 * failure the receiver (or a relay) reported, or a local 408 when no response came within the
 * transaction timeout (RFC 4975 §7.3.1: 30 s by default). A failure status is a value, not an
 * exception; only cancelling, closing the session or losing the connection complete a send
 * exceptionally.
 *
 * @param messageId the message's Message-ID
 * @param status the status: 200 when delivered; otherwise the failure's code
 * @param comment the comment of the response or REPORT, or a local explanation
 * @param acknowledgedBytes body bytes the receiver confirmed (by 200 responses or a REPORT's Byte-Range)
 * @param local whether the status was made up locally (the 408 of a timeout) rather than received
 */
public record Delivery(String messageId, int status, String comment, long acknowledgedBytes, boolean local) {

    /** Whether the message was delivered. */
    public boolean delivered() {
        return status >= 200 && status < 300;
    }
}
