package dev.syncwire.harness.fake;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Per-object ordering: one lane per ordering key, at most one delivery of it in flight, the rest
 * wait their turn; and the groups {@link WebhookFaults#reorderNext} holds back until complete.
 * Not thread-safe: {@link WebhookDelivery} calls it under its lock.
 */
final class DeliveryLanes {
  private final Map<String, Lane> lanes = new HashMap<>();
  private final Map<Object, List<DeliveryJob>> held = new LinkedHashMap<>();
  private final Consumer<DeliveryJob> start;

  /** @param start starts a job's first attempt (after its delay); called when its lane's turn comes */
  DeliveryLanes(Consumer<DeliveryJob> start) {
    this.start = start;
  }

  /** One object's queue. */
  private static final class Lane {
    final ArrayDeque<DeliveryJob> queue = new ArrayDeque<>();
    DeliveryJob current;
  }

  /** Queues {@code job} in its lane, starting it if the lane is idle. */
  void enqueue(DeliveryJob job) {
    Lane lane = lanes.computeIfAbsent(job.orderingKey, k -> new Lane());
    lane.queue.add(job);
    if (lane.current == null) {
      startNext(lane, job.orderingKey);
    }
  }

  /** Holds {@code job} in reorder group {@code group}; when {@code last}, queues the group in reverse. */
  void hold(Object group, DeliveryJob job, boolean last) {
    held.computeIfAbsent(group, g -> new ArrayList<>()).add(job);
    if (last) {
      enqueueReversed(held.remove(group));
    }
  }

  /** Queues every held group (reversed, as if it had completed). */
  void releaseHeld() {
    List<List<DeliveryJob>> groups = new ArrayList<>(held.values());
    held.clear();
    groups.forEach(this::enqueueReversed);
  }

  /** Removes and returns every job held or waiting in a lane (not those in flight). */
  List<DeliveryJob> removeQueued() {
    List<DeliveryJob> out = new ArrayList<>();
    held.values().forEach(out::addAll);
    held.clear();
    for (Lane lane : lanes.values()) {
      out.addAll(lane.queue);
      lane.queue.clear();
    }
    return out;
  }

  /** The job each lane is on now (in flight, or waiting out a delay fault); a copy. */
  List<DeliveryJob> currentJobs() {
    List<DeliveryJob> out = new ArrayList<>();
    lanes.values().forEach(lane -> {
      if (lane.current != null) {
        out.add(lane.current);
      }
    });
    return out;
  }

  /** {@code job} is finished: if it was its lane's current one, the next in that lane starts. */
  void finished(DeliveryJob job) {
    Lane lane = lanes.get(job.orderingKey);
    if (lane != null && lane.current == job) {
      startNext(lane, job.orderingKey);
    }
  }

  private void enqueueReversed(List<DeliveryJob> group) {
    for (int i = group.size() - 1; i >= 0; i--) {
      enqueue(group.get(i));
    }
  }

  private void startNext(Lane lane, String key) {
    DeliveryJob job = lane.queue.poll();
    if (job == null) {
      lanes.remove(key);
      lane.current = null;
      return;
    }
    lane.current = job;
    start.accept(job);
  }
}
