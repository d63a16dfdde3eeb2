package io.sipim.benchmarks.load;

import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.ListeningPoint;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipFactory;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.message.MessageFactory;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * The JAIN-SIP RI side of the load benchmark: a minimal UAS that answers every MESSAGE 200 OK
 * through a server transaction ({@code getNewServerTransaction}), the same stateful work as
 * {@link SipimMessageServer}. Prints {@code READY}. Args: {@code PORT}.
 */
public final class JainSipMessageServer implements SipListener {
    private final SipProvider provider;
    private final MessageFactory messages;

    private JainSipMessageServer(SipProvider provider, MessageFactory messages) {
        this.provider = provider;
        this.messages = messages;
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        SipFactory f = SipFactory.getInstance();
        f.setPathName("gov.nist");
        Properties p = new Properties();
        p.setProperty("javax.sip.STACK_NAME", "jain-load");
        p.setProperty("gov.nist.javax.sip.TRACE_LEVEL", "0");
        p.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", "4");
        p.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "true");
        SipStack stack = f.createSipStack(p);
        ListeningPoint lp = stack.createListeningPoint("127.0.0.1", port, "udp");
        SipProvider provider = stack.createSipProvider(lp);
        provider.addSipListener(new JainSipMessageServer(provider, f.createMessageFactory()));
        System.out.println("READY");
        System.out.flush();
        new CountDownLatch(1).await();
    }

    @Override
    public void processRequest(RequestEvent e) {
        Request r = e.getRequest();
        try {
            if (!Request.MESSAGE.equals(r.getMethod())) {
                return;
            }
            ServerTransaction st = e.getServerTransaction() != null ? e.getServerTransaction()
                    : provider.getNewServerTransaction(r);
            Response ok = messages.createResponse(200, r);
            // RFC 3261 §8.2.6.2: a UAS adds a To tag (SIPIM's server does the same).
            ((ToHeader) ok.getHeader(ToHeader.NAME)).setTag(Long.toHexString(System.nanoTime()));
            st.sendResponse(ok);
        } catch (Exception ex) {
            // A retransmission racing the transaction's creation; the transaction answers it.
        }
    }

    @Override
    public void processResponse(ResponseEvent e) {
    }

    @Override
    public void processTimeout(TimeoutEvent e) {
    }

    @Override
    public void processIOException(IOExceptionEvent e) {
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent e) {
    }

    @Override
    public void processDialogTerminated(DialogTerminatedEvent e) {
    }
}
