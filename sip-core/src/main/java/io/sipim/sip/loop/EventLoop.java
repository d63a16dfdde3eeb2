package io.sipim.sip.loop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.Iterator;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The production {@link Scheduler}: one thread running an NIO {@link Selector}, a task queue and
 * a timer heap. Channels registered here are served by this thread only, so the state they
 * touch needs no locks; other threads hand work over with {@link #execute}.
 *
 * <p>A task or channel handler that throws is logged and the loop goes on. {@link #close()}
 * stops the thread, closes the selector and every channel still registered.
 */
public final class EventLoop implements Scheduler, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventLoop.class);

    /** Called on the loop thread when a registered channel is ready. */
    @FunctionalInterface
    public interface ChannelHandler {
        /** {@code key.readyOps()} says what is ready. */
        void ready(SelectionKey key) throws IOException;
    }

    private final Selector selector;
    private final Thread thread;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final PriorityQueue<Timer> timers = new PriorityQueue<>();
    private final AtomicBoolean wakeupPending = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running = true;
    private long sequence;

    private static final class Timer extends TimerEntry {
        volatile boolean cancelled;
        boolean ran;

        Timer(long due, long seq, Runnable task) {
            super(due, seq, task);
        }

        @Override
        public boolean cancel() {
            if (cancelled || ran) {
                return false;
            }
            cancelled = true;
            // Removal from the heap is lazy: the loop drops cancelled timers when they come due.
            return true;
        }
    }

    /** Starts a loop on a new daemon thread named {@code name}. */
    public EventLoop(String name) {
        try {
            selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a selector", e);
        }
        thread = new Thread(this::run, Objects.requireNonNull(name, "name"));
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public void execute(Runnable task) {
        Objects.requireNonNull(task, "task");
        tasks.add(task);
        if (!inLoop() && wakeupPending.compareAndSet(false, true)) {
            selector.wakeup();
        }
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        Objects.requireNonNull(task, "task");
        long due = System.nanoTime() + Math.max(0, delay.toNanos());
        if (inLoop()) {
            Timer t = new Timer(due, sequence++, task);
            timers.add(t);
            return t;
        }
        // The heap belongs to the loop thread; hand the timer over and let cancel() work at once.
        Timer t = new Timer(due, -1, task);
        execute(() -> timers.add(new Timer(t.due, sequence++, () -> {
            if (!t.cancelled) {
                t.ran = true;
                task.run();
            }
        })));
        return t;
    }

    @Override
    public boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /**
     * Registers {@code channel} (already non-blocking) with this loop's selector for {@code ops};
     * must be called on the loop thread.
     */
    public SelectionKey register(SelectableChannel channel, int ops, ChannelHandler handler) throws IOException {
        if (!inLoop()) {
            throw new IllegalStateException("register must be called on the loop thread");
        }
        return channel.register(selector, ops, handler);
    }

    /** Whether the loop thread is still running. */
    public boolean isRunning() {
        return running;
    }

    private void run() {
        try {
            while (running) {
                long timeout = nextTimeoutMillis();
                if (!tasks.isEmpty()) {
                    selector.selectNow();
                } else if (timeout < 0) {
                    selector.select();
                } else {
                    selector.select(Math.max(1, timeout));
                }
                wakeupPending.set(false);
                dispatchReady();
                runTasks();
                runTimers();
            }
        } catch (IOException | RuntimeException e) {
            LOG.error("event loop {} stopped by an unexpected error", thread.getName(), e);
        } finally {
            closeAll();
            stopped.countDown();
        }
    }

    private void dispatchReady() {
        Iterator<SelectionKey> it = selector.selectedKeys().iterator();
        while (it.hasNext()) {
            SelectionKey key = it.next();
            it.remove();
            if (!key.isValid()) {
                continue;
            }
            try {
                ((ChannelHandler) key.attachment()).ready(key);
            } catch (IOException | RuntimeException e) {
                LOG.warn("channel handler failed; closing {}", key.channel(), e);
                key.cancel();
                try {
                    key.channel().close();
                } catch (IOException ignored) {
                    // Already failing; nothing more to do.
                }
            }
        }
    }

    private void runTasks() {
        // Bound the batch so that tasks queueing tasks cannot starve I/O.
        int n = tasks.size();
        for (int i = 0; i < n; i++) {
            Runnable r = tasks.poll();
            if (r == null) {
                break;
            }
            safely(r);
        }
    }

    private void runTimers() {
        long now = System.nanoTime();
        Timer t;
        while ((t = timers.peek()) != null && t.due - now <= 0) {
            timers.poll();
            if (!t.cancelled) {
                t.ran = true;
                safely(t.task);
            }
        }
    }

    private long nextTimeoutMillis() {
        Timer t;
        while ((t = timers.peek()) != null && t.cancelled) {
            timers.poll();
        }
        if (t == null) {
            return -1;
        }
        long nanos = t.due - System.nanoTime();
        return nanos <= 0 ? 0 : TimeUnit.NANOSECONDS.toMillis(nanos) + 1;
    }

    private static void safely(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.error("task failed on the event loop", e);
        }
    }

    private void closeAll() {
        for (SelectionKey key : selector.keys()) {
            try {
                key.channel().close();
            } catch (IOException e) {
                LOG.debug("closing {} failed", key.channel(), e);
            }
        }
        try {
            selector.close();
        } catch (IOException e) {
            LOG.debug("closing the selector failed", e);
        }
    }

    /** Stops the loop and waits up to five seconds for its thread to finish closing channels. */
    @Override
    public void close() {
        running = false;
        selector.wakeup();
        if (!inLoop()) {
            try {
                stopped.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
