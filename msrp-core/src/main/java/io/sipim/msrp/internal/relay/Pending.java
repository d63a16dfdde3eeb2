package io.sipim.msrp.internal.relay;

import io.sipim.msrp.internal.loop.Scheduler;
import io.sipim.msrp.message.ByteRange;
import io.sipim.msrp.message.FailureReport;
import io.sipim.msrp.message.MsrpRequest;
import io.sipim.msrp.message.MsrpUri;

/**
 * A chunk the relay forwarded and whose next-hop response it waits for (RFC 4975 §7.3, hop by hop):
 * what a failure REPORT back to the sender needs; or an AUTH forwarded to a relay further on, whose
 * response goes back to the client (RFC 4976 §5: a client authenticates to later relays through
 * the earlier ones).
 *
 * @param source the connection the chunk came in on
 * @param original the request as received (its From-Path is the REPORT's To-Path)
 * @param relayUri this relay's URI in the request's To-Path (the REPORT's From-Path)
 * @param range the bytes of the message this chunk carried
 * @param failureReport the request's Failure-Report
 * @param timer the transaction timer, or null
 * @param passBack whether the response goes back to the sender (an AUTH for a relay further on)
 *     instead of being kept here
 */
record Pending(RelayConnection source, MsrpRequest original, MsrpUri relayUri, ByteRange range,
               FailureReport failureReport, Scheduler.Timeout timer, boolean passBack) {
}
