package io.sipim.benchmarks.load;

import io.sipim.sip.message.SipRequest;
import io.sipim.sip.message.SipResponse;
import io.sipim.sip.transaction.TransactionLayer;
import io.sipim.sip.transport.Transport;
import io.sipim.sip.ua.SipStack;
import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;

/**
 * The SIPIM side of the load benchmark: a {@link SipStack} on UDP answering every MESSAGE 200 OK
 * through a server transaction (stateful: retransmissions are absorbed and answered from the
 * transaction). Prints {@code READY} when it accepts requests. Args: {@code PORT}.
 */
public final class SipimMessageServer {
    private SipimMessageServer() {
    }

    public static void main(String[] args) throws InterruptedException {
        int port = Integer.parseInt(args[0]);
        SipStack stack = SipStack.builder().userAgent(null)
                .listen(Transport.UDP, new InetSocketAddress("127.0.0.1", port)).build();
        stack.onRequest((tx, request, received) -> {
            if (!request.isMethod(SipRequest.MESSAGE)) {
                return false;
            }
            tx.respond(SipResponse.to(request, 200).toTag(TransactionLayer.newTag()).build());
            return true;
        });
        System.out.println("READY");
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
