package io.sipim.msrp.internal.relay;

import io.sipim.msrp.message.MsrpUri;
import java.util.List;

/**
 * Where a request goes (RFC 4976 §7): refused with {@code code}, or forwarded with the rewritten
 * paths, over a client's connection ({@code client}) or a connection to {@code nextHop}.
 *
 * @param code 0 to forward, otherwise the status to refuse with
 * @param reason why it is refused
 * @param relayUri this relay's URI as the request named it (first of To-Path)
 * @param client the client whose connection the request leaves on, or null
 * @param nextHop the first URI of the new To-Path
 * @param toPath the To-Path without this relay's URIs
 * @param fromPath the From-Path with this relay's URIs in front
 */
record Route(int code, String reason, MsrpUri relayUri, Binding client, MsrpUri nextHop, List<MsrpUri> toPath,
             List<MsrpUri> fromPath) {

    static Route refuse(int code, String reason) {
        return new Route(code, reason, null, null, null, null, null);
    }

    boolean refused() {
        return code != 0;
    }
}
