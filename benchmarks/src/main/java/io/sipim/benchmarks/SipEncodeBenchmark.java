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
 * Writing a parsed message back to wire bytes, SIPIM against JAIN-SIP RI 1.3.0-91.
 *
 * <p>The two do different work per call, by design: a SIPIM {@code Header} keeps its value text
 * (for a parsed message, a range of one Latin-1 copy of the received header section; for a built
 * one, formatted once from the typed value), so {@link SipMessage#encode()} sizes one array and
 * copies the start line, names, values and body into it. JAIN-SIP keeps no
 * text: {@code SIPMessage.encodeAsBytes} formats every header again from its fields into a
 * StringBuilder, then converts to UTF-8 and appends the body. Neither caches the encoded message,
 * so every call produces fresh bytes.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 8, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g", "-Xms1g"})
@State(Scope.Benchmark)
public class SipEncodeBenchmark {
    @Param({"register", "invite", "notify", "ok200"})
    public String message;

    private SipMessage sipim;
    private SIPMessage jain;
    private String transport;

    @Setup
    public void setup() throws ParseException {
        byte[] bytes = Messages.bytes(message);
        sipim = new SipParser().parseDatagram(bytes);
        jain = new StringMsgParser().parseSIPMessage(bytes, true, false, Messages.RETHROW);
        transport = jain.getTopmostVia().getTransport();
    }

    @Benchmark
    public byte[] sipimEncode() {
        return sipim.encode();
    }

    @Benchmark
    public byte[] jainEncode() {
        return jain.encodeAsBytes(transport);
    }
}
