// SPDX-License-Identifier: Apache-2.0
package io.consulate.dns;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.SimpleResolver;

/**
 * Forwards questions outside our zones to the configured {@code recursors}, as Consul does: in configured
 * order ({@code sequential}) or in a fresh random order per question ({@code random}), each tried once with
 * {@code recursor_timeout}; a reply counts when its rcode is NOERROR or NXDOMAIN, otherwise the next recursor
 * is asked. A UDP question goes upstream over UDP and a TCP one over TCP, so a truncated upstream reply
 * reaches the client with its TC bit and the client's TCP retry is forwarded over TCP.
 *
 * <p>Why asynchronous: a forwarded question may wait seconds, and the event loops that answer our own zone
 * must never wait on the network. dnsjava's resolver sends from its own I/O thread; each upstream query gets
 * a fresh random ID (and dnsjava a fresh source port), and the reply gets the client's ID back. At most
 * {@value #MAX_IN_FLIGHT} questions are forwarded at once; beyond that the answer is SERVFAIL at once.
 */
final class Recursor {
    static final int MAX_IN_FLIGHT = 1024;

    private final List<SimpleResolver> udp = new ArrayList<>();
    private final List<SimpleResolver> tcp = new ArrayList<>();
    private final boolean randomOrder;
    private final Supplier<RandomGenerator> random;
    private final AtomicInteger inFlight = new AtomicInteger();

    Recursor(DnsConfig cfg, Supplier<RandomGenerator> random) {
        this.randomOrder = cfg.recursorStrategy() == DnsConfig.RecursorStrategy.RANDOM;
        this.random = random;
        for (InetSocketAddress upstream : cfg.recursors()) {
            udp.add(resolver(upstream, false, cfg));
            tcp.add(resolver(upstream, true, cfg));
        }
    }

    private static SimpleResolver resolver(InetSocketAddress upstream, boolean overTcp, DnsConfig cfg) {
        SimpleResolver r = new SimpleResolver(upstream);
        r.setTCP(overTcp);
        r.setIgnoreTruncation(true); // the client sees TC and retries over TCP itself
        r.setEDNS((OPTRecord) null); // forward the client's EDNS (or its absence) unchanged
        r.setTimeout(cfg.recursorTimeout());
        return r;
    }

    /** Whether any recursor is configured (and so whether we advertise RA). */
    boolean enabled() {
        return !udp.isEmpty();
    }

    /**
     * Forwards a query. Completes with the first usable upstream reply, carrying the client's ID, or with null
     * when every recursor failed, timed out or refused.
     */
    CompletableFuture<Message> forward(Message query, boolean overTcp) {
        if (!enabled() || inFlight.incrementAndGet() > MAX_IN_FLIGHT) {
            if (enabled()) {
                inFlight.decrementAndGet();
            }
            return CompletableFuture.completedFuture(null);
        }
        List<SimpleResolver> order = new ArrayList<>(overTcp ? tcp : udp);
        if (randomOrder) {
            Collections.shuffle(order, random.get());
        }
        Message upstream = query.clone();
        upstream.getHeader().setID(random.get().nextInt(0x10000));
        int clientId = query.getHeader().getID();
        return attempt(order, 0, upstream)
                .thenApply(reply -> {
                    if (reply != null) {
                        reply.getHeader().setID(clientId);
                    }
                    return reply;
                })
                .whenComplete((r, e) -> inFlight.decrementAndGet());
    }

    private static CompletableFuture<Message> attempt(List<SimpleResolver> order, int i, Message q) {
        if (i >= order.size()) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Message> sent;
        try {
            sent = order.get(i).sendAsync(q).toCompletableFuture();
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        return sent.handle((reply, err) -> usable(reply) ? CompletableFuture.completedFuture(reply)
                        : attempt(order, i + 1, q))
                .thenCompose(f -> f);
    }

    private static boolean usable(Message reply) {
        return reply != null && (reply.getRcode() == Rcode.NOERROR || reply.getRcode() == Rcode.NXDOMAIN);
    }
}
