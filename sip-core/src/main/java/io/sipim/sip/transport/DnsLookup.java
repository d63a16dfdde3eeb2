package io.sipim.sip.transport;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.Attributes;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;

/**
 * The DNS queries RFC 3263 needs, behind an interface so that the procedure can be tested with a
 * table and run on another resolver library. Methods may block; they return empty lists for
 * names that do not exist.
 */
public interface DnsLookup {

    /** A NAPTR record (RFC 3403) as RFC 3263 §4.1 uses it. */
    record Naptr(int order, int preference, String flags, String service, String replacement) { }

    /** An SRV record (RFC 2782). */
    record Srv(int priority, int weight, int port, String target) { }

    List<Naptr> naptr(String domain);

    List<Srv> srv(String name);

    /** A and AAAA records (and literal addresses). */
    List<InetAddress> addresses(String host);

    /** Lookups through the JDK: JNDI's DNS provider for NAPTR/SRV, {@link InetAddress} (hosts file included) for addresses. */
    static DnsLookup jdk() {
        return new DnsLookup() {
            @Override
            public List<Naptr> naptr(String domain) {
                List<Naptr> out = new ArrayList<>();
                for (String r : query(domain, "NAPTR")) {
                    // order preference "flags" "service" "regexp" replacement
                    String[] f = r.split(" ");
                    if (f.length >= 6) {
                        out.add(new Naptr(Integer.parseInt(f[0]), Integer.parseInt(f[1]), unquote(f[2]), unquote(f[3]),
                                stripDot(f[5])));
                    }
                }
                return out;
            }

            @Override
            public List<Srv> srv(String name) {
                List<Srv> out = new ArrayList<>();
                for (String r : query(name, "SRV")) {
                    String[] f = r.split(" ");
                    if (f.length == 4) {
                        out.add(new Srv(Integer.parseInt(f[0]), Integer.parseInt(f[1]), Integer.parseInt(f[2]),
                                stripDot(f[3])));
                    }
                }
                return out;
            }

            @Override
            public List<InetAddress> addresses(String host) {
                try {
                    return List.of(InetAddress.getAllByName(host));
                } catch (UnknownHostException e) {
                    return List.of();
                }
            }

            private List<String> query(String name, String type) {
                Hashtable<String, String> env = new Hashtable<>();
                env.put("java.naming.factory.initial", "com.sun.jndi.dns.DnsContextFactory");
                List<String> out = new ArrayList<>();
                try {
                    DirContext ctx = new InitialDirContext(env);
                    try {
                        Attributes attrs = ctx.getAttributes(name, new String[] {type});
                        Attribute a = attrs.get(type);
                        if (a != null) {
                            NamingEnumeration<?> e = a.getAll();
                            while (e.hasMore()) {
                                out.add(String.valueOf(e.next()));
                            }
                        }
                    } finally {
                        ctx.close();
                    }
                } catch (NamingException | NumberFormatException e) {
                    return List.of();
                }
                return out;
            }

            private String unquote(String s) {
                return s.length() >= 2 && s.startsWith("\"") ? s.substring(1, s.length() - 1) : s;
            }

            private String stripDot(String s) {
                return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
            }
        };
    }
}
