/** The fault engine's public surface: rules, the engine, and its HTTP and message adapters. */
export type { ActionContext, ActionHandler, ActionOutcome } from './action-handlers.ts';
export { type AvalanchePacking, packAvalanche } from './avalanche-batches.ts';
export {
  type ActionEffectType,
  type ChannelKind,
  channelKindOf,
  EFFECT_CHANNELS,
  type EffectOf,
  type FaultEffect,
  type FaultEffectType,
  faultEffectSchema,
} from './fault-effect-schema.ts';
export {
  createFaultEngine,
  type FaultDecision,
  type FaultEngine,
  type FaultEngineOptions,
} from './fault-engine.ts';
export {
  DEFAULT_JOURNAL_CAPACITY,
  FaultJournal,
  type FaultJournalEntry,
  type JournalEntryKind,
} from './fault-journal.ts';
export {
  FaultRuleError,
  isFaultRuleError,
  type ParsedFaultRule,
  parseFaultRule,
} from './fault-rule-error.ts';
export {
  type FaultMatch,
  type FaultRule,
  type FaultRuleInput,
  faultMatchSchema,
  faultRuleSchema,
  faultRulesSchema,
  faultWindowSchema,
} from './fault-rule-schema.ts';
export { FAULT_TARGETS, type FaultTarget, isFaultTarget } from './fault-targets.ts';
export { type HeldMessagePump, startHeldMessagePump } from './held-message-pump.ts';
export type { ReleasedMessage } from './held-messages.ts';
export { defaultErrorRenderer, type ErrorRenderer, type RenderedError } from './http-error-renderer.ts';
export { type HttpFaultOptions, httpFaults } from './http-faults.ts';
export {
  type DroppedMessage,
  type FaultEnvelope,
  type MessageFaultStage,
  messageFaults,
  type StagedBatch,
} from './message-faults.ts';
export type { RuleCounts } from './rule-counters.ts';
export type { ActiveFaultRule } from './rule-runtime.ts';
export { decisionRandom, type Random } from './seeded-random.ts';
