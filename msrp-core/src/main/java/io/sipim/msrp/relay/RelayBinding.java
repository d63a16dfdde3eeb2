package io.sipim.msrp.relay;

import io.sipim.msrp.message.MsrpUri;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a relay granted after AUTH (RFC 4976 §5): the Use-Path to put in front of this client's
 * {@code a=path} and in front of the To-Path of what it sends, and how long the grant lasts.
 *
 * @param relay the relay URI the client authenticated to
 * @param usePath the Use-Path URIs, nearest relay first
 * @param expires how long the binding lasts from the 200 (the relay's Expires)
 */
public record RelayBinding(MsrpUri relay, List<MsrpUri> usePath, Duration expires) {

    public RelayBinding {
        Objects.requireNonNull(relay, "relay");
        usePath = List.copyOf(usePath);
        if (usePath.isEmpty()) {
            throw new IllegalArgumentException("a relay binding needs a Use-Path");
        }
        Objects.requireNonNull(expires, "expires");
    }
}
