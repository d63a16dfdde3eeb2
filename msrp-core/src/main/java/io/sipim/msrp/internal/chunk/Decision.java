package io.sipim.msrp.internal.chunk;

/**
 * What the receiver makes of one chunk: accept it, or refuse it with an RFC 4975 status and
 * reason. The session turns this into the transaction response (or none, as Failure-Report says)
 * and a failure REPORT.
 *
 * @param status 200 to accept; 400 or 413 to refuse
 * @param reason the status comment
 */
public record Decision(int status, String reason) {

    /** 200 OK. */
    public static final Decision ACCEPT = new Decision(200, "OK");

    /** Whether the chunk is accepted. */
    public boolean accepted() {
        return status == 200;
    }

    /** 400 with a reason. */
    static Decision badRequest(String reason) {
        return new Decision(400, reason);
    }

    /** 413 with a reason. */
    static Decision tooLarge(String reason) {
        return new Decision(413, reason);
    }
}
