package io.sipim.sip.ua;

import io.sipim.sip.message.MediaType;
import io.sipim.sip.message.NameAddr;
import io.sipim.sip.message.SipRequest;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A page-mode instant message received (RFC 3428): the MESSAGE request, already answered 200 OK.
 *
 * @param request the MESSAGE as received
 */
public record IncomingMessage(SipRequest request) {
    /** Validating constructor. */
    public IncomingMessage {
        Objects.requireNonNull(request, "request");
    }

    /** The sender (From). */
    public NameAddr from() {
        return request.from();
    }

    /** The addressee (To). */
    public NameAddr to() {
        return request.to();
    }

    /** The body's media type; {@code text/plain} when the request has none. */
    public MediaType contentType() {
        MediaType t = request.contentType();
        return t != null ? t : MediaType.TEXT_PLAIN;
    }

    /** The body bytes. */
    public byte[] body() {
        return request.body();
    }

    /** The body as text, decoded with its charset parameter (UTF-8 when absent, RFC 3428 §9). */
    public String text() {
        String cs = contentType().parameters().get("charset");
        try {
            return new String(request.body(), cs == null ? StandardCharsets.UTF_8 : java.nio.charset.Charset.forName(cs));
        } catch (IllegalArgumentException e) {
            return new String(request.body(), StandardCharsets.UTF_8);
        }
    }
}
