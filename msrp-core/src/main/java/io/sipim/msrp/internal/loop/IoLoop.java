package io.sipim.msrp.internal.loop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.PriorityQueue;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One NIO selector thread for all of an MSRP stack's connections, with a task queue and a timer
 * heap. Nothing here blocks except {@link Selector#select(long)}; there is no thread per connection.
 */
public final class IoLoop implements Scheduler, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IoLoop.class);

    /** Told when its channel is ready. Runs on the loop. */
    public interface Ready {
        void ready(SelectionKey key);
    }

    private final Selector selector;
    private final Thread thread;
    private final Queue<Runnable> queue = new ConcurrentLinkedQueue<>();
    private final PriorityQueue<Entry> heap = new PriorityQueue<>();
    private final AtomicBoolean woken = new AtomicBoolean();
    private volatile boolean open = true;
    private long sequence;

    private static final class Entry implements Comparable<Entry>, Timeout {
        final long due;
        final long order;
        final Runnable task;
        volatile boolean cancelled;
        boolean ran;

        Entry(long due, long order, Runnable task) {
            this.due = due;
            this.order = order;
            this.task = task;
        }

        @Override
        public int compareTo(Entry o) {
            int c = Long.compare(due - o.due, 0);
            return c != 0 ? c : Long.compare(order, o.order);
        }

        @Override
        public boolean cancel() {
            if (cancelled || ran) {
                return false;
            }
            cancelled = true;
            return true;
        }
    }

    public IoLoop(String name) {
        try {
            selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        thread = new Thread(this::loop, name);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public void execute(Runnable task) {
        queue.add(task);
        if (!inLoop() && woken.compareAndSet(false, true)) {
            selector.wakeup();
        }
    }

    @Override
    public Timeout schedule(long delayNanos, Runnable task) {
        long due = nanoTime() + Math.max(0, delayNanos);
        Entry[] holder = new Entry[1];
        Runnable add = () -> {
            holder[0] = new Entry(due, sequence++, task);
            heap.add(holder[0]);
        };
        if (inLoop()) {
            add.run();
            return holder[0];
        }
        // From another thread: the entry is made on the loop; cancel() before that is remembered.
        AtomicBoolean cancelledEarly = new AtomicBoolean();
        execute(() -> {
            if (!cancelledEarly.get()) {
                add.run();
            }
        });
        return () -> {
            Entry e = holder[0];
            return e != null ? e.cancel() : cancelledEarly.compareAndSet(false, true);
        };
    }

    @Override
    public boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /** Registers a channel with the selector; call on the loop. */
    public SelectionKey register(SelectableChannel channel, int ops, Ready handler) throws ClosedChannelException {
        return channel.register(selector, ops, handler);
    }

    public boolean isOpen() {
        return open;
    }

    private void loop() {
        while (open) {
            try {
                long wait = millisToNextTimer();
                if (!queue.isEmpty() || wait < 0) {
                    selector.selectNow();
                } else if (wait == 0) {
                    selector.select();
                } else {
                    selector.select(wait);
                }
                woken.set(false);
                // Tasks first: one queued before a peer's bytes arrived (a new session, say) must be
                // in place when those bytes are read.
                runTasks();
                for (SelectionKey key : selector.selectedKeys()) {
                    if (key.isValid() && key.attachment() instanceof Ready r) {
                        guarded(() -> r.ready(key));
                    }
                }
                selector.selectedKeys().clear();
                runTasks();
                fireTimers();
            } catch (IOException | RuntimeException e) {
                LOG.error("MSRP loop iteration failed", e);
            }
        }
        for (SelectionKey key : selector.keys()) {
            try {
                key.channel().close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        try {
            selector.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    private void runTasks() {
        for (Runnable task; (task = queue.poll()) != null; ) {
            guarded(task);
        }
    }

    private void fireTimers() {
        long now = nanoTime();
        for (Entry e; (e = heap.peek()) != null && e.due - now <= 0; ) {
            heap.poll();
            if (!e.cancelled) {
                e.ran = true;
                guarded(e.task);
            }
        }
    }

    /** -1: a timer is due now; 0: no timer (select without timeout); otherwise at least 1 ms. */
    private long millisToNextTimer() {
        while (!heap.isEmpty() && heap.peek().cancelled) {
            heap.poll();
        }
        Entry next = heap.peek();
        if (next == null) {
            return 0;
        }
        long nanos = next.due - nanoTime();
        return nanos <= 0 ? -1 : TimeUnit.NANOSECONDS.toMillis(nanos) + 1;
    }

    private static void guarded(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException | Error e) {
            LOG.error("MSRP loop task failed", e);
        }
    }

    /** Stops the loop and closes every registered channel. */
    @Override
    public void close() {
        if (!open) {
            return;
        }
        open = false;
        selector.wakeup();
        if (!inLoop()) {
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
