package org.onewindow.applicant;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Counts events per client (its remote address) in a sliding window, in memory: a client with
 * {@code maxEvents} events within {@code window} is blocked for {@code blockFor}. At most {@code
 * maxClients} clients are tracked; the least recently seen is forgotten first, so memory is bounded
 * whatever a flood of addresses does.
 */
public final class ClientThrottle {
  private final int maxEvents;
  private final Duration window;
  private final Duration blockFor;
  private final Clock clock;
  private final Map<String, Entry> clients;

  private static final class Entry {
    final Deque<Instant> events = new ArrayDeque<>();
    Instant blockedUntil;
  }

  public ClientThrottle(int maxEvents, Duration window, Duration blockFor, int maxClients, Clock clock) {
    if (maxEvents < 1 || maxClients < 1 || window.isNegative() || window.isZero() || blockFor.isNegative()) {
      throw new IllegalArgumentException("throttle limits must be positive");
    }
    this.maxEvents = maxEvents;
    this.window = window;
    this.blockFor = blockFor;
    this.clock = clock;
    this.clients = new LinkedHashMap<>(256, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
        return size() > maxClients;
      }
    };
  }

  /** How long the client is still blocked, or empty when it may go on. */
  public synchronized Optional<Duration> blocked(String client) {
    Entry entry = clients.get(client);
    if (entry == null || entry.blockedUntil == null) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    if (!now.isBefore(entry.blockedUntil)) {
      entry.blockedUntil = null;
      return Optional.empty();
    }
    return Optional.of(Duration.between(now, entry.blockedUntil));
  }

  /** Counts an event of the client; returns true when this event blocks it. */
  public synchronized boolean record(String client) {
    Instant now = clock.instant();
    Entry entry = clients.computeIfAbsent(client, c -> new Entry());
    entry.events.addLast(now);
    Instant horizon = now.minus(window);
    while (!entry.events.isEmpty() && !entry.events.peekFirst().isAfter(horizon)) {
      entry.events.removeFirst();
    }
    while (entry.events.size() > maxEvents) {
      entry.events.removeFirst();
    }
    if (entry.events.size() >= maxEvents) {
      entry.blockedUntil = now.plus(blockFor);
      entry.events.clear();
      return true;
    }
    return false;
  }

  public synchronized int trackedClients() {
    return clients.size();
  }

  /** Forgets everything (tests; an administrator after a false alarm). */
  public synchronized void reset() {
    clients.clear();
  }
}
