package io.sipim.sip.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sipim.sip.message.SipUri;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** RFC 3263 §4 on a table of DNS records. */
class Rfc3263ResolverTest {
    private final Map<String, List<DnsLookup.Naptr>> naptr = new HashMap<>();
    private final Map<String, List<DnsLookup.Srv>> srv = new HashMap<>();
    private final Map<String, List<InetAddress>> hosts = new HashMap<>();

    private final DnsLookup table = new DnsLookup() {
        @Override
        public List<Naptr> naptr(String domain) {
            return naptr.getOrDefault(domain, List.of());
        }

        @Override
        public List<Srv> srv(String name) {
            return srv.getOrDefault(name, List.of());
        }

        @Override
        public List<InetAddress> addresses(String host) {
            if (Rfc3263Resolver.isIpLiteral(host)) {
                try {
                    return List.of(InetAddress.getByName(host));
                } catch (UnknownHostException e) {
                    return List.of();
                }
            }
            return hosts.getOrDefault(host, List.of());
        }
    };

    private List<String> resolve(String uri) {
        return new Rfc3263Resolver(table, Runnable::run).resolveNow(SipUri.parse(uri)).stream()
                .map(TransportAddress::toString).toList();
    }

    private static InetAddress ip(String s) throws UnknownHostException {
        return InetAddress.getByName(s);
    }

    @Test
    @DisplayName("§4.1/§4.2: a numeric host means UDP (TLS for sips) on the given or default port, no DNS")
    void numericHost() {
        assertEquals(List.of("UDP:127.0.0.1:5060"), resolve("sip:alice@127.0.0.1"));
        assertEquals(List.of("TLS:127.0.0.1:5061"), resolve("sips:alice@127.0.0.1"));
        assertEquals(List.of("TCP:[::1]:5070"), resolve("sip:[::1]:5070;transport=tcp"));
    }

    @Test
    @DisplayName("§4: maddr overrides the host; transport=tcp in a sips URI means TLS; sips over UDP does not resolve")
    void maddrAndSecureTransport() {
        assertEquals(List.of("UDP:192.0.2.7:5060"), resolve("sip:bob@example.com;maddr=192.0.2.7"));
        assertEquals(List.of("TLS:192.0.2.8:5061"), resolve("sips:192.0.2.8;transport=tcp"));
        assertEquals(List.of(), resolve("sips:192.0.2.8;transport=udp"));
    }

    @Test
    @DisplayName("§4.1: NAPTR picks transports in order; §4.2: SRV gives ports and targets by priority; the server name stays the domain")
    void naptrThenSrv() throws Exception {
        naptr.put("example.com", List.of(
                new DnsLookup.Naptr(50, 50, "s", "SIP+D2U", "_sip._udp.example.com"),
                new DnsLookup.Naptr(10, 50, "s", "SIP+D2T", "_sip._tcp.example.com")));
        srv.put("_sip._tcp.example.com", List.of(new DnsLookup.Srv(20, 0, 5080, "b.example.com"),
                new DnsLookup.Srv(10, 0, 5070, "a.example.com")));
        srv.put("_sip._udp.example.com", List.of(new DnsLookup.Srv(0, 0, 5060, "a.example.com")));
        hosts.put("a.example.com", List.of(ip("192.0.2.1")));
        hosts.put("b.example.com", List.of(ip("192.0.2.2")));
        assertEquals(List.of("TCP:192.0.2.1:5070 (example.com)", "TCP:192.0.2.2:5080 (example.com)",
                "UDP:192.0.2.1:5060 (example.com)"), resolve("sip:example.com"));
    }

    @Test
    @DisplayName("§4.1: without NAPTR, SRV for _sips._tcp, _sip._tcp, _sip._udp; without SRV, A records on the default port")
    void srvWithoutNaptrThenAddresses() throws Exception {
        srv.put("_sip._udp.example.net", List.of(new DnsLookup.Srv(0, 0, 5062, "sip.example.net")));
        hosts.put("sip.example.net", List.of(ip("192.0.2.9")));
        hosts.put("example.org", List.of(ip("192.0.2.10"), ip("2001:db8::10")));
        assertEquals(List.of("UDP:192.0.2.9:5062 (example.net)"), resolve("sip:example.net"));
        assertEquals(List.of("UDP:192.0.2.10:5060 (example.org)", "UDP:[2001:db8::10]:5060 (example.org)"),
                resolve("sip:example.org"));
        assertEquals(List.of("TLS:192.0.2.10:5061 (example.org)", "TLS:[2001:db8::10]:5061 (example.org)"),
                resolve("sips:example.org"));
        assertEquals(List.of(), resolve("sip:nowhere.invalid"));
    }

    @Test
    @DisplayName("§4.1: a SIPS URI ignores NAPTR records for insecure transports")
    void sipsKeepsToTls() throws Exception {
        naptr.put("example.com", List.of(new DnsLookup.Naptr(10, 10, "s", "SIP+D2U", "_sip._udp.example.com"),
                new DnsLookup.Naptr(20, 10, "s", "SIPS+D2T", "_sips._tcp.example.com")));
        srv.put("_sip._udp.example.com", List.of(new DnsLookup.Srv(0, 0, 5060, "a.example.com")));
        srv.put("_sips._tcp.example.com", List.of(new DnsLookup.Srv(0, 0, 5061, "a.example.com")));
        hosts.put("a.example.com", List.of(ip("192.0.2.1")));
        assertEquals(List.of("TLS:192.0.2.1:5061 (example.com)"), resolve("sips:example.com"));
    }
}
