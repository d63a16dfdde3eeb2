package io.sipim.examples;

import io.sipim.sip.auth.UserStore;
import io.sipim.sip.message.SipResponse;
import io.sipim.sip.server.SipServer;
import io.sipim.sip.transport.Transport;
import io.sipim.sip.ua.IncomingMessage;
import io.sipim.sip.ua.SipAccount;
import io.sipim.sip.ua.SipStack;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * {@code demo}: the whole page-mode IM path on loopback in one process. A registrar + proxy for
 * {@code sipim.test} starts on free ports; alice (UDP) and bob (TCP) register with digest
 * authentication; alice sends bob a MESSAGE through the proxy and bob answers. Then session mode
 * ({@link MsrpDemo}): both authenticate at an MSRP relay, chat, and alice sends bob a file. Prints
 * each step and exits 0 when every step worked, 1 otherwise.
 */
final class DemoCommand {
    private final PrintStream out;

    DemoCommand(PrintStream out) {
        this.out = out;
    }

    int run() {
        InetSocketAddress any = new InetSocketAddress("127.0.0.1", 0);
        try (SipStack serverStack = SipStack.builder().listen(Transport.UDP, any).listen(Transport.TCP, any).build();
             SipStack aliceStack = SipStack.builder().listen(Transport.UDP, any).listen(Transport.TCP, any).build();
             SipStack bobStack = SipStack.builder().listen(Transport.TCP, any).build()) {
            SipServer server = SipServer.builder(serverStack).domain("sipim.test")
                    .users(UserStore.inMemory(Map.of("alice", "secret", "bob", "secret"))).registrar().proxy()
                    .requestLog(line -> out.println("  server: " + line)).build();
            String proxy = serverStack.localAddress(Transport.UDP).hostPort();
            out.println("server   registrar + proxy for sipim.test on UDP " + proxy + ", TCP "
                    + serverStack.localAddress(Transport.TCP).hostPort());
            SipAccount alice = aliceStack.account("sip:alice@sipim.test").credentials("alice", "secret")
                    .outboundProxy("sip:" + proxy).build();
            String proxyTcp = serverStack.localAddress(Transport.TCP).hostPort();
            SipAccount bob = bobStack.account("sip:bob@sipim.test").credentials("bob", "secret")
                    .outboundProxy("sip:" + proxyTcp + ";transport=tcp").transport(Transport.TCP).build();
            LinkedBlockingQueue<IncomingMessage> aliceInbox = new LinkedBlockingQueue<>();
            LinkedBlockingQueue<IncomingMessage> bobInbox = new LinkedBlockingQueue<>();
            alice.onMessage(aliceInbox::add);
            bob.onMessage(bobInbox::add);

            alice.register(Duration.ofMinutes(10)).get(20, TimeUnit.SECONDS);
            out.println("alice    REGISTERED sip:alice@sipim.test over UDP (digest)");
            bob.register(Duration.ofMinutes(10)).get(20, TimeUnit.SECONDS);
            out.println("bob      REGISTERED sip:bob@sipim.test over TCP (digest)");

            SipResponse r = alice.message("sip:bob@sipim.test").text("Hi Bob, lunch at noon?").send().get(20, TimeUnit.SECONDS);
            out.println("alice    MESSAGE to sip:bob@sipim.test -> " + r.status() + " " + r.reason());
            IncomingMessage m = bobInbox.poll(10, TimeUnit.SECONDS);
            if (m == null) {
                out.println("FAILED   bob did not receive the MESSAGE");
                return Main.INVALID;
            }
            out.println("bob      MESSAGE from=" + m.from().uri() + " text=" + m.text());
            r = bob.message("sip:alice@sipim.test").text("Sure, see you there.").send().get(20, TimeUnit.SECONDS);
            out.println("bob      MESSAGE to sip:alice@sipim.test -> " + r.status() + " " + r.reason());
            m = aliceInbox.poll(10, TimeUnit.SECONDS);
            if (m == null) {
                out.println("FAILED   alice did not receive the reply");
                return Main.INVALID;
            }
            out.println("alice    MESSAGE from=" + m.from().uri() + " text=" + m.text());
            if (!new MsrpDemo(out).run()) {
                out.println("FAILED   the MSRP file was not delivered");
                return Main.INVALID;
            }
        } catch (Exception e) {
            out.println("FAILED   " + (e.getCause() != null ? e.getCause() : e));
            return Main.INVALID;
        }
        // Closing the stacks above unregistered alice and bob (their REGISTERs with Expires: 0 are logged).
        out.println("OK demo finished");
        return Main.OK;
    }
}
