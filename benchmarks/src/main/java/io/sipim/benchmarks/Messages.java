package io.sipim.benchmarks;

import gov.nist.javax.sip.parser.ParseExceptionListener;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The benchmark inputs: four messages as bytes on the wire (CRLF line ends, exact Content-Length),
 * stored in {@code src/main/resources/messages/NAME.sip}.
 *
 * <ul>
 *   <li>{@code register}: REGISTER with a digest Authorization header (RFC 3261 §22.4, qop=auth),
 *       Contact with expires, +sip.instance and reg-id (RFC 5626 §4.2).</li>
 *   <li>{@code invite}: INVITE with an MSRP SDP offer (RFC 4975 §8.1).</li>
 *   <li>{@code notify}: NOTIFY for the presence event package (RFC 3856) with a 616-byte PIDF
 *       body (RFC 3863).</li>
 *   <li>{@code ok200}: 200 OK to a SUBSCRIBE that crossed two proxies: three Via lines with
 *       received/rport (RFC 3581), two Record-Route lines, no body.</li>
 * </ul>
 */
public final class Messages {
    /** The names used as JMH {@code @Param} values; keep in step with the benchmarks' annotations. */
    public static final List<String> NAMES = List.of("register", "invite", "notify", "ok200");

    /**
     * JAIN-SIP's parser drops a header it cannot parse when no listener is given; this one makes
     * any such failure fatal, so that JAIN-SIP never gets to skip work SIPIM does.
     */
    public static final ParseExceptionListener RETHROW = (e, message, headerClass, headerText, messageText) -> {
        throw e;
    };

    private Messages() {
    }

    /** The wire bytes of message {@code name} (one of {@link #NAMES}). */
    public static byte[] bytes(String name) {
        String resource = "/messages/" + name + ".sip";
        try (InputStream in = Messages.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no benchmark message " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
