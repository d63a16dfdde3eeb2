package io.sipim.benchmarks.load;

import io.sipim.sip.auth.UserStore;
import io.sipim.sip.server.SipServer;
import io.sipim.sip.transport.NioTransportLayer;
import io.sipim.sip.transport.Transport;
import io.sipim.sip.ua.SipAccount;
import io.sipim.sip.ua.SipStack;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Heap cost of registrations and TCP connections on one SIPIM stack (registrar + proxy), with
 * the clients in separate processes so that only the server is measured. Run it with the heap
 * limit to prove: {@code java -Xmx256m -cp benchmarks.jar io.sipim.benchmarks.load.MemoryFootprint [N]}
 * (N defaults to 10,000). Prints heap in use (after GC, and after the REGISTER transactions have
 * ended) at each step and the cost per
 * registration and per connection.
 */
public final class MemoryFootprint {
    private MemoryFootprint() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--register")) {
            registerClients(args[1], Integer.parseInt(args[2]));
            return;
        }
        if (args.length > 0 && args[0].equals("--connect")) {
            openConnections(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
            return;
        }
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        Map<String, String> users = new HashMap<>();
        for (int i = 0; i < n; i++) {
            users.put("user" + i, "pw" + i);
        }
        InetSocketAddress any = new InetSocketAddress("127.0.0.1", 0);
        try (SipStack stack = SipStack.builder().listen(Transport.UDP, any).listen(Transport.TCP, any).build()) {
            SipServer server = SipServer.builder(stack).domain("sipim.test").users(UserStore.inMemory(users))
                    .registrar().proxy().build();
            long base = usedHeap();
            System.out.printf("max heap %,d MiB; baseline (stack, server, %,d users) %,d KiB%n",
                    Runtime.getRuntime().maxMemory() >> 20, n, base >> 10);

            String sip = stack.localAddress(Transport.UDP).hostPort();
            Process reg = child("--register", sip, Integer.toString(n));
            waitFor(reg, "REGISTERED");
            // Server transactions linger for Timer J (64*T1 = 32 s on UDP); measure the registrations, not them.
            long txDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(45);
            while (System.nanoTime() < txDeadline) {
                CompletableFuture<Integer> c = new CompletableFuture<>();
                stack.loop().execute(() -> c.complete(stack.transactions().serverCount()));
                if (c.get() == 0) {
                    break;
                }
                Thread.sleep(500);
            }
            long afterReg = usedHeap();
            int bindings = server.locationService().size();
            System.out.printf("%,d registrations (%,d bindings): heap %,d KiB, %,d bytes per registration%n",
                    n, bindings, afterReg >> 10, (afterReg - base) / n);

            int tcp = stack.localAddress(Transport.TCP).address().getPort();
            Process conn = child("--connect", Integer.toString(tcp), Integer.toString(n));
            waitFor(conn, "CONNECTED");
            NioTransportLayer nio = (NioTransportLayer) stack.transport();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            int open = 0;
            while (System.nanoTime() < deadline) {
                CompletableFuture<Integer> c = new CompletableFuture<>();
                stack.loop().execute(() -> c.complete(nio.connectionCount()));
                open = c.get();
                if (open >= n) {
                    break;
                }
                Thread.sleep(200);
            }
            long afterConn = usedHeap();
            System.out.printf("%,d open TCP connections: heap %,d KiB, %,d bytes per connection%n",
                    open, afterConn >> 10, (afterConn - afterReg) / Math.max(1, open));
            System.out.printf("total heap in use with %,d registrations and %,d connections: %,d MiB (limit %,d MiB)%n",
                    n, open, afterConn >> 20, Runtime.getRuntime().maxMemory() >> 20);
            conn.destroy();
            reg.destroy();
        }
    }

    private static long usedHeap() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static Process child(String... args) throws Exception {
        String jar = Path.of(MemoryFootprint.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        List<String> cmd = new ArrayList<>(List.of("java", "-Xmx1g", "-cp", jar, MemoryFootprint.class.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }

    private static void waitFor(Process p, String word) throws Exception {
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = r.readLine()) != null) {
            if (line.startsWith(word)) {
                return;
            }
            if (line.startsWith("FAILED")) {
                throw new IllegalStateException(line);
            }
        }
        throw new IllegalStateException("client exited before " + word);
    }

    /** Child: registers user0..user(n-1) through the server, 200 at a time, then holds the registrations. */
    private static void registerClients(String server, int n) throws Exception {
        InetSocketAddress any = new InetSocketAddress("127.0.0.1", 0);
        SipStack stack = SipStack.builder().listen(Transport.UDP, any).listen(Transport.TCP, any).build();
        for (int from = 0; from < n; from += 200) {
            List<CompletableFuture<?>> batch = new ArrayList<>();
            for (int i = from; i < Math.min(n, from + 200); i++) {
                SipAccount a = stack.account("sip:user" + i + "@sipim.test").credentials("user" + i, "pw" + i)
                        .outboundProxy("sip:" + server).build();
                batch.add(a.register(Duration.ofHours(1)));
            }
            try {
                CompletableFuture.allOf(batch.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                System.out.println("FAILED registering: " + e);
                return;
            }
        }
        System.out.println("REGISTERED " + n);
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }

    /** Child: opens n TCP connections to the server and keeps them open. */
    private static void openConnections(int port, int n) throws Exception {
        List<Socket> sockets = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Socket s = new Socket();
            s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            sockets.add(s);
        }
        System.out.println("CONNECTED " + sockets.size());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
