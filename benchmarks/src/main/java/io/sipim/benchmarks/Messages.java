package io.sipim.benchmarks;

import gov.nist.javax.sip.parser.ParseExceptionListener;
import io.sipim.sip.message.Challenge;
import io.sipim.sip.message.Credentials;
import io.sipim.sip.message.Header;
import io.sipim.sip.message.MediaType;
import io.sipim.sip.message.NameAddr;
import io.sipim.sip.message.Parameters;
import io.sipim.sip.message.SipMessage;
import io.sipim.sip.message.SipRequest;
import io.sipim.sip.message.SipUri;
import io.sipim.sip.message.Uri;
import io.sipim.sip.message.Via;
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

    /**
     * Reads every value a parsed SIPIM message makes only on first use, so that SIPIM has made
     * every string JAIN-SIP makes while parsing: the text of Call-ID and of text and extension
     * headers (cut from the header section when read), the host, user and parameters of the
     * Request-URI and of every name-addr URI, and every parameter list (name-addr, Via, digest
     * credentials and challenges, media types), whose names and values are also made on first
     * read. The whole text of a URI is not read: JAIN-SIP keeps none ({@code GenericURI.uriString}
     * stays null for a parsed sip URI; its {@code encode()} writes the text again from the
     * fields). The values are walked by index ({@code Header.valueCount}, {@code valueAt}), as an
     * application that reads them all would, without a list per header.
     *
     * @return the total length of what was read, so the JIT cannot drop it
     */
    public static int readValues(SipMessage m) {
        int n = 0;
        if (m instanceof SipRequest r) {
            n += read(r.requestUri());
        }
        for (Header h : m.headers()) {
            for (int i = 0, count = h.valueCount(); i < count; i++) {
                Object v = h.valueAt(i);
                if (v instanceof NameAddr a) {
                    n += read(a.uri()) + read(a.parameters());
                } else if (v instanceof Via via) {
                    n += via.host().length() + read(via.parameters());
                } else if (v instanceof Credentials c) {
                    n += read(c.parameters());
                } else if (v instanceof Challenge c) {
                    n += read(c.parameters());
                } else if (v instanceof MediaType t) {
                    n += read(t.parameters());
                } else if (v instanceof String text) {
                    n += text.length();
                }
            }
        }
        return n;
    }

    private static int read(Parameters p) {
        int n = 0;
        for (int i = 0; i < p.size(); i++) {
            String value = p.rawValue(i);
            n += p.name(i).length() + (value == null ? 0 : value.length());
        }
        return n;
    }

    private static int read(Uri uri) {
        if (uri instanceof SipUri u) {
            String user = u.user();
            return u.host().length() + (user == null ? 0 : user.length()) + read(u.parameters());
        }
        return 0;
    }
}
