package io.sipim.sip.message;

import io.sipim.sip.internal.Lexer;
import io.sipim.sip.internal.ViaParser;
import java.util.Objects;

/**
 * One Via header value (RFC 3261 §20.42, §18.2.1; RFC 3581 rport), e.g.
 * {@code SIP/2.0/UDP pc33.atlanta.example.com:5066;branch=z9hG4bK776asdhds;rport}.
 *
 * @param protocolName the protocol name, normally {@code SIP}
 * @param protocolVersion the protocol version, normally {@code 2.0}
 * @param transport the transport as written ({@code UDP}, {@code TCP}, {@code TLS}, {@code SCTP}, {@code WS} ...)
 * @param host the sent-by host; an IPv6 reference keeps its brackets
 * @param port the sent-by port, or -1 when absent
 * @param parameters via-params in order ({@code branch}, {@code received}, {@code rport}, {@code maddr}, {@code ttl} ...)
 */
public record Via(String protocolName, String protocolVersion, String transport, String host, int port,
                  Parameters parameters) {

    /** The magic cookie that starts every RFC 3261 branch (§8.1.1.7). */
    public static final String MAGIC_COOKIE = "z9hG4bK";

    /** Validating constructor. */
    public Via {
        Objects.requireNonNull(protocolName, "protocolName");
        Objects.requireNonNull(protocolVersion, "protocolVersion");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(parameters, "parameters");
        if (port < -1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " out of range");
        }
    }

    /** {@code SIP/2.0/<transport> host[:port]} without parameters. */
    public static Via of(String transport, String host, int port) {
        return new Via("SIP", "2.0", transport, host, port, Parameters.EMPTY);
    }

    /** Parses one Via value. */
    public static Via parse(String text) {
        Lexer lx = new Lexer(text);
        Via v = ViaParser.parse(lx);
        lx.expectEnd("Via");
        return v;
    }

    /** The branch parameter, or {@code null}. */
    public String branch() {
        return parameters.get("branch");
    }

    /** True when the branch starts with the RFC 3261 magic cookie {@value #MAGIC_COOKIE}. */
    public boolean hasRfc3261Branch() {
        String b = branch();
        return b != null && b.startsWith(MAGIC_COOKIE);
    }

    /** The received parameter (RFC 3261 §18.2.1), or {@code null}. */
    public String received() {
        return parameters.get("received");
    }

    /** True when an {@code rport} parameter is present, with or without value (RFC 3581). */
    public boolean hasRport() {
        return parameters.has("rport");
    }

    /** The value of {@code rport}, or -1 when absent or empty. */
    public int rport() {
        String r = parameters.get("rport");
        return r == null || r.isEmpty() ? -1 : Integer.parseInt(r);
    }

    /** The maddr parameter, or {@code null}. */
    public String maddr() {
        return parameters.get("maddr");
    }

    /** The ttl parameter (0–255), or -1. */
    public int ttl() {
        String t = parameters.get("ttl");
        return t == null ? -1 : Integer.parseInt(t);
    }

    /** {@code host[:port]}. */
    public String sentBy() {
        return port < 0 ? host : host + ':' + port;
    }

    public Via withBranch(String branch) {
        return withParameter("branch", branch);
    }

    public Via withReceived(String address) {
        return withParameter("received", address);
    }

    /** A copy with a parameter set ({@code null} value = flag). */
    public Via withParameter(String name, String value) {
        return new Via(protocolName, protocolVersion, transport, host, port, parameters.with(name, value));
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(64).append(protocolName).append('/').append(protocolVersion)
                .append('/').append(transport).append(' ').append(host);
        if (port >= 0) {
            sb.append(':').append(port);
        }
        return parameters.appendTo(sb).toString();
    }
}
