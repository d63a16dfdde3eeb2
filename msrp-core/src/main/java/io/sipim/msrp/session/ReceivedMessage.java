package io.sipim.msrp.session;

import io.sipim.msrp.message.MsrpHeader;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A complete message received on a session: all its chunks reassembled into the sink that was chosen
 * for it ({@link BodySink#memory} unless {@link MsrpSession#onIncoming} said otherwise).
 *
 * @param messageId Message-ID
 * @param contentType Content-Type, or {@code null} for a message without body
 * @param size the body size in bytes
 * @param headers the headers of the message's first chunk (Content-Type, Content-Disposition, extensions …)
 * @param body the bytes for a memory sink; {@code null} when the body went to a file
 */
public record ReceivedMessage(String messageId, String contentType, long size, List<MsrpHeader> headers, byte[] body) {

    /** The body as UTF-8 text (chat messages, {@code text/plain}); empty when it went to a file. */
    public String text() {
        return body == null ? "" : new String(body, StandardCharsets.UTF_8);
    }
}
