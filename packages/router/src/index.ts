export type { AgentContext, AgentHandler } from './agent-context';
export type { AgentRoute } from './agent-route';
export type {
  AgentRouterOptions,
  InvokeOptions,
  RouteOptions,
  RunOptions,
} from './agent-router';
export { AgentRouter } from './agent-router';
export { agentStep } from './agent-step';
export type {
  AnalyzeOptions,
  ContextAnalysis,
  ContextCue,
  ContextCueKind,
  QueryAnalyzer,
} from './context-analysis';
export type { ContextAnalyzerOptions } from './context-analyzer';
export { ContextAnalyzer } from './context-analyzer';
export type { ConversationEntry } from './conversation-entry';
export { defaultContextWords } from './default-context-words';
export { formatConversation } from './format-conversation';
export { isLLMStream } from './is-llm-stream';
export type { LLMContextAnalyzerOptions } from './llm-context-analyzer';
export { LLMContextAnalyzer } from './llm-context-analyzer';
export type {
  MemoryAwareRouterOptions,
  MemoryRouteDecision,
  MemoryRouteResult,
  MemoryRunOptions,
} from './memory-aware-router';
export { MemoryAwareRouter } from './memory-aware-router';
export type {
  GetMessagesOptions,
  MemoryManagerOptions,
  RememberOptions,
} from './memory-manager';
export { MemoryManager } from './memory-manager';
export type { NoRouteErrorOptions, NoRouteReason } from './no-route-error';
export { NoRouteError } from './no-route-error';
export type { RegisteredAgent } from './registered-agent';
export type { RouteDecision, RouteResult, RouteStrategy } from './route-decision';
export type { KeywordScore } from './score-keywords';
export { scoreKeywords } from './score-keywords';
export type {
  SupervisorOptions,
  SupervisorResult,
  SupervisorRunOptions,
} from './supervisor';
export { Supervisor } from './supervisor';
export type { SupervisorStep } from './supervisor-step';
export type { SupervisorStepsErrorOptions } from './supervisor-steps-error';
export { SupervisorStepsError } from './supervisor-steps-error';
export type {
  ParallelOutputs,
  ParallelStepOptions,
  Routable,
  RouteStepOptions,
  StepContext,
  WorkflowOptions,
  WorkflowRunOptions,
  WorkflowStep,
} from './workflow';
export { createWorkflow, Workflow } from './workflow';
