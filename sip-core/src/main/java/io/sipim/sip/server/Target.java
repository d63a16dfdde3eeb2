package io.sipim.sip.server;

import io.sipim.sip.message.NameAddr;
import io.sipim.sip.message.Uri;
import io.sipim.sip.transport.TransportAddress;
import java.util.List;

/**
 * One destination of a proxied request (RFC 3261 §16.5): the Request-URI it gets, the Route
 * values put in front of any it has (a binding's Path), and the flow to use instead of resolving
 * the next hop, or null.
 */
record Target(Uri uri, List<NameAddr> routes, TransportAddress flow) {
    Target {
        routes = List.copyOf(routes);
    }
}
