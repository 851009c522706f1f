// The public names of @kagura-ts/router, listed one by one.
//
// The source is in folders, each importing only the folders after it in this order (the import
// cycle checker, scripts/check-import-cycles.mjs, fails on any import the other way):
//
//   supervisor > workflow > routing > context > memory > util
//
// - supervisor/: the supervisor pattern, over a router's agents.
// - workflow/:   workflows (steps, parallel fan-out, route steps) and agentStep.
// - routing/:    AgentRouter and its strategies (keyword, LLM, your own), MemoryAwareRouter,
//                NoRouteError.
// - context/:    whether a query needs earlier context (word rules, or a model).
// - memory/:     MemoryManager: working memory, the conversation, persistent memory.
// - util/:       small shared helpers (words, message text, JSON validators, stream checks).

export type {
  AnalyzeOptions,
  ContextAnalysis,
  ContextCue,
  ContextCueKind,
  QueryAnalyzer,
} from './context/context-analysis.js';
export type { ContextAnalyzerOptions } from './context/context-analyzer.js';
export { ContextAnalyzer } from './context/context-analyzer.js';
export { defaultContextWords } from './context/default-context-words.js';
export type { LLMContextAnalyzerOptions } from './context/llm-context-analyzer.js';
export { LLMContextAnalyzer } from './context/llm-context-analyzer.js';
export type { ConversationEntry } from './memory/conversation-entry.js';
export type {
  GetMessagesOptions,
  MemoryManagerOptions,
  RememberOptions,
} from './memory/memory-manager.js';
export { MemoryManager } from './memory/memory-manager.js';
export type { AgentContext, AgentHandler } from './routing/agent-context.js';
export type { AgentRoute } from './routing/agent-route.js';
export type {
  AgentRouterOptions,
  InvokeOptions,
  RouteOptions,
  RunOptions,
} from './routing/agent-router.js';
export { AgentRouter } from './routing/agent-router.js';
export { createKeywordStrategy } from './routing/create-keyword-strategy.js';
export type { LLMStrategyOptions } from './routing/create-llm-strategy.js';
export { createLLMStrategy } from './routing/create-llm-strategy.js';
export type {
  MemoryAwareRouterOptions,
  MemoryRouteDecision,
  MemoryRouteResult,
  MemoryRunOptions,
} from './routing/memory-aware-router.js';
export { MemoryAwareRouter } from './routing/memory-aware-router.js';
export type { NoRouteErrorOptions, NoRouteReason } from './routing/no-route-error.js';
export { NoRouteError } from './routing/no-route-error.js';
export type { RegisteredAgent } from './routing/registered-agent.js';
export type { RouteDecision, RouteResult } from './routing/route-decision.js';
export type {
  RouteChoice,
  RouteStrategy,
  RouteStrategyContext,
  RouteStrategyName,
} from './routing/route-strategy.js';
export type { KeywordScore } from './routing/score-keywords.js';
export { scoreKeywords } from './routing/score-keywords.js';
export type { WorkflowAgent } from './routing/workflow-agent.js';
export type {
  SupervisorOptions,
  SupervisorResult,
  SupervisorRunOptions,
} from './supervisor/supervisor.js';
export { Supervisor } from './supervisor/supervisor.js';
export type { SupervisorStep } from './supervisor/supervisor-step.js';
export type { SupervisorStepsErrorOptions } from './supervisor/supervisor-steps-error.js';
export { SupervisorStepsError } from './supervisor/supervisor-steps-error.js';
export type { JsonIssue } from './util/create-json-validator.js';
export { createJsonValidator } from './util/create-json-validator.js';
export { formatConversation } from './util/format-conversation.js';
export { isLLMStream } from './util/is-llm-stream.js';
export { agentStep } from './workflow/agent-step.js';
export type {
  ParallelOutputs,
  ParallelStepOptions,
  Routable,
  RouteStepOptions,
  StepContext,
  WorkflowOptions,
  WorkflowRunOptions,
  WorkflowStep,
} from './workflow/workflow.js';
export { createWorkflow, Workflow } from './workflow/workflow.js';
