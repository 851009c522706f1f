export type { AgentContext, AgentHandler } from './agent-context.js';
export type { AgentRoute } from './agent-route.js';
export type {
  AgentRouterOptions,
  InvokeOptions,
  RouteOptions,
  RunOptions,
} from './agent-router.js';
export { AgentRouter } from './agent-router.js';
export { agentStep } from './agent-step.js';
export type {
  AnalyzeOptions,
  ContextAnalysis,
  ContextCue,
  ContextCueKind,
  QueryAnalyzer,
} from './context-analysis.js';
export type { ContextAnalyzerOptions } from './context-analyzer.js';
export { ContextAnalyzer } from './context-analyzer.js';
export type { ConversationEntry } from './conversation-entry.js';
export type { JsonIssue } from './create-json-validator.js';
export { createJsonValidator } from './create-json-validator.js';
export { defaultContextWords } from './default-context-words.js';
export { formatConversation } from './format-conversation.js';
export { isLLMStream } from './is-llm-stream.js';
export type { LLMContextAnalyzerOptions } from './llm-context-analyzer.js';
export { LLMContextAnalyzer } from './llm-context-analyzer.js';
export type {
  MemoryAwareRouterOptions,
  MemoryRouteDecision,
  MemoryRouteResult,
  MemoryRunOptions,
} from './memory-aware-router.js';
export { MemoryAwareRouter } from './memory-aware-router.js';
export type {
  GetMessagesOptions,
  MemoryManagerOptions,
  RememberOptions,
} from './memory-manager.js';
export { MemoryManager } from './memory-manager.js';
export type { NoRouteErrorOptions, NoRouteReason } from './no-route-error.js';
export { NoRouteError } from './no-route-error.js';
export type { RegisteredAgent } from './registered-agent.js';
export type { RouteDecision, RouteResult, RouteStrategy } from './route-decision.js';
export type { KeywordScore } from './score-keywords.js';
export { scoreKeywords } from './score-keywords.js';
export type {
  SupervisorOptions,
  SupervisorResult,
  SupervisorRunOptions,
} from './supervisor.js';
export { Supervisor } from './supervisor.js';
export type { SupervisorStep } from './supervisor-step.js';
export type { SupervisorStepsErrorOptions } from './supervisor-steps-error.js';
export { SupervisorStepsError } from './supervisor-steps-error.js';
export type {
  ParallelOutputs,
  ParallelStepOptions,
  Routable,
  RouteStepOptions,
  StepContext,
  WorkflowOptions,
  WorkflowRunOptions,
  WorkflowStep,
} from './workflow.js';
export { createWorkflow, Workflow } from './workflow.js';
