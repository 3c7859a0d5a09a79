/**
 * The defaults of the sync service's tunables in one place, each with the trade-off behind its
 * value (as graphile-worker's `config.ts`). The modules that use a value fall back to it here, and
 * `corebridge sync --help` prints it from here, so the code, the help and this page cannot drift.
 */
export const syncDefaults = Object.freeze({
  /**
   * Turnovers older than this many months are not applied (incident I4): the internet bank shows
   * six months. Longer keeps more history in the cache, and makes an avalanche after a year-end
   * close take longer to drain.
   * @defaultValue 6
   */
  horizonMonths: 6,
  /**
   * Consumer lag, seconds, past which the alarm gauge goes to 1 and a warning is logged: the bank's
   * incident line in I4. Lower pages people for bursts that drain by themselves.
   * @defaultValue 3_600
   */
  lagAlarmSeconds: 3_600,
  /**
   * ABS postings applied per transaction: about what one 4 MiB fetch from Kafka holds. Larger
   * commits less often, but a failing batch is redelivered (and re-applied) whole.
   * @defaultValue 5_000
   */
  absPostingsBatchSize: 5_000,
  /**
   * ABS calls in flight across all instances (incident I1): the ABS collapses past ~100 RPS. Higher
   * closes gaps sooner until the ABS slows down for everyone.
   * @defaultValue 50
   */
  absPullLimit: 50,
  /**
   * How long an ABS slot stays taken without renewal, ms: how long a dead instance's slot is lost
   * to the others. Shorter frees it sooner, and renews (every third of it) more often.
   * @defaultValue 10_000
   */
  absSlotLeaseMs: 10_000,
  /**
   * Wait between attempts while every ABS slot is taken, ms (plus as much jitter). Shorter takes a
   * freed slot sooner, at the cost of more queries while the limit is reached.
   * @defaultValue 20
   */
  absSlotRetryMs: 20,
  /**
   * ABS pull jobs one instance works on at once; the global slot limit still applies. More only
   * helps while slots are free.
   * @defaultValue 8
   */
  pullWorkerConcurrency: 8,
  /**
   * How long a consumer group waits for a silent (killed) instance before handing its partitions
   * on, ms (kafkajs' value). Shorter hands them on sooner after a crash; too short evicts a member
   * busy with a long batch. At least the broker's group.min.session.timeout.ms (6 000). It is also
   * how long an instance restarted after a crash stays not ready: its consumers' join waits for the
   * group to drop the killed member (a stopped one leaves the group at once). kafkajs heartbeats only
   * between chunks of a batch, so a chunk's transaction must finish well within it.
   * @defaultValue 30_000
   */
  kafkaSessionTimeoutMs: 30_000,
  /**
   * Prefix of the instances' consumer groups, one group per consumed topic (`<prefix>.abs`, …).
   * Instances with the same prefix share the work; another prefix consumes everything again.
   * @defaultValue 'corebridge-sync'
   */
  groupId: 'corebridge-sync',
  /**
   * Interface the HTTP API listens on: loopback, so nothing is exposed by accident; 0.0.0.0 in a
   * container.
   * @defaultValue '127.0.0.1'
   */
  host: '127.0.0.1',
  /**
   * When `corebridge sync` reconciles with the ABS replica snapshot (cron, UTC): after the ABS's
   * nightly export, before the bank's day. Every instance carries it; a lock lets one run.
   * (`startSyncService` has no schedule unless given one.)
   * @defaultValue '0 3 * * *'
   */
  reconcileCron: '0 3 * * *',
  /**
   * When `corebridge sync` runs the sampled validation of the CRM/MDM feeds (cron, UTC). More often
   * finds a lost last message sooner, at `validationFraction` of the clients' look-ups per run.
   * @defaultValue '*\/10 * * * *' (every ten minutes)
   */
  validateCron: '*/10 * * * *',
  /**
   * Share of the clients the sampled validation checks per run. Larger finds drift sooner and asks
   * the CRM and the MDM more; at the ten-minute cron 1 % checks a client about 1.4 times a day.
   * @defaultValue 0.01
   */
  validationFraction: 0.01,
  /**
   * Most entities checked per channel and run, so one run's calls to a source stay bounded
   * whatever the number of clients.
   * @defaultValue 10_000
   */
  validationLimit: 10_000,
  /**
   * Reference look-ups in flight per channel during a validation: gentle on the CRM and the MDM,
   * at the cost of a longer run.
   * @defaultValue 4
   */
  validationConcurrency: 4,
  /**
   * How often (real ms) a cron schedule looks at the (possibly compressed) clock. Shorter starts a
   * job closer to its time, with more wake-ups.
   * @defaultValue 1_000
   */
  scheduleCheckEveryMs: 1_000,
  /**
   * Outbox events claimed and published per transaction. Larger publishes faster, but a crash
   * mid-batch publishes that many again (consumers drop them by event id).
   * @defaultValue 500
   */
  outboxBatchSize: 500,
  /**
   * Outbox batches in flight at once in one instance. A second loop overlaps PostgreSQL with Kafka,
   * but when aggregates recur within a batch it mostly claims rows it must hold back (measured:
   * slower).
   * @defaultValue 1
   */
  outboxConcurrency: 1,
  /**
   * PostgreSQL connections per instance. More lets more consumers and workers query at once,
   * times the number of instances against the server's max_connections.
   * @defaultValue 20
   */
  poolMax: 20,
  /**
   * One HTTP call to a source (ABS, CRM, MDM), ms. Longer waits out a slow source; shorter frees
   * the slot and the consumer sooner when a source hangs (incident I7).
   * @defaultValue 5_000
   */
  sourceTimeoutMs: 5_000,
  /**
   * Attempts per source call before the failure goes back to the caller (whose redelivery backs
   * off further). More rides out a blip; each attempt holds the caller longer.
   * @defaultValue 3
   */
  sourceAttempts: 3,
  /**
   * First retry delay of a source call, ms; it doubles with full jitter up to 2 s.
   * @defaultValue 100
   */
  sourceRetryDelayMs: 100,
  /**
   * Consecutive failures of a source that open its circuit breaker. Fewer stops hammering a dead
   * source sooner; too few opens it on a blip.
   * @defaultValue 5
   */
  breakerOpenAfter: 5,
  /**
   * How long an open breaker waits before it lets one call through, ms. Longer spares a
   * recovering source; shorter notices its recovery sooner.
   * @defaultValue 5_000
   */
  breakerHalfOpenAfterMs: 5_000,
  /**
   * How often each instance asks the ABS for one organisation, ms, so the read API's ABS `asOf`
   * advances on a quiet account and a dead ABS opens its breaker with no pull waiting. Shorter
   * notices an outage and a recovery sooner, at one ABS slot per probe.
   * @defaultValue 15_000
   */
  absProbeEveryMs: 15_000,
});
