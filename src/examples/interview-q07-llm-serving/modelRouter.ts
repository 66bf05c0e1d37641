/**
 * Model routing for LLM serving: simple requests go to a small model, complex ones to a
 * large model, and every generated token is charged to the model that produced it.
 *
 * Prices are per 1,000 output tokens. Reading a price "per 1K tokens" as "per token", a factor of 1,000, is the usual
 * slip in back-of-the-envelope costs: at 200M tokens a day, $0.001 per token is $200,000,
 * $0.001 per 1K tokens is $200. Prompt tokens have no price of their own: prefill reads a whole
 * prompt in one pass, far cheaper per token than decoding, so a self-hosted price per output token is meant to cover it.
 */

export type TaskKind = 'classification' | 'extraction' | 'summarization' | 'reasoning' | 'code' | 'open-ended';

/** Tasks a small distilled model handles well when the prompt fits its context. */
export const SIMPLE_TASKS: ReadonlySet<TaskKind> = new Set(['classification', 'extraction', 'summarization']);

export interface ModelTier {
  name: string;
  pricePer1kOutputTokens: number;
  maxPromptTokens: number;
}

export interface LlmRequest {
  task: TaskKind;
  promptTokens: number;
}

export interface RoutingPolicy {
  small: ModelTier;
  large: ModelTier;
}

export type Route = 'small' | 'large';

/** Route by task and prompt size; anything that does not fit the small model goes large. */
export function routeRequest(request: LlmRequest, policy: RoutingPolicy): Route {
  if (!Number.isInteger(request.promptTokens) || request.promptTokens < 0) {
    throw new RangeError(`promptTokens must be a non-negative integer, got ${request.promptTokens}`);
  }
  if (request.promptTokens > policy.large.maxPromptTokens) {
    throw new RangeError(`prompt of ${request.promptTokens} tokens exceeds every model's context`);
  }
  const simple = SIMPLE_TASKS.has(request.task) && request.promptTokens <= policy.small.maxPromptTokens;
  return simple ? 'small' : 'large';
}

export function tokenCost(tier: ModelTier, outputTokens: number): number {
  return (outputTokens / 1000) * tier.pricePer1kOutputTokens;
}

/** Running cost per tier, in dollars, so the routing share and the bill can be checked against each other. */
export class CostLedger {
  private readonly totals = new Map<string, { tokens: number; dollars: number; calls: number }>();

  record(tier: ModelTier, outputTokens: number): void {
    if (!Number.isFinite(outputTokens) || outputTokens < 0) throw new RangeError(`invalid token count ${outputTokens}`);
    const t = this.totals.get(tier.name) ?? { tokens: 0, dollars: 0, calls: 0 };
    this.totals.set(tier.name, { tokens: t.tokens + outputTokens, dollars: t.dollars + tokenCost(tier, outputTokens), calls: t.calls + 1 });
  }

  dollars(tierName?: string): number {
    if (tierName) return this.totals.get(tierName)?.dollars ?? 0;
    return [...this.totals.values()].reduce((sum, t) => sum + t.dollars, 0);
  }

  calls(tierName: string): number {
    return this.totals.get(tierName)?.calls ?? 0;
  }
}

export interface Completion {
  text: string;
  outputTokens: number;
  /** The model's own confidence in [0, 1], e.g. from token log-probabilities or a verifier. */
  confidence: number;
}

export type ModelCall = (request: LlmRequest) => Promise<Completion>;

export interface ServedCompletion extends Completion {
  servedBy: string;
  escalated: boolean;
}

/**
 * Serve with a cascade: try the routed small model; if it fails or is unsure, escalate to the
 * large model. An unsure answer is paid on both tiers (a failed one only on the large tier), so a high
 * escalation rate erases the saving.
 */
export async function serve(
  request: LlmRequest,
  policy: RoutingPolicy,
  models: { small: ModelCall; large: ModelCall },
  ledger: CostLedger,
  minConfidence = 0.7,
): Promise<ServedCompletion> {
  if (routeRequest(request, policy) === 'small') {
    try {
      const draft = await models.small(request);
      ledger.record(policy.small, draft.outputTokens);
      if (draft.confidence >= minConfidence) return { ...draft, servedBy: policy.small.name, escalated: false };
    } catch {
      // A failing small model must not fail the request: fall through to the large one.
    }
    const answer = await models.large(request);
    ledger.record(policy.large, answer.outputTokens);
    return { ...answer, servedBy: policy.large.name, escalated: true };
  }
  const answer = await models.large(request);
  ledger.record(policy.large, answer.outputTokens);
  return { ...answer, servedBy: policy.large.name, escalated: false };
}

export interface DailyCostInput {
  requestsPerDay: number;
  outputTokensPerRequest: number;
  /** Share of requests routed to the small model, in [0, 1]. */
  smallShare: number;
  /** Share of small-routed requests that escalate and are answered again by the large model, in [0, 1]; default 0. */
  escalationRate?: number;
  policy: RoutingPolicy;
}

function requireNonNegative(name: string, value: number): void {
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`${name} must be a finite number >= 0, got ${value}`);
}

function requireShare(name: string, value: number): void {
  if (!Number.isFinite(value) || value < 0 || value > 1) throw new RangeError(`${name} must be between 0 and 1, got ${value}`);
}

/**
 * Token-proportional compute cost per day; idle capacity and caches come on top. An escalated request
 * keeps its small-model charge and pays the large model for a second answer of the same length.
 */
export function dailyTokenCost(input: DailyCostInput): { small: number; large: number; escalated: number; total: number } {
  const { requestsPerDay, outputTokensPerRequest, smallShare, escalationRate = 0, policy } = input;
  // NaN slips through plain comparisons and would come back as a NaN bill, so every input is checked.
  requireNonNegative('requestsPerDay', requestsPerDay);
  requireNonNegative('outputTokensPerRequest', outputTokensPerRequest);
  requireShare('smallShare', smallShare);
  requireShare('escalationRate', escalationRate);
  const tokens = requestsPerDay * outputTokensPerRequest;
  const smallTokens = tokens * smallShare;
  const small = tokenCost(policy.small, smallTokens);
  const large = tokenCost(policy.large, tokens * (1 - smallShare));
  const escalated = tokenCost(policy.large, smallTokens * escalationRate);
  return { small, large, escalated, total: small + large + escalated };
}
