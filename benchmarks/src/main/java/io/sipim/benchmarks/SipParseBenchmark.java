package io.sipim.benchmarks;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.parser.StringMsgParser;
import io.sipim.sip.message.SipMessage;
import io.sipim.sip.parse.SipParser;
import java.text.ParseException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Parsing one message from its wire bytes, SIPIM against JAIN-SIP RI 1.3.0-91.
 *
 * <p>Both sides do a full parse: every header line typed, body copied out.
 * {@link SipParser#parseDatagram(byte[])} parses each known header to its typed value and runs
 * the RFC 3261 §16.3/§8.2 checks of {@code MessageValidator}. JAIN-SIP's
 * {@code StringMsgParser.processHeader} is eager too in this version: it runs the
 * {@code HeaderParser} from {@code ParserFactory} for every line (unknown names become
 * {@code ExtensionHeaderImpl}), so nothing is left to parse later; {@code MessagesTest} checks that
 * every header of the four messages comes out typed on both sides. JAIN-SIP runs with a listener
 * that rethrows, because without one it silently drops a header it fails to parse.
 *
 * <p>SIPIM scans and checks everything while parsing, but makes some strings only when they are
 * first read: a header's value text, the text of Call-ID and text headers, a {@code SipUri}'s text,
 * host, user and parameters, and the names and values of parameter lists (cut from one copy of the
 * header section). JAIN-SIP makes those strings while parsing. {@link #sipimParseAndRead} reads
 * them all ({@link Messages#readValues}), which makes it the like-for-like figure; {@link #sipimParse}
 * is what a parse costs an application that does not read them.
 *
 * <p>Both parsers are stateless between calls and are created once per trial.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 8, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g", "-Xms1g"})
@State(Scope.Benchmark)
public class SipParseBenchmark {
    @Param({"register", "invite", "notify", "ok200"})
    public String message;

    private byte[] bytes;
    private SipParser sipim;
    private StringMsgParser jain;

    @Setup
    public void setup() {
        bytes = Messages.bytes(message);
        sipim = new SipParser();
        jain = new StringMsgParser();
    }

    @Benchmark
    public SipMessage sipimParse() {
        return sipim.parseDatagram(bytes);
    }

    @Benchmark
    public int sipimParseAndRead() {
        return Messages.readValues(sipim.parseDatagram(bytes));
    }

    @Benchmark
    public SIPMessage jainParse() throws ParseException {
        return jain.parseSIPMessage(bytes, true, false, Messages.RETHROW);
    }
}
